# Swap and reclaim (seed FILE 6 swap.c, FILE 7 vmscan.c): a process larger than RAM.
# Its pages are written to swap asynchronously: pageout() queues a write and the page stays in
# the swap cache under writeback (meminfo Writeback) until the disk completes it; then the
# page rotates to the tail of the inactive list and the next scan frees it. Reading the
# memory back sequentially faults the pages in with VMA-based readahead: windows of 1, 2, 4
# and then 8 pages (2^page-cluster), the later pages found in the swap cache (swap_ra_hit).
scenario "Swap and reclaim" {
  seed 7

  machine {
    ram 256 MB
    cpus 1
    disk ssd latency 1 ms bandwidth 200 MB/s
    swap 512 MB on ssd
  }

  process p pid 100

  at 1 s: p allocates 320 MB as big
  at 1 s: p writes "kept" at big
  at 5 s: p reads big[0 KB .. 256 KB]

  expect: event kswapd_wake before 2 s
  expect: event direct_reclaim after 1 s
  expect by 4 s: meminfo.Writeback > 0 KB
  expect at 4 s: vmstat.pswpout > 16384
  expect at 4 s: p.swap > 64 MB
  # big's first 64 pages are its oldest, so all were swapped out. Reading them in order: the
  # first fault has no readahead state (window 1), the next is adjacent (2), then 1 hit gives 4,
  # and from there 8 (the cap): 1 + 2 + 4 + 8 x 8 = 71 pages read in 11 major faults, 60 of
  # them ahead of need; every page read ahead and then used is a swap_ra_hit.
  expect: p.faults.major == 11
  expect: vmstat.pswpin == 71
  expect: vmstat.swap_ra == 60
  expect: vmstat.swap_ra_hit >= 53
  expect: p reads "kept" at big
  expect: p alive
}
