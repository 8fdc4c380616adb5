# A lexical mistake hides its line from the parser; the syntax of the other lines is still checked.
scenario "Lexical and syntax mistakes together" {
  process p pid 10
  at 1 ms: p maps buf anon 1 MB rw private
  at 2 s: p touches buf @ 4 KB
  at 3 s: p alocates 5 MB
  at 4 s: p writes "never closed at buf
  at 5 s: p touches buf[0 KB .. 4]
}
