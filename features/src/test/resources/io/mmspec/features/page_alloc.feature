Feature: The physical page allocator (mm/page_alloc.c)

  Physical memory is handed out in blocks of 2^order pages, order 0 to 10. A request takes the
  smallest free block of its order or above and halves it until it fits, putting each upper half
  on the free list one order down (__rmqueue_smallest, expand); a freed block merges with its
  buddy (pfn ^ 2^order) while the buddy is free too (__free_one_page). /proc/buddyinfo counts
  the free blocks per order and zone. Blocks of order 0 to 3 pass through a per-CPU list first
  (rmqueue_pcplist, free_frozen_page_commit). Each zone keeps min, low and high watermarks
  (__setup_per_zone_wmarks); below min only allocations that may dig into the reserve succeed
  (__zone_watermark_ok, gfp_to_alloc_flags). GFP_DMA requests are served from ZONE_DMA, the
  first 16 MB. Migration moves a page to a new frame and fixes every mapping (migrate_pages).

  The kernel's reclaim (kswapd, direct reclaim) and the OOM killer arrive with a later version:
  here an allocation that would need them fails.

  Background:
    Given a machine with 1 GB of RAM and 2 CPUs

  # ZONE_DMA of this machine: pfn 0 to 4095, pfn 0 reserved. Its free pages at boot form the
  # blocks 1 (order 0), 2-3 (1), 4-7 (2), ..., 512-1023 (9) and 1024, 2048, 3072 (order 10).
  # Its per-CPU lists refill one block at a time (zone_batchsize() is 1 for 4095 pages), so a
  # GFP_DMA request reaches the buddy lists directly, as the seed describes it.

  Scenario: Three pages are rounded up to an order-2 block, split from an order-3 block
    # get_order(3 pages) = 2. The first unmovable request finds no unmovable block at all and
    # claims the movable order-10 block at pfn 1024, split into 1024-1027 (taken) and one free
    # block each of order 2 to 9. The second takes that order-2 block (1028-1031). The third finds
    # the order-2 list empty, takes the order-3 block 1032-1039, returns 1032-1035 and puts
    # 1036-1039 on the order-2 list: the seed's example.
    Then at 0.5 ms, /proc/buddyinfo shows:
      """
      Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3
      """
    When the kernel allocates pages of order 2 with GFP_DMA as first
    Then at 1.5 ms, /proc/buddyinfo shows:
      """
      Node 0, zone      DMA      1      1      2      2      2      2      2      2      2      2      2
      """
    When the kernel allocates pages of order 2 with GFP_DMA as second
    Then at 2.5 ms, /proc/buddyinfo shows:
      """
      Node 0, zone      DMA      1      1      1      2      2      2      2      2      2      2      2
      """
    When the kernel allocates pages of order 2 with GFP_DMA as third
    Then /proc/buddyinfo shows:
      """
      Node 0, zone      DMA      1      1      2      1      2      2      2      2      2      2      2
      """
    And zone "DMA" has 4083 free pages

  Scenario: A freed block merges with its buddy, order by order, back into one order-10 block
    # Order 4 does not go through the per-CPU lists. The request splits the order-10 block at
    # pfn 1024 (physical 0x400000) down to order 4. Freed, pfn 1024 finds its buddy
    # 1024 ^ 16 = 1040 (0x410000) free and merges to order 5, then with 1056, 1088, 1152, 1280
    # and 1536: order 10 again, as at boot.
    When the kernel allocates pages of order 4 with GFP_DMA as block
    And the kernel frees the pages block
    Then at 1.5 ms, /proc/buddyinfo shows:
      """
      Node 0, zone      DMA      1      1      1      1      2      2      2      2      2      2      2
      """
    And /proc/buddyinfo shows:
      """
      Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3
      """
    And zone "DMA" has 4095 free pages

  Scenario: Blocks of order 0 to 3 are freed to the per-CPU list, not merged at once
    # free_frozen_page_commit() puts them on CPU 0's list: they are neither in the buddy lists nor
    # counted free (NR_FREE_PAGES) until the list drains above its high mark (pcp->high).
    When the kernel allocates pages of order 2 with GFP_DMA as first
    And the kernel allocates pages of order 2 with GFP_DMA as second
    And the kernel frees the pages second
    And the kernel frees the pages first
    # 4095 - 2 x 4 pages, before and after the frees
    Then at 2.5 ms, zone "DMA" has 4087 free pages
    And zone "DMA" has 4087 free pages
    And /proc/buddyinfo shows:
      """
      Node 0, zone      DMA      1      1      1      2      2      2      2      2      2      2      2
      """

  Scenario Outline: GFP_DMA takes its page from ZONE_DMA, GFP_KERNEL from a higher zone (<gfp>)
    # A 1 GB machine has DMA (below 16 MB) and DMA32; GFP_KERNEL may use DMA32 and Normal and
    # finds DMA32 first; lowmem_reserve keeps DMA for those who need it.
    When the kernel allocates pages of order 0 with <gfp> as page
    Then the action succeeded
    And zone "DMA" has <dma free> free pages

    Examples:
      | gfp        | dma free |
      # the movable order-10 block at 1024 is claimed and split down to order 0: 4095 - 1
      | GFP_DMA    | 4094     |
      | GFP_KERNEL | 4095     |

  Scenario Outline: Watermarks from min_free_kbytes (thp <thp>)
    # 16 GB: DMA 4095, DMA32 1044480 and Normal 3145728 managed pages, 4194303 in all.
    # min_free_kbytes = int_sqrt(4194303 x 4 kB x 16) = 16383. With THP, khugepaged raises it to
    # pageblock (512) x 3 zones x (2 + 3 x 3) = 16896 pages = 67584 kB.
    # Normal: min = min_free_kbytes / 4 x 3145728 / 4194303; low = min + delta, high = low + delta,
    # delta = max(min / 4, 3145728 x 10 / 10000 = 3145).
    Given a machine with 16 GB of RAM and 4 CPUs
    And transparent huge pages are <thp>
    Then zone "Normal" has watermarks min <min>, low <low> and high <high> pages

    Examples:
      | thp     | min   | low   | high  |
      # 4095 x 3145728 / 4194303 = 3071; delta 3145
      | never   | 3071  | 6216  | 9361  |
      # 16896 x 3145728 / 4194303 = 12672; delta 12672 / 4 = 3168
      | madvise | 12672 | 15840 | 19008 |

  Scenario: An administrator's min_free_kbytes wins
    # 16384 kB = 4096 pages; Normal: 4096 x 3145728 / 4194303 = 3072; delta 3145
    Given a machine with 16 GB of RAM and 4 CPUs
    And transparent huge pages are never
    And min_free_kbytes is 16384
    Then zone "Normal" has watermarks min 3072, low 6217 and high 9362 pages

  Scenario: The seed's watermarks are split across the zones by their managed pages
    # min 2500, low 5000, high 10000 pages for the machine, each zone's share by managed pages
    # (rounded down): Normal 2500 x 3145728 / 4194303 = 1875, DMA32 x 1044480 / 4194303 = 622
    Given a machine with 16 GB of RAM and 4 CPUs
    And the watermarks are min 2500, low 5000 and high 10000 pages
    Then zone "Normal" has watermarks min 1875, low 3750 and high 7500 pages
    And zone "DMA32" has watermarks min 622, low 1245 and high 2490 pages
    And zone "DMA" has watermarks min 2, low 4 and high 9 pages

  Scenario Outline: Below the min watermark only GFP_ATOMIC still gets a page (<gfp>)
    # 16 MB is one zone, DMA, which gets the whole triple. The process's 2560 pages and 9
    # page-table pages leave about 1500 free; GFP_ATOMIC may then take 512 more, to about 990:
    # below min. The watermark test for order 0 wants free > min, where __GFP_HIGH halves min
    # (ALLOC_MIN_RESERVE) and not being allowed to sleep takes a quarter more (ALLOC_NON_BLOCK):
    # GFP_ATOMIC needs free > 1024 - 512 - 128 = 384; GFP_NOWAIT and GFP_KERNEL need free > 1024.
    # GFP_NOWAIT fails there. GFP_KERNEL may reclaim: with no swap there is nothing to reclaim,
    # so the OOM killer kills hog, and the allocation, too small to fail, waits for the reaper
    # to free hog's memory and then succeeds.
    Given a machine with 16 MB of RAM and 1 CPU
    And transparent huge pages are never
    And the watermarks are min 1024, low 1280 and high 1536 pages
    And a process "hog" with pid 100
    When "hog" maps mem anon 10 MB rw- private
    And "hog" touches mem
    And at 10 ms, the kernel allocates pages of order 9 with GFP_ATOMIC as reserve
    Then these expectations hold:
      """
      expect at 9 ms: zone "DMA".free > zone "DMA".min
      expect: zone "DMA".free < zone "DMA".min
      expect: zone "DMA".free > 384 pages
      """
    When at 20 ms, the kernel allocates pages of order 0 with <gfp> as page
    Then the action <outcome>

    Examples:
      | gfp        | outcome            |
      | GFP_ATOMIC | succeeded          |
      | GFP_NOWAIT | failed with ENOMEM |
      | GFP_KERNEL | succeeded          |

  Scenario: Migration moves a page to a new frame; the data and the mappings follow
    # migrate_pages(): allocate a frame, copy, point every PTE at it (rmap), free the old frame.
    # p runs on CPU 1 (processes take CPUs in creation order), the kernel on CPU 0: each of the
    # 16 pages' old translation is shot down on CPU 1 with an IPI.
    Given transparent huge pages are never
    And a process "idle" with pid 50
    And a process "p" with pid 100
    When "p" maps buf anon 64 KB rw- private
    And "p" touches buf
    And "p" writes "hello" at buf
    And the kernel migrates buf of "p"
    Then vmstat pgmigrate_success is 16
    And "p" reads "hello" at buf
    And the RSS of "p" is 64 KB
    And vmstat nr_tlb_remote_flush is 16
    And vmstat nr_tlb_remote_flush_received is 16
