Feature: The complete Firefox journey (the seed's walk through every mechanism)

  The seed follows one desktop session: Firefox starts (fork, exec, the first instruction's
  page fault and readahead), allocates and touches memory, loads a page, meets memory pressure
  (kswapd, writeback, swap), the kernel allocates for itself (kmalloc from SLUB in an interrupt,
  a 10 MB vmalloc), and a content process is stopped by mprotect. One scenario per phase; each
  runs the phases it builds on, on the machine of examples' firefox-journey.mms.

  Phase 7 runs with postgres's backup buffer tuned from 3 GB to 3300 MB, as in
  examples/14-firefox-journey.mms (its header says why: RAM and swap must run out at blender's
  allocation).

  Background:
    Given the seed is 1
    And this machine:
      """
      ram 16 GB
      cpus 4
      disk ssd latency 10 ms bandwidth 500 MB/s
      swap 4 GB on ssd
      watermarks min 2500 low 5000 high 10000 pages
      aslr off
      """
    And these files and processes:
      """
      file "/usr/bin/firefox" size 100 MB on ssd { text 50 MB, data 10 MB, bss 5 MB }
      file "/usr/lib/libssl.so" size 2 MB on ssd
      file "/home/user/document.odt" size 64 MB on ssd
      file "/home/user/.cache/firefox/data" size 32 MB on ssd
      process systemd pid 1 oom_score_adj -1000 uses 10 MB
      process bash pid 1000
      process postgres pid 1500 oom_score_adj -900 uses 12 GB
      process chrome pid 3000 uses 600 MB
      process libreoffice pid 4000 uses 400 MB
      process blender pid 5000
      """
    And these actions happen:
      """
      at 0.001 s: bash forks firefox pid 2000
      at 0.003 s: firefox execs "/usr/bin/firefox"
      at 0.004 s "first instruction": firefox executes text
      at 0.020 s: firefox executes text sequentially 512 KB
      """

  Scenario: Phase 1: starting Firefox
    # fork takes firefox's task_struct (kmalloc.c + slub.c in the seed: the task_struct cache),
    # a 16 KB kernel stack (vmalloc), an mm_struct and the page tables (page_alloc.c); exec maps
    # the VMAs (mmap.c); the first instruction faults on a file page that is not cached: a major
    # fault (memory.c, filemap.c) whose read brings readahead (readahead.c).
    Then these expectations hold:
      """
      expect at 0.002 s: event fork for bash count == 1
      expect at 0.002 s: event kmem_cache_alloc count >= 2
      expect at 0.002 s: event vmalloc count == 1
      expect at 0.019 s: firefox.faults.major >= 1
      expect: event readahead for firefox before 1 s
      expect: action "first instruction" succeeded
      """

  Scenario: Phase 2: malloc(1 MB) is an anonymous mapping, and the first write faults a zeroed page in
    When these actions happen:
      """
      at 0.010 s: firefox maps buffer anon 1 MB rw private
      at 0.011 s: firefox writes "A" at buffer
      """
    Then these expectations hold:
      """
      expect: firefox reads "A" at buffer
      expect: buffer[0 KB .. 4 KB] of firefox is resident
      """

  Scenario: Phase 3: a web page arrives
    When these actions happen:
      """
      at 1 s: firefox allocates 5 MB as download
      at 30 s: firefox allocates 390 MB as tabs
      """
    Then these expectations hold:
      """
      expect: firefox.rss >= 395 MB
      expect: firefox alive
      """

  Scenario: Phase 4: memory pressure: kswapd, writeback of the dirty cache file, swap
    # libreoffice's document is clean page cache, firefox's cache file is dirty, chrome's
    # memory is anonymous; postgres's sort buffer takes the machine below its low watermark.
    When these actions happen:
      """
      at 1 s: firefox allocates 5 MB as download
      at 30 s: firefox allocates 390 MB as tabs
      at 50 s: libreoffice reads file "/home/user/document.odt" sequentially
      at 55 s: firefox writes file "/home/user/.cache/firefox/data" 32 MB
      at 60 s: postgres allocates 2800 MB as sort_buffer
      at 65 s "new tab": firefox allocates 100 MB as new_tab
      """
    Then these expectations hold:
      """
      expect: event kswapd_wake between 65 s and 66 s
      expect: event writeback before 70 s
      expect: vmstat.pswpout > 0
      expect: action "new tab" succeeded
      expect: firefox alive
      """

  Scenario: Phase 5: the kernel needs memory: a packet from kmalloc-2k, a 10 MB vmalloc
    # kmalloc(1500, GFP_ATOMIC) in the interrupt: 1500 -> 2048, an object of kmalloc-2k (its
    # first slab: order 3, 16 objects with 4 CPUs too, since min_objects 4 * (fls(4) + 1) = 16
    # fits in order 3), no sleeping. vmalloc(10 MB): 2560 pages one by one, plus the 5-page
    # array of their pointers, plus a guard page of address space. Before it, VmallocUsed holds
    # the 16 KB kernel stacks of the 8 tasks (6 declared, kthreadd, firefox): 128 kB; after,
    # 128 + 2565 * 4 = 10388 kB.
    When these actions happen:
      """
      at 70 s: kernel kmallocs 1500 B atomic as packet
      at 70 s: kernel kfrees packet
      at 70.001 s: kernel vmallocs 10 MB as module_area
      """
    Then these expectations hold:
      """
      expect: slab "kmalloc-2k".num_objs >= 1
      expect: slab "kmalloc-2k".objperslab == 16
      expect: event kmalloc count == 1 between 70 s and 70 s
      expect: event direct_reclaim count == 0 between 70 s and 70 s
      expect at 70.0005 s: meminfo.VmallocUsed == 128 KB
      expect: meminfo.VmallocUsed == 10388 KB
      """
    And /proc/vmallocinfo has a line with "10489856 module_area pages=2560 vmalloc"
    # under memory pressure the free pages are wherever reclaim freed them: the 2560 frames are
    # scattered, and only the vmalloc mapping makes them one range of addresses
    And the pages of the vmalloc area "module_area" are not physically contiguous

  Scenario: Phase 6: protection: a content process cannot write to library code
    When these actions happen:
      """
      at 80 s: firefox forks webcontent pid 2001
      at 80.01 s: webcontent maps libssl file "/usr/lib/libssl.so" 2 MB rw- private
      at 80.02 s: webcontent protects libssl r-x
      at 80.03 s: webcontent writes "X" at libssl
      """
    Then these expectations hold:
      """
      expect: webcontent killed by SIGSEGV at libssl
      expect: firefox alive
      """

  Scenario: Phase 7: out of memory: direct reclaim, then the OOM killer picks chrome
    # postgres's 3300 MB backup fills swap with its own oldest pages; blender's 500 MB at 100 s
    # finds free pages below the min watermark and reclaims itself (direct reclaim), until swap
    # is full and reclaim makes no progress 16 times: out_of_memory(). oom_badness: chrome
    # 600 MB of anonymous memory (153600 pages + page tables), firefox about 500 MB, postgres's
    # 17.7 GB less 900/1000 of 20 GB (RAM + swap) is below zero, systemd is -1000. Chrome is
    # killed; the reaper frees its memory 2 s later and blender's faults, retrying each jiffy,
    # then succeed.
    When these actions happen:
      """
      at 1 s: firefox allocates 5 MB as download
      at 30 s: firefox allocates 390 MB as tabs
      at 50 s: libreoffice reads file "/home/user/document.odt" sequentially
      at 55 s: firefox writes file "/home/user/.cache/firefox/data" 32 MB
      at 60 s: postgres allocates 2800 MB as sort_buffer
      at 65 s "new tab": firefox allocates 100 MB as new_tab
      at 70 s: kernel kmallocs 1500 B atomic as packet
      at 70 s: kernel kfrees packet
      at 70.001 s: kernel vmallocs 10 MB as module_area
      at 90 s: postgres allocates 3300 MB as backup_buffer
      at 100 s "open blender": blender allocates 500 MB
      """
    Then these expectations hold:
      """
      expect: event direct_reclaim between 100 s and 101 s
      expect: event oom_kill count == 1
      expect: chrome killed by oom
      expect: dmesg contains "blender invoked oom-killer"
      expect: dmesg contains "Out of memory: Killed process 3000 (chrome)"
      expect: dmesg contains "oom_reaper: reaped process 3000 (chrome)"
      expect: action "open blender" succeeded
      expect: chrome.oom_score > firefox.oom_score
      expect: systemd alive
      expect: postgres alive
      expect: firefox alive
      """
