scenario "Time goes backwards inside one statement" {
  process p pid 10 uses 4 MB as heap
  every 10 ms from 5 s to 2 s: p touches heap
  every 0 ms from 1 s to 2 s: p touches heap
  after -1 s: p touches heap
  at -2 s: p touches heap
  repeat 0 times: p touches heap
  expect: event page_fault between 3 s and 1 s
}
