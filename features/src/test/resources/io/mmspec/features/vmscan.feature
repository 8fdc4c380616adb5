Feature: Page reclaim (mm/vmscan.c)

  Every page in use sits on one of the LRU lists of its node: inactive and active anon,
  inactive and active file, and unevictable. When an allocation finds a zone below its low
  watermark, the allocator's slow path wakes kswapd (wakeup_kswapd), which reclaims in the
  background (balance_pgdat) until a zone is above its high watermark; if free pages run out
  before that, the allocating task reclaims itself (direct reclaim, do_try_to_free_pages).
  shrink_lruvec() splits each pass between anon and file pages by get_scan_count(): with
  vm.swappiness 0 the anon share is 0, so clean page cache goes first. Clean file pages are
  simply dropped; anonymous ones must go to swap. mlocked pages are on the unevictable list
  and are never scanned.

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

  Scenario: kswapd wakes when memory runs low, before the allocating task reclaims itself
    # 8 MB touched at 1 s leaves plenty free: no wakeup. 80 MB touched at 2 s runs the
    # zones below their low watermark: kswapd is woken from the slow path first, and direct
    # reclaim follows only when kswapd cannot keep up. Both reclaim (pgsteal_*).
    When these actions happen:
      """
      at 1 s: p maps a anon 8 MB rw private
      at 1 s: p touches a
      at 2 s: p maps buf anon 80 MB rw private
      at 2 s: p touches buf
      """
    Then these expectations hold:
      """
      expect never: event kswapd_wake before 2 s
      expect: event kswapd_wake between 2 s and 2.1 s
      expect: event kswapd_wake before event direct_reclaim
      expect: vmstat.pgsteal_kswapd > 0
      expect: p alive
      """

  Scenario: With swappiness 0, clean page cache is reclaimed and no anonymous page is swapped
    # q caches a 24 MB file (24576 KB). p then needs 48 MB of anonymous memory on a 64 MB
    # machine. get_scan_count() with swappiness 0 gives anon a share of 0 (ap = 0), and the
    # file list is far from tiny, so only file pages are taken: nothing is swapped (neither
    # written nor zero-marked), and p's 8 MB holding data stays resident. In the observed run
    # kswapd steals 2492 pages and direct reclaim 381: 2873 pages = 11492 KB, exactly what
    # the file loses: 24576 - 11492 = 13084 KB stay cached. (The tasks' kernel memory, their
    # task_structs, kernel stacks and VMA objects, is part of the pressure.)
    Given this machine:
      """
      swappiness 0
      """
    And a file "/data/cache" of 24 MB
    And a process "q" with pid 200
    When these actions happen:
      """
      at 1 s: q reads file "/data/cache"
      at 2 s: p maps a anon 8 MB rw private
      at 2 s: p writes "anon" at a
      at 2 s: p touches a
      at 3 s: p maps buf anon 40 MB rw private
      at 3 s: p touches buf
      """
    Then these expectations hold:
      """
      expect at 1.5 s: file "/data/cache".cached == 24 MB
      expect: file "/data/cache".cached == 13084 KB
      expect: vmstat.pgsteal_kswapd == 2492
      expect: vmstat.pgsteal_direct == 381
      expect: vmstat.pswpout == 0
      expect: vmstat.swpout_zero == 0
      expect: a of p is resident
      expect: p reads "anon" at a
      """

  Scenario: mlocked pages stay resident while the rest of the process is swapped
    # a (8 MB = 2048 pages) is faulted in, then mlocked: its pages move to the unevictable
    # list (unevictable_pgs_mlocked 2048, Mlocked and Unevictable 8 MB). Touching 80 MB then
    # forces reclaim to swap anonymous pages (buf's page 0 holds data: pswpout > 0), but
    # never one of a's.
    When these actions happen:
      """
      at 1 s: p maps a anon 8 MB rw private
      at 1 s: p writes "locked" at a
      at 1 s: p touches a
      at 1 s: p locks a
      at 2 s: p maps buf anon 80 MB rw private
      at 2 s: p writes "x" at buf
      at 2 s: p touches buf
      """
    Then these expectations hold:
      """
      expect: vmstat.pswpout > 0
      expect: a of p is resident
      expect: p reads "locked" at a
      expect: p.locked == 8 MB
      expect: meminfo.Mlocked == 8 MB
      expect: meminfo.Unevictable == 8 MB
      expect: vmstat.unevictable_pgs_mlocked == 2048
      expect: p alive
      """
