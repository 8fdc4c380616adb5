scenario "More than 1 TB" {
  machine {
    ram 2 TB
    disk ssd
    swap 4 TB on ssd
  }
  file "/data/huge" size 1.5 TB on ssd
  process p pid 10
  at 1 s: p allocates 200 TB
}
