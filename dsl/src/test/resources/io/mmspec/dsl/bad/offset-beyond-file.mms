scenario "Offsets past the end of a file" {
  file "/data/small" size 8 KB
  process p pid 10
  at 1 s: p reads file "/data/small" 4 KB at 8 KB
  at 2 s: p reads file "/data/small" 4 KB at 4 KB
  expect: file "/data/small" holds "x" at 16 KB
}
