scenario "Expectations at a negative time" {
  process p pid 10
  expect at -1 s: p alive
  expect by -5 ms: p alive
  expect [0 points]: p alive
}
