Feature: kmalloc, the kernel's malloc (mm/slab_common.c, mm/slub.c)

  kmalloc(size, flags) rounds the size up to a size class and takes an object of that class's
  cache. The classes are the powers of two from 8 to 8k and also 96 and 192 (kmalloc_slab():
  up to 192 bytes through the kmalloc_size_index table, above that fls(size - 1)); larger
  requests go to the page allocator as compound pages. The GFP flags pick the family: plain,
  dma- (GFP_DMA), -cg- (__GFP_ACCOUNT), -rcl- (__GFP_RECLAIMABLE). Every cache's slab order
  follows calculate_order(), which depends on the number of CPUs (min_objects 12 with 2 CPUs).

  Background:
    Given this machine:
      """
      ram 64 MB
      cpus 2
      thp never
      """

  Scenario Outline: kmalloc(<size>) is served from <cache>
    # The first object of a cache makes its first slab: <objs> objects of <class> bytes.
    When these actions happen:
      """
      at 1 ms: kernel kmallocs <size> as obj
      """
    Then these expectations hold:
      """
      expect: slab "<cache>".num_objs == <objs>
      expect: slab "<cache>".objsize == <class>
      expect: event kmalloc count == 1
      """

    Examples: the seed's examples, and the kernel's classes of 96 and 192 bytes
      | size   | cache       | class  | objs |
      | 100 B  | kmalloc-128 | 128 B  | 32   |
      | 250 B  | kmalloc-256 | 256 B  | 16   |
      | 1000 B | kmalloc-1k  | 1024 B | 16   |
      | 1500 B | kmalloc-2k  | 2048 B | 16   |
      | 1 B    | kmalloc-8   | 8 B    | 512  |
      | 65 B   | kmalloc-96  | 96 B   | 42   |
      | 96 B   | kmalloc-96  | 96 B   | 42   |
      | 97 B   | kmalloc-128 | 128 B  | 32   |
      | 150 B  | kmalloc-192 | 192 B  | 21   |
      | 193 B  | kmalloc-256 | 256 B  | 16   |
      | 8192 B | kmalloc-8k  | 8192 B | 4    |

  Scenario: With 2 CPUs, the kmalloc caches have the kernel's slab orders
    # min_objects = 4 * (fls(2) + 1) = 12. Up to 256 bytes an order-0 page already holds 12 or
    # more (96: 42 objects and 64 bytes left; 192: 21 and 64 left). 512 needs 6 KB: order 1, 16.
    # 1k: order 2, 16; 2k: order 3, 16. 4k and 8k cannot have 12 within order 3: min_objects is
    # capped to what order 3 holds, 8 and 4. The same numbers as on a real 2-CPU 6.18 machine.
    Then /proc/slabinfo shows:
      """
      kmalloc-8 0 0 8 512 1 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-16 0 0 16 256 1 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-32 0 0 32 128 1 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-64 0 0 64 64 1 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-96 0 0 96 42 1 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-128 0 0 128 32 1 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-192 0 0 192 21 1 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-256 0 0 256 16 1 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-512 0 0 512 16 2 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-1k 0 0 1024 16 4 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-2k 0 0 2048 16 8 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-4k 0 0 4096 8 8 : tunables 0 0 0 : slabdata 0 0 0
      kmalloc-8k 0 0 8192 4 8 : tunables 0 0 0 : slabdata 0 0 0
      """

  Scenario: kmalloc above 8 KB takes compound pages from the page allocator
    # KMALLOC_MAX_CACHE_SIZE is 8 KB: 9000 bytes get get_order(9000) = 2, 16 KB of pages,
    # counted in SUnreclaim. SUnreclaim already holds kthreadd's task_struct slab (32 KB: the
    # kernel thread that runs the kernel's actions), so it reads 48 KB, then 32 KB after kfree.
    When these actions happen:
      """
      at 1 ms: kernel kmallocs 9000 B as big
      at 2 ms: kernel kfrees big
      """
    Then these expectations hold:
      """
      expect at 1.5 ms: meminfo.SUnreclaim == 48 KB
      expect: meminfo.SUnreclaim == 32 KB
      expect: slab "kmalloc-8k".num_objs == 0
      """

  Scenario: kmalloc(0) returns ZERO_SIZE_PTR and kfree(NULL) does nothing
    # kmalloc(0) gives (void *)16, which may be freed but not used; kfree(NULL) and kfree of
    # ZERO_SIZE_PTR return at once (ZERO_OR_NULL_PTR). Neither touches a cache.
    When these actions happen:
      """
      at 1 ms "zero": kernel kmallocs 0 B as nothing
      at 2 ms "free zero": kernel kfrees nothing
      at 3 ms "free null": kernel kfrees null
      """
    Then these expectations hold:
      """
      expect: action "zero" succeeded
      expect: action "free zero" succeeded
      expect: action "free null" succeeded
      expect: event kmem_cache_alloc count == 0
      expect: slab "kmalloc-8".num_objs == 0
      """

  Scenario: GFP flags choose the cache family
    # GFP_DMA -> dma-kmalloc-128 (slabs from ZONE_DMA), __GFP_ACCOUNT -> kmalloc-cg-128,
    # __GFP_RECLAIMABLE -> kmalloc-rcl-128, whose slab counts in SReclaimable (4 KB).
    When these actions happen:
      """
      at 1 ms: kernel kmallocs 100 B gfp kernel | dma as d
      at 1 ms: kernel kmallocs 100 B gfp kernel | account as c
      at 1 ms: kernel kmallocs 100 B gfp kernel | reclaimable as r
      """
    Then these expectations hold:
      """
      expect: slab "dma-kmalloc-128".num_objs == 32
      expect: slab "kmalloc-cg-128".num_objs == 32
      expect: slab "kmalloc-rcl-128".num_objs == 32
      expect: slab "kmalloc-128".num_objs == 0
      expect: meminfo.SReclaimable == 4 KB
      """

  Scenario: A network packet is kmalloc'd with GFP_ATOMIC from kmalloc-2k, without sleeping
    # The seed's phase 5: an interrupt handler cannot sleep, so it asks with GFP_ATOMIC
    # (__GFP_HIGH | __GFP_KSWAPD_RECLAIM: no direct reclaim, access to part of the reserves).
    # 1500 -> 2048; the first object makes an order-3 slab of 16 (32 KB of SUnreclaim on top of
    # kthreadd's 32 KB), and kfree() gives the object back to the CPU's slab, which stays.
    When these actions happen:
      """
      at 1 ms: kernel kmallocs 1500 B atomic as packet
      at 2 ms: kernel kfrees packet
      """
    Then these expectations hold:
      """
      expect at 1.5 ms: meminfo.SUnreclaim == 64 KB
      expect: slab "kmalloc-2k".num_objs == 16
      expect: meminfo.SUnreclaim == 64 KB
      expect: event direct_reclaim count == 0
      """

  Scenario: kmalloc_node on the machine's only node
    # kmalloc_node(size, flags, node) takes memory from that node. This machine has one node
    # (the seed's two-node example needs NUMA, which mmspec does not model), so node 0 is local.
    When these actions happen:
      """
      at 1 ms: kernel kmallocs 100 B node 0 as local
      """
    Then these expectations hold:
      """
      expect: slab "kmalloc-128".num_objs == 32
      """
