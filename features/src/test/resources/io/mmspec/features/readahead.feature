Feature: Readahead reads a file ahead of its reader (mm/readahead.c, mm/fadvise.c)

  A read() that misses the page cache calls page_cache_sync_ra(). A read from the start of a
  file, or right after the previous one, looks sequential: it reads a first window of
  get_init_ra_size() pages and puts the PG_readahead marker on a page inside it. When the reader
  reaches the marked page, page_cache_async_ra() reads the next window, of get_next_ra_size()
  pages, before it is needed. Windows grow 4, 8, 16, 32 pages with the device's read_ahead_kb of
  128 KB (ra_pages = 32) and stay at 32. A read that is neither reads only the page asked for.
  posix_fadvise() changes the rules per file: RANDOM turns readahead off (FMODE_RANDOM),
  SEQUENTIAL doubles ra_pages, WILLNEED reads ahead at once (force_page_cache_ra).
  The seed's rule "readahead stops when the hit rate falls below 25%" does not exist in the
  kernel: a random reader gets no readahead because its reads are not sequential, whatever the
  hit rate (kernel-facts §9).

  Background:
    Given a machine with 1 GB of RAM and 2 CPUs
    And a file "/data/big" of 1 MB
    And a process "p" with pid 100

  Scenario: A sequential read of 1 MB takes 11 disk requests, not 256
    # 1 MB = 256 pages, read one page per read(). get_init_ra_size(1, 32): roundup_pow_of_two(1)
    # = 1 <= 32/32, so 4 x 1 = 4 pages, marker on page 1 (start + size - async, async = 4 - 1).
    # get_next_ra_size: 4 < 32/16? no; 4 <= 16 -> 8; 8 -> 16; 16 -> 32; 32 > 16 -> max 32.
    # Windows [0,4) [4,12) [12,28) [28,60) then 32 pages each: 60 + 6 x 32 = 252, and one more
    # window from page 252 that stops at the end of the file: 4 + 7 = 11 readaheads.
    # Only the first read misses; every later window is read before the reader gets there.
    When these actions happen:
      """
      at 1 s: p reads file "/data/big" sequentially
      """
    Then these expectations hold:
      """
      expect: event readahead count == 11
      expect: event page_cache_miss count == 1
      expect: file "/data/big".cached == 1 MB
      """
    # pgpgin counts KB: every page read from disk exactly once, 256 x 4 KB
    And vmstat pgpgin is 1024

  Scenario: A random reader gets no readahead
    # A read that is neither at index 0 nor next to the previous one, with no cached history
    # before it (page_cache_prev_miss), makes page_cache_sync_ra read the requested page alone.
    # With seed 1 the 20 draws (the observed run) are 20 distinct pages, none of them page 0 or
    # the page right after the previous read: 20 one-page reads, 20 x 4 KB = 80 KB.
    # (A draw of page 0 would start a sequential window of 4, as the kernel does.)
    Given the seed is 1
    When these actions happen:
      """
      at 1 s: p reads file "/data/big" randomly 20 times
      """
    Then these expectations hold:
      """
      expect: event readahead count == 20
      expect: event page_cache_miss count == 20
      expect: file "/data/big".cached == 80 KB
      """
    And vmstat pgpgin is 80

  Scenario: After a miss in the middle, the next page starts a sequential window
    # Page 128 (512 KB): no history, 1 page. Page 129: index - prev = 1, sequential:
    # get_init_ra_size(1, 32) = 4 pages from 129, so 1 + 4 = 5 pages = 20 KB read.
    When these actions happen:
      """
      at 1 s: p reads file "/data/big" 4 KB at 512 KB
      at 2 s: p reads file "/data/big" 4 KB at 516 KB
      """
    Then these expectations hold:
      """
      expect at 1.5 s: vmstat.pgpgin == 4
      expect: event readahead count == 2
      """
    And vmstat pgpgin is 20

  Scenario: fadvise(RANDOM) turns readahead off
    # FMODE_RANDOM: force_page_cache_ra(req) of the one page asked for: 256 reads, 256 disk
    # requests, each a miss, 1 MB in all
    When these actions happen:
      """
      at 1 s: p advises file "/data/big" random
      at 1 s: p reads file "/data/big" sequentially
      """
    Then these expectations hold:
      """
      expect: event readahead count == 256
      expect: event page_cache_miss count == 256
      """
    And vmstat pgpgin is 1024

  Scenario: fadvise(SEQUENTIAL) doubles the window
    # ra_pages = 2 x 32 = 64. get_next_ra_size(cur, 64): 4 < 64/16 = 4? no, 4 <= 32 -> 8;
    # 8 -> 16; 16 -> 32; 32 <= 32 -> 64; then 64. [0,4) [4,12) [12,28) [28,60) [60,124)
    # [124,188) [188,252) [252,316) cut at the end: 8 readaheads instead of 11.
    When these actions happen:
      """
      at 1 s: p advises file "/data/big" sequential
      at 1 s: p reads file "/data/big" sequentially
      """
    Then these expectations hold:
      """
      expect: event readahead count == 8
      expect: event page_cache_miss count == 1
      """
    And vmstat pgpgin is 1024

  Scenario: fadvise(WILLNEED) reads ahead at once, but only max(io_pages, ra_pages) pages
    # force_page_cache_ra caps the request at max(32, 32) = 32 pages = 128 KB, so a 4 MB
    # file is not read whole; nothing is read by the process itself.
    Given a file "/data/huge" of 4 MB
    When these actions happen:
      """
      at 1 s: p advises file "/data/huge" willneed
      """
    Then these expectations hold:
      """
      expect: event readahead count == 1
      expect: file "/data/huge".cached == 128 KB
      expect: event page_cache_miss count == 0
      """
    And vmstat pgpgin is 128
