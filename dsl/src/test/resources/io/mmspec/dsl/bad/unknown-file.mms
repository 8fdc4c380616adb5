scenario "Files must be declared or written first" {
  file "/usr/bin/firefox" size 100 MB { text 50 MB }
  process p pid 10
  at 1 s: p execs "/usr/bin/firefx"
  at 2 s: p reads file "/tmp/log" 4 KB
  at 3 s: p writes file "/tmp/log" "hello"
  at 4 s: p fsyncs "/nowhere"
  expect: file "/usr/bin/firefox".cache > 0 B
}
