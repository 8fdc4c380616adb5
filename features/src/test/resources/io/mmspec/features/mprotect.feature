Feature: Changing permissions and W^X (mm/mprotect.c)

  mprotect() changes the permissions of a range: it splits the VMAs at the range's edges, sets
  the new flags (mprotect_fixup, vma_modify_flags), rewrites the present PTEs
  (change_protection) and flushes the stale translations from the TLB (flush_tlb_mm_range):
  page by page with INVLPG up to 33 pages (tlb_single_page_flush_ceiling), the whole address
  space above. Other CPUs get an IPI only if the address space is live on them (mm_cpumask).
  A write to a page that is not writable is a SIGSEGV (SEGV_ACCERR).

  Linux does not enforce W^X by default: a mapping may be writable and executable at once.
  mmspec's machine option "wx deny" refuses such mappings (EACCES), as a W^X policy would; a JIT
  then writes its code into a writable buffer and makes it read+execute in a second step. (Linux's
  own PR_SET_MDWE goes further and also refuses making a writable mapping executable.)

  Background:
    Given a machine with 1 GB of RAM and 4 CPUs
    And ASLR is off
    And transparent huge pages are never
    And a process "jit" with pid 100

  Scenario: Linux allows a writable and executable mapping by default
    When "jit" maps shell anon 4 KB rwx private
    Then the action succeeded
    # mmap_base 0x7ffff7fff000, one page below it
    And the address space of "jit" is:
      """
      0x7ffff7ffe000-0x7ffff7fff000 rwxp shell
      """

  Scenario Outline: A W^X policy refuses memory that is writable and executable at once (wx <wx>)
    Given this machine:
      """
      wx <wx>
      """
    When "jit" maps shell anon 4 KB rwx private
    Then the action <rwx mapping>
    When "jit" maps code anon 4 KB rw- private
    And "jit" protects code rwx
    Then the action <rwx protection>

    Examples:
      | wx    | rwx mapping        | rwx protection     |
      | allow | succeeded          | succeeded          |
      | deny  | failed with EACCES | failed with EACCES |

  Scenario Outline: The JIT's two steps work under either policy (wx <wx>)
    # write the code while the buffer is rw-, then make it r-x and run it: never both at once
    Given this machine:
      """
      wx <wx>
      """
    When "jit" maps code anon 64 KB rw- private
    And "jit" writes "\x90\x90\xc3" at code
    And "jit" protects code r-x
    Then the action succeeded
    When "jit" executes code
    Then "jit" is alive
    And "jit" reads "\x90\x90\xc3" at code
    And the address space of "jit" is:
      """
      0x7ffff7fef000-0x7ffff7fff000 r-xp code
      """

    Examples:
      | wx    |
      | allow |
      | deny  |

  Scenario: Writing to code made read+execute is a SIGSEGV
    # The PTEs lost their write bit and the TLB its stale writable entry: the write faults, the
    # VMA forbids writing (access_error), and the process gets SIGSEGV at the code's address.
    When "jit" maps code anon 64 KB rw- private
    And "jit" writes "\x90\x90\xc3" at code
    And "jit" protects code r-x
    And "jit" writes "\xcc" at code
    Then "jit" is killed by SIGSEGV at code
    And the kernel log contains "jit[100]: segfault at 7ffff7fef000"

  Scenario: mprotect of part of a mapping splits it; the rest keeps its permissions
    When "jit" maps code anon 64 KB rw- private
    And "jit" protects code[0 KB .. 16 KB] r-x
    Then "jit" has 2 VMAs
    And the address space of "jit" is:
      """
      0x7ffff7fef000-0x7ffff7ff3000 r-xp code
      0x7ffff7ff3000-0x7ffff7fff000 rw-p code
      """

  Scenario Outline: The TLB is flushed page by page up to 33 pages, all at once above (<size>)
    # flush_tlb_mm_range(): more than tlb_single_page_flush_ceiling (33) pages -> one full flush
    # of the address space. Counted in /proc/vmstat's nr_tlb_local_flush_one and _all.
    # Every page is touched first, so every PTE is present and changes.
    When "jit" maps buf anon <size> rw- private
    And "jit" touches buf
    And "jit" protects buf r--
    Then vmstat nr_tlb_local_flush_one is <one page flushes>
    And vmstat nr_tlb_local_flush_all is <full flushes>

    Examples:
      | size   | one page flushes | full flushes |
      # 4 pages
      | 16 KB  | 4                | 0            |
      # 33 pages: still page by page
      | 132 KB | 33               | 0            |
      # 34 pages
      | 136 KB | 0                | 1            |
      # 512 pages, the seed's libssl example of 2 MB
      | 2 MB   | 0                | 1            |

  Scenario: A single-threaded process's mprotect needs no IPI
    # The seed says every CPU must be interrupted; the kernel interrupts only the CPUs in the
    # address space's mm_cpumask. jit has only ever run on one CPU: the flush stays local.
    # (page_alloc.feature shows the IPIs of a migration done from another CPU.)
    When "jit" maps buf anon 2 MB rw- private
    And "jit" touches buf
    And "jit" protects buf r-x
    Then vmstat nr_tlb_local_flush_all is 1
    And vmstat nr_tlb_remote_flush is 0
    And vmstat nr_tlb_remote_flush_received is 0
