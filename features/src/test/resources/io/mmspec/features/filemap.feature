Feature: The page cache and writeback (mm/filemap.c, mm/page-writeback.c, fs/fs-writeback.c)

  Every file's data passes through the page cache, one XArray of pages per file
  (mapping->i_pages). filemap_read() looks each page up (filemap_get_folio); a miss reads it
  from disk, with readahead, and a hit copies it from memory at no disk cost. A write dirties
  the cached page (folio_account_dirtied: nr_dirtied) and returns; the data reaches the disk
  when fsync() writes the file's dirty pages (file_write_and_wait_range), or when the flusher,
  woken dirty_writeback_centisecs (5 s) after the first page is dirtied and every 5 s while
  anything is dirty, writes the inodes dirtied more than dirty_expire_centisecs (30 s) ago
  (wb_check_old_data_flush). MAP_SHARED mappings map the cached pages themselves, so every
  mapper sees every write. drop_caches frees the clean pages nobody maps; dirty ones stay.

  Background:
    Given a machine with 1 GB of RAM and 2 CPUs
    And a file "/data/f" of 64 KB
    And a process "p" with pid 100
    And a process "q" with pid 200

  Scenario: A page-cache hit costs no disk time; a miss costs the disk's latency
    # The default disk: latency 100 us, 1 GB/s. p's read misses: the first readahead window
    # (4 pages, 16 KB, 15 us at 1 GB/s) takes 100 + 15 = 115 us, so p's next action, a store
    # into its buffer, happens at 1.000115 s. q's read of the same page at 2 s hits: its store
    # is done at once (a page fault, well under 10 us).
    When these actions happen:
      """
      at 0 s: p maps buf anon 4 KB rw private
      at 0 s: q maps buf anon 4 KB rw private
      at 1 s: p reads file "/data/f" 4 KB
      at 1 s: p writes "after-miss" at buf
      at 2 s: q reads file "/data/f" 4 KB
      at 2 s: q writes "after-hit" at buf
      """
    Then these expectations hold:
      """
      expect at 1.0001 s: p reads "\0" at buf
      expect at 1.0002 s: p reads "after-miss" at buf
      expect at 2.00001 s: q reads "after-hit" at buf
      expect: event page_cache_miss for p count == 1
      expect: event page_cache_miss for q count == 0
      """

  Scenario: A write stays in the page cache until fsync puts it on disk
    # write(2) dirties one page (4 KB, nr_dirtied 1); fsync writes it (nr_written 1)
    Given a file "/data/w" of 16 KB
    When these actions happen:
      """
      at 3 s: p writes file "/data/w" "hello world"
      at 4 s: p fsyncs "/data/w"
      """
    Then these expectations hold:
      """
      expect at 3.5 s: file "/data/w".dirty == 4 KB
      expect at 4.5 s: file "/data/w".dirty == 0
      expect: event fsync count == 1
      expect: event writeback count == 1
      expect: vmstat.nr_dirtied == 1
      expect: vmstat.nr_written == 1
      """
    And the file "/data/w" holds "hello world" at 0 KB

  Scenario: The flusher writes a dirty page once it is 30 seconds old
    # Dirtied at 3 s, the flusher is queued for 8 s and comes back every 5 s while the page is
    # dirty: 8, 13, 18, 23, 28 find nothing older than 30 s; at 33 s the page dirtied at 3 s
    # has expired (dirtied_when <= now - 30 s) and is written.
    When these actions happen:
      """
      at 3 s: p writes file "/data/f" "dirty" at 8 KB
      """
    Then these expectations hold:
      """
      expect at 32 s: file "/data/f".dirty == 4 KB
      expect at 34 s: file "/data/f".dirty == 0
      expect: event writeback count == 1
      expect: event writeback between 32.9 s and 33.1 s
      expect never: event writeback before 30 s
      expect: vmstat.nr_written == 1
      """
    And the file "/data/f" holds "dirty" at 8 KB

  Scenario: MAP_SHARED writers see each other's data, and sync writes it to the file
    # Both map the same 4 cached pages; a writes page 0, q writes page 2: 2 dirty pages
    # (8 KB) until sync(2). A write fault on a shared mapping maps only the faulting page
    # (do_shared_fault has no fault-around): q's RSS is one file page.
    Given a file "/data/s" of 16 KB
    When these actions happen:
      """
      at 3 s: p maps m file "/data/s" 16 KB rw shared
      at 3 s: q maps m file "/data/s" 16 KB rw shared
      at 4 s: p writes "from p" at m
      at 4 s: q writes "from q" at m + 8 KB
      at 5 s: kernel syncs
      """
    Then these expectations hold:
      """
      expect: q reads "from p" at m
      expect: p reads "from q" at m + 8 KB
      expect at 4.5 s: file "/data/s".dirty == 8 KB
      expect: file "/data/s".dirty == 0
      expect: file "/data/s" holds "from p" at 0 KB
      expect: q.rss.file == 4 KB
      """
    And the file "/data/s" holds "from q" at 8 KB

  Scenario: drop_caches frees clean pages and keeps dirty ones
    # Reading all of /data/f caches its 16 pages (64 KB); the write to /data/d dirties one.
    # echo 1 > drop_caches frees the 16 clean pages; the dirty page stays until written.
    Given a file "/data/d" of 64 KB
    When these actions happen:
      """
      at 1 s: p reads file "/data/f"
      at 1 s: p writes file "/data/d" "dirty" at 0 KB
      at 2 s: kernel drops caches 1
      """
    Then these expectations hold:
      """
      expect at 1.5 s: file "/data/f".cached == 64 KB
      expect at 2.5 s: file "/data/f".cached == 0
      expect at 2.5 s: file "/data/d".cached == 4 KB
      expect at 2.5 s: file "/data/d".dirty == 4 KB
      expect: event drop_caches count == 1
      """
