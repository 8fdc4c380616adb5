# A student's answer to "how many faults does touching 10 MB take?" (one claim is wrong)
scenario "Faults of a first touch" {
  machine {
    ram 1 GB
    thp never
    aslr off
  }

  process p pid 100

  at 1 ms: p maps buf anon 10 MB rw private
  at 2 ms: p touches buf

  expect: p.faults.minor == 2561           # wrong: 10 MB / 4 KB is 2560
  expect: p.rss == 10 MB
}
