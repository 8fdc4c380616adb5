Feature: Swap: anonymous pages go to a swap device and come back (mm/swapfile.c, mm/swap_state.c, mm/page_io.c)

  When reclaim takes an anonymous page, shrink_folio_list() gives it a swap slot
  (folio_alloc_swap), writes it out (swap_writeout: pswpout) and replaces its PTE by a swap
  entry. A page of zeros is not written at all: the slot is marked zero (swpout_zero) and reads
  back as zeros, as Linux 6.x does. A later access faults into do_swap_page(): the page is looked
  up in the swap cache (a minor fault if it is there) or read from the device (a major fault,
  pswpin) together with the swapped pages around it in its VMA (VMA-based swap readahead,
  2^page_cluster = 8 pages at most: swap_ra, swap_ra_hit). The bytes that come back are the bytes that went out.

  Background:
    Given this machine:
      """
      ram 64 MB
      cpus 1
      disk ssd latency 100 us bandwidth 500 MB/s
      swap 64 MB on ssd
      thp never
      """
    And a process "p" with pid 100

  Scenario: A process larger than RAM swaps, and its data comes back unchanged
    # 80 MB = 20480 pages on a 16384-page machine. Pages 0, 1 and 100 hold data; the others
    # are only touched and stay zero. Reclaim takes the oldest anonymous pages first (the
    # inactive anon list is in fault order), so pages 0, 1 and 100 are among the first out:
    # exactly those 3 are written (pswpout 3); the zero pages only get zero-marked slots.
    # In the observed run 4585 pages are out by 2.9 s: 3 written + 4582 zero = 18340 KB of swap
    # (the tasks' kernel memory, task_structs, stacks and VMA objects, is part of the pressure).
    # SwapTotal is 64 MB less the swap header page: 65532 KB.
    When these actions happen:
      """
      at 1 s: p maps buf anon 80 MB rw private
      at 1 s: p writes "first page" at buf
      at 1 s: p writes "second" at buf + 4 KB
      at 1 s: p writes "page 100" at buf + 400 KB
      at 2 s: p touches buf
      at 3 s: p reads buf[0 KB .. 8 KB]
      at 4 s: p reads buf[400 KB .. 404 KB]
      """
    Then these expectations hold:
      """
      expect at 2.9 s: vmstat.pswpout == 3
      expect at 2.9 s: vmstat.swpout_zero == 4582
      expect at 2.9 s: p.swap == 18340 KB
      expect at 2.9 s: buf[0 KB .. 8 KB] of p is swapped
      expect at 2.9 s: p.faults.major == 0
      expect: meminfo.SwapTotal == 65532 KB
      expect: p reads "first page" at buf
      expect: p reads "second" at buf + 4 KB
      expect: p reads "page 100" at buf + 400 KB
      expect: p alive
      """
    # Readahead follows the VMA, not the device (swap_vma_readahead, the default on an SSD):
    # the window is __swapin_nr_pages() of the VMA's previous fault, placed around this one.
    # Page 0: the VMA has no readahead state yet (previous fault 0, no hits): window 1, a major
    # fault. Page 1: next to page 0, no hits: window 2 forward, pages 1 and 2; page 2 is a
    # zero-marked slot, read ahead without I/O (swap_ra 1, swpin_zero 1). Page 100 at 4 s: not
    # in the swap cache (its slot follows page 1's on the device, but the window is by
    # address), no hits and not next to page 1: window 1, the third major fault, and page 2 is
    # never used (swap_ra_hit 0). 3 pages read from the device, one per major fault.
    And "p" has 3 major faults
    And vmstat pswpin is 3
    And vmstat swpin_zero is 1
    And vmstat swap_ra is 1
    And vmstat swap_ra_hit is 0

  Scenario: A page of zeros is not written to swap and reads back as zeros
    # 80 MB only touched: every page reclaimed holds zeros, so none is written (pswpout 0),
    # each slot is marked zero, and reading them back needs no I/O (pswpin 0).
    When these actions happen:
      """
      at 1 s: p maps buf anon 80 MB rw private
      at 2 s: p touches buf
      at 3 s: p reads buf[0 KB .. 8 KB]
      """
    Then these expectations hold:
      """
      expect at 2.9 s: vmstat.swpout_zero > 0
      expect at 2.9 s: buf[0 KB .. 8 KB] of p is swapped
      expect: vmstat.pswpout == 0
      expect: vmstat.pswpin == 0
      expect: p reads "\0\0\0\0" at buf + 4 KB
      """
