scenario "Labels are unique" {
  process p pid 10
  at 1 s "grow": p allocates 1 MB
  at 2 s "grow": p allocates 2 MB
  expect "alive": p alive
  expect "alive": p alive
}
