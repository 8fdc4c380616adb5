scenario "A size where a time is expected" {
  machine {
    ram 4 s
    disk ssd latency 100 MB bandwidth 500 MB/s
  }
  process p pid 10
  at 5 MB: p allocates 1 ms
  expect at 2 GB: p alive
}
