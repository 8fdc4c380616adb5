# Every form of expectation and every predicate.
scenario "Every expectation" {
  machine { ram 2 GB; disk ssd; swap 1 GB on ssd }
  file "/lib/x.so" size 2 MB on ssd
  process p pid 10 uses 8 MB as heap
  process q pid 20
  at 1 s "grow": p allocates 100 MB as big
  at 2 s "map": q maps lib file "/lib/x.so" 2 MB r-x private
  at 3 s: q writes "boom" at lib + 4 KB

  expect: p alive
  expect at 1.005 s: p.rss >= 8 MB
  expect by 2 s: p.rss.anon > 100 MiB
  expect never: p killed
  expect always: p.vmas >= 1
  expect [2 points]: q killed by SIGSEGV at lib + 4 KB
  expect [1 point] "q dies": q killed
  expect at 5 s [3 points] "exit code": q exited with code 139
  expect: q exited
  expect: p killed by oom
  expect: p.rss.file == 0
  expect: p.swap <= 1 GB
  expect: p.vmsize < 200 MB
  expect: p.faults.major == 0
  expect: p.oom_score != q.oom_score
  expect: p.tlb.hits > p.tlb.misses
  expect: p.tlb.flushes >= 0
  expect: meminfo.MemFree > 100 MB
  expect: meminfo.Active(anon) >= 8 MB
  expect: meminfo.HugePages_Total == 0
  expect: vmstat.pgfault > 0
  expect: vmstat.nr_free_pages > 1000
  expect: zone "Normal".free > 1000 pages
  expect: zone "DMA32".min >= 1 pages
  expect: buddyinfo "Normal" order 10 >= 1
  expect: slab "kmalloc-2k".num_objs >= 0
  expect: slab "kmalloc-96".objsize == 96 B
  expect: swap.used < 1 GB
  expect: file "/lib/x.so".cached <= 2 MB
  expect: tlb.shootdowns >= 0
  expect: p reads "\0" at big
  expect: file "/lib/x.so" holds "\x7fELF" at 0 KB
  expect: heap of p is resident
  expect: big of p is swapped
  expect: big[0 KB .. 4 KB] of p is huge
  expect: lib of q is unmapped
  expect: heap of p has 1 vmas
  expect: dmesg contains "Out of memory"
  expect: event oom_kill
  expect: event page_fault for p count >= 1 before 2 s
  expect: event swap_out after 1 s
  expect: event kswapd_wake between 1 s and 3 s
  expect: event direct_reclaim before event oom_kill
  expect: event oom_reap after event oom_kill
  expect: action "grow" succeeded
  expect: action "map" failed with EACCES
}
