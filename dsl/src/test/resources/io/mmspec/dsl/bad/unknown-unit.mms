scenario "Units are the kernel's" {
  machine { ram 16 gb }
  process p pid 10
  at 1 sec: p allocates 5 mB
  expect: p.rss > 5 mega
}
