scenario "A typo in a region name" {
  process p pid 10
  at 1 s: p maps buffer anon 1 MB rw private
  at 2 s: p touches bufer
  expect: bufer of p is resident
  expect: p reads "x" at buffr
  expect: p killed by SIGSEGV at bufer
}
