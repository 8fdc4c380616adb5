Feature: Virtual memory and the page-fault handler (mm/memory.c)

  Every process sees its own virtual addresses. The MMU translates them through a four-level
  page table (PML4, PDPT, PD, PT; arch/x86/mm) and keeps recent translations in the TLB. Memory
  is handed out on demand: mmap() only creates a VMA, and the first access to a page faults into
  handle_mm_fault(), which maps the shared zero page for a read and a fresh zeroed page for a
  write (do_anonymous_page), copies a page shared after fork on the first write to it
  (do_wp_page, wp_page_copy), or maps a whole 2 MB page when transparent huge pages apply
  (do_huge_pmd_anonymous_page).

  Background:
    Given a machine with 1 GB of RAM and 2 CPUs
    And ASLR is off

  Scenario Outline: The MMU cuts an address into four table indices and an offset (<where>)
    # 9 bits per level: PML4 = bits 47..39, PDPT = 38..30, PD = 29..21, PT = 20..12; offset = 11..0
    Given an executable "/usr/bin/firefox" of 100 MB with text 50 MB, data 10 MB and bss 5 MB
    And a process "firefox" with pid 2000
    When "firefox" execs "/usr/bin/firefox"
    Then the page walk of <address> in "firefox" goes through "<indices>"

    Examples: addresses of firefox
      | where                        | address        | indices                                    |
      # 0x400000 = 4 MB = 2 x 2 MB: PD entry 2, PT entry 0
      | the first byte of its code   | 0x00400000     | PML4[0] PDPT[0] PD[2] PT[0] offset 0x000   |
      # 0x500000 = 4 MB + 1 MB: PD entry 2, and 1 MB / 4 KB = PT entry 256
      | the seed's faulting address  | 0x00500000     | PML4[0] PDPT[0] PD[2] PT[256] offset 0x000 |
      # 0x601234 = 6 MB + 4 KB + 0x234: PD entry 3, PT entry 1, offset 0x234
      | a byte inside a page         | 0x00601234     | PML4[0] PDPT[0] PD[3] PT[1] offset 0x234   |
      # 0x7ffffffde000 >> 39 = 255, >> 30 & 511 = 511, >> 21 & 511 = 511, >> 12 & 511 = 0x1de = 478
      | the bottom of its stack      | 0x7ffffffde000 | PML4[255] PDPT[511] PD[511] PT[478] offset 0x000 |

  Scenario: A mapped 4 KB page takes four table reads to translate
    # With the data access itself, five memory accesses for one translation: what the TLB saves.
    Given an executable "/usr/bin/firefox" of 100 MB with text 50 MB, data 10 MB and bss 5 MB
    And a process "firefox" with pid 2000
    When "firefox" execs "/usr/bin/firefox"
    And at 5 ms, "firefox" executes text[0 KB .. 4 KB]
    # after execve nothing is mapped below 512 GB yet: the walk stops at the empty PML4 entry
    Then at 4 ms, the page walk of 0x00400000 in "firefox" reads 1 table entry
    And the page walk of 0x00400000 in "firefox" reads 4 table entries
    # the first instruction fetch read the page from the file: one major fault
    And "firefox" has 1 major fault

  Scenario Outline: The TLB hits while the pages fit in it, and misses when they do not (<size>)
    # The simulated CPU has 1536 4 KB entries (a second-level TLB), replaced least recently used.
    # Touching: each page misses twice, once before its fault and once when the access is retried.
    # Reading afterwards: hits if every page is still cached (pages <= 1536), else a miss per page.
    Given transparent huge pages are never
    And a process "p" with pid 100
    When "p" maps buf anon <size> rw- private
    And at 2 ms, "p" touches buf
    And at 100 ms, "p" reads buf
    Then "p" has <hits> TLB hits and <misses> TLB misses

    Examples: smaller and larger than the TLB's reach (1536 x 4 KB = 6 MB)
      | size  | hits | misses |
      # 1024 pages: 2 x 1024 misses while touching, then 1024 hits
      | 4 MB  | 1024 | 2048   |
      # 1536 pages: exactly the TLB's size, still all hits
      | 6 MB  | 1536 | 3072   |
      # 2048 pages: 2 x 2048 misses, then LRU has evicted each page before it is read again
      | 8 MB  | 0    | 6144   |

  Scenario: The same page read again and again hits the TLB
    Given transparent huge pages are never
    And a process "p" with pid 100
    When "p" maps buf anon 4 KB rw- private
    And "p" touches buf
    And "p" reads buf 10 times
    # 2 misses around the fault of the first write, then 10 hits
    Then "p" has 10 TLB hits and 2 TLB misses

  Scenario: Demand paging: mmap() gives no memory, the first write to each page does
    # do_anonymous_page: one minor fault and one zeroed page per 4 KB; 10 MB / 4 KB = 2560
    Given transparent huge pages are never
    And a process "p" with pid 100
    When "p" maps buf anon 10 MB rw- private
    And at 2 ms, "p" touches buf
    Then these expectations hold:
      """
      expect at 1.5 ms: p.rss == 0 KB
      expect at 1.5 ms: p.vmsize == 10 MB
      """
    And "p" has 2560 minor faults
    And "p" has 0 major faults
    And the RSS of "p" is 10 MB
    And buf of "p" is resident
    And vmstat pgfault is 2560
    # mmap_base = TASK_SIZE - 128 MB (the smallest stack gap) = 0x7ffff7fff000; buf lies just below
    And the address space of "p" is:
      """
      0x7ffff75ff000-0x7ffff7fff000 rw-p buf
      """

  Scenario: Reads map the shared zero page; writes get pages of their own
    # 1 MB = 256 pages: 256 read faults map the zero page read-only (no memory, no RSS), then
    # 256 write faults each replace it with a zeroed page of the process's own
    Given transparent huge pages are never
    And a process "p" with pid 100
    When "p" maps buf anon 1 MB rw- private
    And "p" reads buf
    And at 10 ms, "p" touches buf
    Then these expectations hold:
      """
      expect at 9 ms: p.faults.minor == 256
      expect at 9 ms: p.rss == 0 KB
      expect at 9 ms: meminfo.AnonPages == 0 KB
      """
    And "p" has 512 minor faults
    And the RSS of "p" is 1 MB
    And meminfo AnonPages is 1 MB
    And "p" reads "\0" at buf + 4 KB

  Scenario: Copy on write after fork
    # fork copies no page: both share them write-protected. The child's first write to each of
    # the 100 pages (400 KB) copies it; afterwards the parent's pages have one mapper again and
    # its writes reuse them without a copy (pgreuse).
    Given transparent huge pages are never
    And a process "parent" with pid 100
    When "parent" maps buf anon 400 KB rw- private
    And "parent" touches buf
    And "parent" writes "parent" at buf
    And "parent" forks "child" with pid 200
    And "child" touches buf
    And "child" writes "child!" at buf
    And "parent" touches buf
    Then "child" has 100 minor faults
    # 100 to fill its pages, 100 more for the write-protected PTEs after fork
    And "parent" has 200 minor faults
    And vmstat pgreuse is 100
    And "parent" reads "parent" at buf
    And "child" reads "child!" at buf

  Scenario: Shared pages count in the RSS of both processes until one writes
    Given transparent huge pages are never
    And a process "parent" with pid 100
    When "parent" maps buf anon 400 KB rw- private
    And "parent" touches buf
    And "parent" forks "child" with pid 200
    Then the RSS of "child" is 400 KB
    And "child" has 0 minor faults
    And meminfo AnonPages is 400 KB

  Scenario Outline: Transparent huge pages: 5 faults instead of 2560 (thp <thp>, advice <advice>)
    # 10 MB is 5 huge pages of 2 MB, one fault each; with 4 KB pages 10 MB / 4 KB = 2560 faults.
    # "madvise" mode gives huge pages only to memory advised with MADV_HUGEPAGE; "always" to
    # all but MADV_NOHUGEPAGE; "never" to none. A huge page is a PMD leaf: its walk reads 3 entries.
    Given transparent huge pages are <thp>
    And a process "p" with pid 100
    When "p" maps buf anon 10 MB rw- private
    And "p" advises buf <advice>
    And "p" touches buf
    Then "p" has <faults> minor faults
    And vmstat thp_fault_alloc is <huge pages>
    And the RSS of "p" is 10 MB
    And the page walk of buf in "p" reads <entries> table entries

    Examples: huge pages
      | thp     | advice   | faults | huge pages | entries |
      | always  | normal   | 5      | 5          | 3       |
      | madvise | hugepage | 5      | 5          | 3       |

    Examples: 4 KB pages
      | thp     | advice     | faults | huge pages | entries |
      | madvise | normal     | 2560   | 0          | 4       |
      | always  | nohugepage | 2560   | 0          | 4       |
      | never   | hugepage   | 2560   | 0          | 4       |

  Scenario: A huge-page mapping is placed on a 2 MB boundary
    # __get_unmapped_area: an anonymous mapping whose length is a multiple of 2 MB is searched
    # 2 MB larger and rounded up: 0x7ffff7fff000 - 12 MB = 0x7ffff73ff000, up to 0x7ffff7400000
    Given transparent huge pages are madvise
    And a process "p" with pid 100
    When "p" maps buf anon 10 MB rw- private
    And "p" advises buf hugepage
    And "p" touches buf
    Then buf of "p" is huge
    And meminfo AnonHugePages is 10 MB
    And the address space of "p" is:
      """
      0x7ffff7400000-0x7ffff7e00000 rw-p buf
      """
