scenario "Strings and characters" {
  process p pid 10
  at 1 s: p writes "tab\q" at buf
  at 2 s: p writes 'x' at buf
  at 3 s: p writes "never closed at buf
  at 4 s: p touches buf @ 4 KB
}
