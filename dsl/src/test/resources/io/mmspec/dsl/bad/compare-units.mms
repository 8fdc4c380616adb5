scenario "Units in comparisons" {
  process p pid 10 uses 4 MB
  expect: p.faults.minor == 300 KB
  expect: p.rss == 1200
  expect: p.rss > 2 s
  expect: p.vmas > p.rss
  expect: p.oom_score >= 2.5
  expect: meminfo.MemFree > 100
  expect: vmstat.pgfault > 1 MB
  expect: p.rss == 0
}
