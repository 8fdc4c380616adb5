# The "few more forms" of the language tour (DESIGN.md), as one scenario.
scenario "A few more forms" {
  machine { ram 1 GB; cpus 2 }

  file "/data/w" size 64 KB
  process p pid 100
  process q pid 200

  at 1 ms: q maps ro anon 4 KB r-- private
  at 1 ms: q writes "x" at ro
  at 2 ms: p maps buf anon 300 pages rw private populate
  at 3 ms: p reads buf sequentially            # one access per page, in order
  at 3 ms: p touches buf[4 KB .. 512 KB]       # one write per page of that range
  at 4 ms: p locks buf                         # mlock
  at 5 ms: p advises buf dontneed              # madvise
  at 6 ms: p protects buf[8 KB .. 16 KB] r--   # mprotect
  at 7 ms: p remaps buf 600 pages              # mremap
  at 8 ms: p writes file "/data/w" "hello" at 8 KB
  at 9 ms: p reads file "/data/w" 4 KB at 8 KB
  at 10 ms: p replays "traces/p.trace"          # a reference string or a valgrind lackey trace

  expect at 2.5 ms: p.faults.minor == 300      # counters are cumulative at that time
  expect: buf of p has 3 vmas
  expect: buf of p is resident                 # or swapped, unmapped, huge
  expect: file "/data/w" holds "hello" at 8 KB
  expect: q killed by SIGSEGV at ro
  expect: event readahead count == 5
}
