Feature: Memory mappings and the address space (mm/mmap.c, mm/vma.c)

  mmap() creates a VMA, one contiguous range of a process's address space with one set of
  permissions, backed by a file or by anonymous memory, and loads nothing (do_mmap). Adjacent
  VMAs that agree on everything merge into one (vma_merge_new_range, is_mergeable_vma). The
  first address is picked top-down below mmap_base (arch_pick_mmap_layout, vm_unmapped_area),
  which ASLR moves by a random number of pages. MAP_SHARED mappings of a file share its page-cache
  pages; MAP_PRIVATE ones copy a page on the first write. malloc() takes small blocks from the
  heap (brk) and large ones from their own mmap (glibc's 128 KB M_MMAP_THRESHOLD).

  Background:
    Given a machine with 1 GB of RAM and 2 CPUs
    And transparent huge pages are never

  # Address spaces are drawn one VMA a line, named after the region its first byte lies in.

  Scenario: Two adjacent anonymous mappings become one VMA
    # The seed's example: 0x1000-0x2000 and 0x2000-0x3000, both rw- anonymous: merged into
    # 0x1000-0x3000, v1 and v2 in one VMA. (0x1000 is allowed: vm.mmap_min_addr is 4096.)
    Given ASLR is off
    And a process "p" with pid 100
    When "p" maps v1 anon 4 KB rw- private at 0x1000
    And "p" maps v2 anon 4 KB rw- private at 0x2000
    Then "p" has 1 VMA
    And the address space of "p" is:
      """
      0x1000-0x3000 rw-p v1
      """

  Scenario: mprotect splits a VMA in three, and restoring the permission merges it back
    # a (12 KB) and b (12 KB) merge into one VMA; a's middle page made r-- splits it in three
    # (the last holds a's last page and all of b); made rw- again, all three merge.
    Given ASLR is off
    And a process "p" with pid 100
    When "p" maps a anon 12 KB rw- private at 0x10000000
    And "p" maps b anon 12 KB rw- private at 0x10003000
    And "p" protects a[4 KB .. 8 KB] r--
    And at 10 ms, "p" protects a[4 KB .. 8 KB] rw-
    Then at 5 ms, the address space of "p" is:
      """
      0x10000000-0x10001000 rw-p a
      0x10001000-0x10002000 r--p a
      0x10002000-0x10006000 rw-p a
      """
    And at 5 ms, a of "p" has 3 VMAs
    And the address space of "p" is:
      """
      0x10000000-0x10006000 rw-p a
      """

  Scenario: Mappings with different permissions stay apart
    Given ASLR is off
    And a process "p" with pid 100
    When "p" maps a anon 4 KB rw- private at 0x10000000
    And "p" maps b anon 4 KB r-- private at 0x10001000
    Then "p" has 2 VMAs

  Scenario: Without ASLR the first mapping lies right under the 128 MB stack gap
    # mmap_base = TASK_SIZE - gap; gap = 8 MB stack rlimit + 1 MB guard gap, raised to the
    # minimum of 128 MB: 0x7ffffffff000 - 0x8000000 = 0x7ffff7fff000. 10 MB below it: 0x7ffff75ff000.
    Given ASLR is off
    And a process "p" with pid 100
    When "p" maps buf anon 10 MB rw- private
    Then buf of "p" starts at 0x7ffff75ff000

  Scenario: ASLR moves the mmap area by up to 2^28 pages
    # With ASLR the gap also covers the stack's random range (0x3fffff pages = 16 GB - 4 KB):
    # gap = 8 MB + 1 MB + 0x3fffff000 = 0x4008ff000, so mmap_base = 0x7ffbff700000 - rnd with
    # rnd = 28 random bits of pages, 0 .. 0xffffff000. buf lies 10 MB (0xa00000) below.
    Given ASLR is on
    And the seed is 1
    And a process "p" with pid 100
    When "p" maps buf anon 10 MB rw- private
    Then buf of "p" starts between 0x7efbfed01000 and 0x7ffbfed00000
    And buf of "p" starts at different addresses with seeds 1 and 2

  Scenario: Without ASLR the code is at 0x400000
    # The classic x86-64 link address, as the seed's layout shows it
    Given ASLR is off
    And an executable "/bin/app" of 1 MB with text 512 KB, data 256 KB and bss 256 KB
    And a process "app" with pid 100
    When "app" execs "/bin/app"
    Then text of "app" starts at 0x400000
    And data of "app" starts at 0x480000

  Scenario: With ASLR the code of a position-independent executable moves too
    # mmspec treats executables as PIE when ASLR is on (as distributions build them): text is
    # loaded at ELF_ET_DYN_BASE = TASK_SIZE / 3 * 2 = 0x555555554aaa plus 28 random bits of
    # pages, page-aligned: from 0x555555554000 up to 0x555555554000 + 0xffffff000.
    Given ASLR is on
    And an executable "/bin/app" of 1 MB with text 512 KB, data 256 KB and bss 256 KB
    And a process "app" with pid 100
    When "app" execs "/bin/app"
    Then text of "app" starts between 0x555555554000 and 0x565555553000
    And text of "app" starts at different addresses with seeds 1 and 2

  Scenario: execve maps text and data from the file, bss and the stack anonymously
    # text 512 KB r-x from offset 0, data 256 KB rw- from offset 0x80000, bss right after,
    # the heap starts empty at the end of bss, the stack is 128 KB plus one page of arguments
    # below STACK_TOP (0x7ffffffff000 - 0x21000 = 0x7ffffffde000).
    Given ASLR is off
    And an executable "/bin/app" of 1 MB with text 512 KB, data 256 KB and bss 256 KB
    And a process "app" with pid 100
    When "app" execs "/bin/app"
    Then the address space of "app" is:
      """
      0x400000-0x480000 r-xp text
      0x480000-0x4c0000 rw-p data
      0x4c0000-0x500000 rw-p bss
      0x7ffffffde000-0x7ffffffff000 rw-p stack
      """

  Scenario Outline: MAP_SHARED writes reach the file and every mapper; MAP_PRIVATE ones stay private
    Given ASLR is off
    And a file "/data/shared.bin" holding "original"
    And a process "a" with pid 100
    And a process "b" with pid 200
    When "a" maps f from "/data/shared.bin" 4 KB rw- <sharing>
    And "b" maps f from "/data/shared.bin" 4 KB rw- <sharing>
    And "a" writes "CHANGED!" at f
    Then "a" reads "CHANGED!" at f
    And "b" reads "<b reads>" at f
    And the file "/data/shared.bin" holds "<file holds>" at 0 KB

    Examples:
      | sharing | b reads  | file holds |
      # one page-cache page mapped by both: the write is the file's
      | shared  | CHANGED! | CHANGED!   |
      # the write faults (do_cow_fault): a gets a private anonymous copy, the page cache keeps the file's bytes
      | private | original | original   |

  Scenario: A file mapping is read from disk on the first access, from the page cache after
    # filemap_fault: a page not in the page cache needs I/O (a major fault), and read-around
    # (do_sync_mmap_readahead) reads 32 pages in that one request, from pgoff 2 - 16, clamped
    # to 0: pages 0..31, 128 KB. c maps only the page it faulted on (RSS 4 KB). The second
    # process finds it cached (a minor fault), and fault-around maps the 16 cached pages of the
    # aligned 64 KB window at once (RSS 64 KB).
    Given ASLR is off
    And a file "/data/big.bin" of 1 MB
    And a process "c" with pid 100
    And a process "d" with pid 200
    When "c" maps f from "/data/big.bin" 1 MB r-- private
    And "d" maps f from "/data/big.bin" 1 MB r-- private
    And "c" reads f + 8 KB
    And "d" reads f + 8 KB
    Then these expectations hold:
      """
      expect at 2.5 ms: c.rss == 0 KB
      expect at 2.5 ms: file "/data/big.bin".cached == 0 KB
      """
    And "c" has 1 major fault
    And "d" has 0 major faults
    And "d" has 1 minor fault
    And the RSS of "c" is 4 KB
    And the RSS of "d" is 64 KB
    And these expectations hold:
      """
      expect: file "/data/big.bin".cached == 128 KB
      """

  Scenario Outline: malloc: the heap below 128 KB, a mapping of its own from 128 KB up (<size>)
    # glibc: chunk = (n + 8 + 15) & ~15. Below M_MMAP_THRESHOLD (128 KB) the heap grows by
    # ALIGN_UP(chunk + 128 KB top pad + 32, 4 KB); from the threshold up the chunk gets its own
    # mmap of ALIGN_UP(chunk + 8, 4 KB), just under mmap_base (0x7ffff7fff000). The heap VMA
    # starts where the (empty) heap region of execve does; malloc's pointer into its own mapping
    # is 16 bytes past the VMA's start (the chunk header), so that VMA has no name.
    Given ASLR is off
    And an executable "/bin/app" of 1 MB with text 512 KB, data 256 KB and bss 256 KB
    And a process "app" with pid 100
    When "app" execs "/bin/app"
    And "app" allocates <size> as block
    Then the address space of "app" is:
      """
      0x400000-0x480000 r-xp text
      0x480000-0x4c0000 rw-p data
      0x4c0000-0x500000 rw-p bss
      <block vma>
      0x7ffffffde000-0x7ffffffff000 rw-p stack
      """

    Examples:
      | size   | block vma                               |
      # 65552 + 131072 + 32 = 196656, up to 0x31000 (196 KB) of heap
      | 64 KB  | 0x500000-0x531000 rw-p heap             |
      # 122896 + 131072 + 32 = 254000, up to 0x3f000
      | 120 KB | 0x500000-0x53f000 rw-p heap             |
      # 262160 + 8 rounds up to 0x41000: 0x7ffff7fff000 - 0x41000
      | 256 KB | 0x7ffff7fbe000-0x7ffff7fff000 rw-p      |
      # exactly the threshold: 131088 + 8 rounds up to 0x21000
      | 128 KB | 0x7ffff7fde000-0x7ffff7fff000 rw-p      |
