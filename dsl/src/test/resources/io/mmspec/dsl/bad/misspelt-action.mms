scenario "A misspelt action" {
  process p pid 10
  at 1 s: p alocates 5 MB
}
