scenario "Only a fault has an address" {
  process p pid 10
  at 1 s: p maps buf anon 4 KB r-- private
  at 2 s: p writes "x" at buf
  expect: p killed by oom at buf
  expect: p killed by SIGSEGV at buf[8 KB .. 4 KB]
}
