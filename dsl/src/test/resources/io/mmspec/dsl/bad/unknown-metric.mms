scenario "Metrics named the kernel's way" {
  process p pid 10 uses 4 MB
  expect: p.faults.minr == 3
  expect: p.rrs > 1 MB
  expect: meminfo.Memfree > 1 MB
  expect: meminfo.MemFree(anon) > 1 MB
  expect: vmstat.pgfaults > 0
  expect: zone "normal".free > 10 pages
  expect: zone "Normal".fre > 10 pages
  expect: slab "kmalloc-2048".num_objs > 0
  expect: slab "kmalloc-2k".numobjs > 0
  expect: buddyinfo "Normal" order 11 > 0
  expect: swap.usd > 0 B
  expect: tlb.miss > 0
}
