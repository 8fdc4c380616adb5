Feature: vmalloc, virtually contiguous kernel memory (mm/vmalloc.c)

  vmalloc(size) reserves a range of the vmalloc area (x86-64: 0xffffc90000000000, 32 TB), plus
  one unmapped guard page after it, takes the pages one at a time from the buddy allocator
  (scattered, not contiguous) and maps them in the kernel page table. vfree() unmaps at once and
  frees the pages, but flushes the TLBs lazily: freed ranges wait until they exceed
  lazy_max_pages() = fls(cpus) * 32 MB, and one purge flushes them all. VmallocUsed counts the
  pages of live areas.

  Background:
    Given this machine:
      """
      ram 256 MB
      cpus 2
      thp never
      """

  Scenario: vmalloc of 10 MB takes 2560 pages and a guard page
    # 10 MB = 2560 pages; the 20 KB array of page pointers is vmalloc'd too (5 pages, with its
    # own guard page). kthreadd's 16 KB kernel stack is a vmalloc area as well (4 pages).
    # VmallocUsed: 2560 + 5 + 4 = 2569 pages = 10276 kB. /proc/vmallocinfo shows the area's
    # size with its guard page, 10 MB + 4 KB = 10489856 bytes.
    When these actions happen:
      """
      at 1 ms: kernel vmallocs 10 MB as module_area
      """
    Then these expectations hold:
      """
      expect: meminfo.VmallocUsed == 10276 KB
      expect: meminfo.VmallocTotal == 34359738367 KB
      expect: event vmalloc count == 2 between 1 ms and 1 ms
      """
    And /proc/vmallocinfo has a line with "10489856 module_area pages=2560 vmalloc"

  Scenario: A write past the area hits the guard page and oopses
    # The guard page is never mapped: the store takes a not-present page fault in kernel mode,
    # which the kernel cannot fix up: show_fault_oops() prints at KERN_ALERT and the action
    # fails. Without the guard page it would silently corrupt the next area.
    When these actions happen:
      """
      at 1 ms: kernel vmallocs 1 MB as buf
      at 2 ms "overflow": kernel writes "x" at buf + 1 MB
      at 3 ms "inside": kernel writes "x" at buf + 1020 KB
      """
    Then these expectations hold:
      """
      expect: action "overflow" failed with EFAULT
      expect: action "inside" succeeded
      expect: dmesg contains "BUG: unable to handle page fault for address"
      expect: dmesg contains "#PF: supervisor write access in kernel mode"
      expect: dmesg contains "#PF: error_code(0x0002) - not-present page"
      expect: event oops count == 1
      """

  Scenario: vfree is lazy: many unmappings share one TLB flush
    # With 2 CPUs lazy_max_pages() is fls(2) * 32 MB = 64 MB = 16384 pages. A 20 MB area is
    # 5120 pages + guard, and its 40 KB pages array 10 + guard: 5132 lazy pages each. After
    # three vfrees 15396 pages wait (no purge); the fourth brings 20528 > 16384: one purge
    # unmaps all four ranges with one flush_tlb_kernel_range(). The pages themselves were
    # freed by each vfree: at 4.5 ms only a4 is live, 5120 + 10 pages, with kthreadd's 4-page
    # stack: 5134 pages = 20536 kB; at the end VmallocUsed is back to the stack, 16 kB.
    When these actions happen:
      """
      at 1 ms: kernel vmallocs 20 MB as a1
      at 1 ms: kernel vmallocs 20 MB as a2
      at 1 ms: kernel vmallocs 20 MB as a3
      at 1 ms: kernel vmallocs 20 MB as a4
      at 2 ms: kernel vfrees a1
      at 3 ms: kernel vfrees a2
      at 4 ms: kernel vfrees a3
      at 5 ms: kernel vfrees a4
      """
    Then these expectations hold:
      """
      expect at 4.5 ms: meminfo.VmallocUsed == 20536 KB
      expect: event vmap_purge count == 0 before 5 ms
      expect: event vmap_purge count == 1
      expect: event vfree count == 8
      expect: meminfo.VmallocUsed == 16 KB
      """
