Feature: SLUB, the slab allocator (mm/slub.c, mm/slab_common.c)

  Kernel objects (task_struct, mm_struct, vm_area_struct, kmalloc buffers) come from kmem caches.
  A cache cuts slabs (2^order pages) into equal slots; kmem_cache_create() sizes them
  (calculate_sizes(): alignment) and picks the order (calculate_order(): at least min_objects =
  4 * (fls(cpus) + 1) objects, 12 with 2 CPUs, within order 3; then the smallest order whose
  leftover is at most 1/16 of the slab, else 1/8, 1/4, 1/2). Each CPU allocates from its own
  slab's lockless freelist (the fast path) and keeps a per-CPU list of partial slabs; the node's
  partial list and its list_lock are touched only when both are exhausted or overflow. The
  numbers below follow from these rules; /proc/slabinfo counts every object of a CPU's slab or
  per-CPU partial slab as active, as the kernel does (only free objects of node partial slabs
  are inactive).

  Background:
    Given this machine:
      """
      ram 64 MB
      cpus 2
      thp never
      """

  Scenario: fork takes a task_struct from its cache, two to an order-3 slab
    # The seed: a 10 KB task_struct, "3 pages", 1 per slab. Slabs are 2^order pages, and a
    # typical 6.x x86-64 task_struct is 12376 bytes, aligned to 64: 12416-byte slots.
    # min_objects 12 is capped to what order 3 holds (32768 / 12416 = 2): order 3, 2 per slab,
    # 7936 bytes left over (<= 1/4 of the slab). Three tasks (bash, the kernel's kthreadd, and
    # firefox) hold three task_structs: bash and firefox run on CPU 0 and share a slab, kthreadd
    # on CPU 1 has its own: 2 slabs, 4 slots. Each task also has a 16 KB kernel stack (vmalloc)
    # and each process an mm_struct (1344 bytes: 12 per order-2 slab, 256 bytes left over).
    # bash and kthreadd exist from the start; the fork itself takes firefox's task_struct and
    # mm_struct from slabs that already have room (2 allocations, no new slab) and vmallocs
    # its stack.
    Given a process "bash" with pid 1000
    When these actions happen:
      """
      at 1 ms: bash forks firefox pid 2000
      """
    Then /proc/slabinfo shows:
      """
      task_struct 4 4 12416 2 8 : tunables 0 0 0 : slabdata 2 2 0
      mm_struct 12 12 1344 12 4 : tunables 0 0 0 : slabdata 1 1 0
      """
    And these expectations hold:
      """
      expect: meminfo.KernelStack == 48 KB
      expect: event kmem_cache_alloc count == 2
      expect: event vmalloc count == 1
      """

  Scenario: The per-CPU fast path takes no lock
    # The seed: a CPU whose list is empty locks the shared slab and takes a batch of 16. In SLUB
    # the first allocation finds no CPU slab: the slow path (___slab_alloc) takes a new slab
    # from the page allocator (alloc_slab), no partial slab exists on the node (it looks at
    # nr_partial before locking), so no list_lock is taken. The slab's whole freelist becomes
    # the CPU's: 256-byte objects, 16 in an order-0 slab, so the next 15 come from the lockless
    # freelist (alloc_fastpath 15) without any lock.
    When these actions happen:
      """
      at 2 ms: kernel creates cache "my_cache" size 256 B
      at 3 ms: kernel allocates from cache "my_cache" as o1
      at 3 ms: kernel allocates from cache "my_cache" as o2
      at 3 ms: kernel allocates from cache "my_cache" as o3
      at 3 ms: kernel allocates from cache "my_cache" as o4
      at 3 ms: kernel allocates from cache "my_cache" as o5
      at 3 ms: kernel allocates from cache "my_cache" as o6
      at 3 ms: kernel allocates from cache "my_cache" as o7
      at 3 ms: kernel allocates from cache "my_cache" as o8
      at 3 ms: kernel allocates from cache "my_cache" as o9
      at 3 ms: kernel allocates from cache "my_cache" as o10
      at 3 ms: kernel allocates from cache "my_cache" as o11
      at 3 ms: kernel allocates from cache "my_cache" as o12
      at 3 ms: kernel allocates from cache "my_cache" as o13
      at 3 ms: kernel allocates from cache "my_cache" as o14
      at 3 ms: kernel allocates from cache "my_cache" as o15
      at 3 ms: kernel allocates from cache "my_cache" as o16
      """
    Then the SLUB counter alloc_slowpath of "my_cache" is 1
    And the SLUB counter alloc_fastpath of "my_cache" is 15
    And the SLUB counter alloc_slab of "my_cache" is 1
    And the cache "my_cache" took its node list lock 0 times
    And these expectations hold:
      """
      expect: slab "my_cache".num_objs == 16
      expect: slab "my_cache".objperslab == 16
      expect: slab "my_cache".pagesperslab == 1
      """

  Scenario: Slabs go from full to partial to empty, and an empty one goes back to the page allocator
    # 144 objects of 256 bytes fill 9 slabs (16 each); the last is the CPU's slab, the other 8
    # are full and on no list. Freeing one object of each of the first 8 makes each partial:
    # put_cpu_partial() parks it on the CPU's partial list, without a lock, until the list holds
    # cpu_partial_slabs = DIV_ROUND_UP(2 * 52, 16) = 7 slabs (set_cpu_partial: 52 objects for
    # sizes from 256 to 1023). The 8th partial slab finds the list full: the 7 move to the
    # node's partial list under list_lock (one lock), and the 8th starts a new CPU list.
    # /proc/slabinfo then counts 144 - 7 = 137 active objects.
    # Freeing the 15 other objects of the second slab (o17 is already free) empties it on the
    # node partial list; the node keeps min_partial = clamp(ilog2(256) / 2, 5, 10) = 5 partial
    # slabs, it has 7, so the empty slab goes back to the page allocator (free_slab): 8 slabs,
    # 128 objects, 6 on the node list, 6 free objects among them: 122 active.
    When these actions happen:
      """
      at 2 ms: kernel creates cache "my_cache" size 256 B
      at 3 ms: kernel allocates from cache "my_cache" as o1
      at 3 ms: kernel allocates from cache "my_cache" as o2
      at 3 ms: kernel allocates from cache "my_cache" as o3
      at 3 ms: kernel allocates from cache "my_cache" as o4
      at 3 ms: kernel allocates from cache "my_cache" as o5
      at 3 ms: kernel allocates from cache "my_cache" as o6
      at 3 ms: kernel allocates from cache "my_cache" as o7
      at 3 ms: kernel allocates from cache "my_cache" as o8
      at 3 ms: kernel allocates from cache "my_cache" as o9
      at 3 ms: kernel allocates from cache "my_cache" as o10
      at 3 ms: kernel allocates from cache "my_cache" as o11
      at 3 ms: kernel allocates from cache "my_cache" as o12
      at 3 ms: kernel allocates from cache "my_cache" as o13
      at 3 ms: kernel allocates from cache "my_cache" as o14
      at 3 ms: kernel allocates from cache "my_cache" as o15
      at 3 ms: kernel allocates from cache "my_cache" as o16
      at 3 ms: kernel allocates from cache "my_cache" as o17
      at 3 ms: kernel allocates from cache "my_cache" as o18
      at 3 ms: kernel allocates from cache "my_cache" as o19
      at 3 ms: kernel allocates from cache "my_cache" as o20
      at 3 ms: kernel allocates from cache "my_cache" as o21
      at 3 ms: kernel allocates from cache "my_cache" as o22
      at 3 ms: kernel allocates from cache "my_cache" as o23
      at 3 ms: kernel allocates from cache "my_cache" as o24
      at 3 ms: kernel allocates from cache "my_cache" as o25
      at 3 ms: kernel allocates from cache "my_cache" as o26
      at 3 ms: kernel allocates from cache "my_cache" as o27
      at 3 ms: kernel allocates from cache "my_cache" as o28
      at 3 ms: kernel allocates from cache "my_cache" as o29
      at 3 ms: kernel allocates from cache "my_cache" as o30
      at 3 ms: kernel allocates from cache "my_cache" as o31
      at 3 ms: kernel allocates from cache "my_cache" as o32
      at 3 ms: kernel allocates from cache "my_cache" as o33
      at 3 ms: kernel allocates from cache "my_cache" as o34
      at 3 ms: kernel allocates from cache "my_cache" as o35
      at 3 ms: kernel allocates from cache "my_cache" as o36
      at 3 ms: kernel allocates from cache "my_cache" as o37
      at 3 ms: kernel allocates from cache "my_cache" as o38
      at 3 ms: kernel allocates from cache "my_cache" as o39
      at 3 ms: kernel allocates from cache "my_cache" as o40
      at 3 ms: kernel allocates from cache "my_cache" as o41
      at 3 ms: kernel allocates from cache "my_cache" as o42
      at 3 ms: kernel allocates from cache "my_cache" as o43
      at 3 ms: kernel allocates from cache "my_cache" as o44
      at 3 ms: kernel allocates from cache "my_cache" as o45
      at 3 ms: kernel allocates from cache "my_cache" as o46
      at 3 ms: kernel allocates from cache "my_cache" as o47
      at 3 ms: kernel allocates from cache "my_cache" as o48
      at 3 ms: kernel allocates from cache "my_cache" as o49
      at 3 ms: kernel allocates from cache "my_cache" as o50
      at 3 ms: kernel allocates from cache "my_cache" as o51
      at 3 ms: kernel allocates from cache "my_cache" as o52
      at 3 ms: kernel allocates from cache "my_cache" as o53
      at 3 ms: kernel allocates from cache "my_cache" as o54
      at 3 ms: kernel allocates from cache "my_cache" as o55
      at 3 ms: kernel allocates from cache "my_cache" as o56
      at 3 ms: kernel allocates from cache "my_cache" as o57
      at 3 ms: kernel allocates from cache "my_cache" as o58
      at 3 ms: kernel allocates from cache "my_cache" as o59
      at 3 ms: kernel allocates from cache "my_cache" as o60
      at 3 ms: kernel allocates from cache "my_cache" as o61
      at 3 ms: kernel allocates from cache "my_cache" as o62
      at 3 ms: kernel allocates from cache "my_cache" as o63
      at 3 ms: kernel allocates from cache "my_cache" as o64
      at 3 ms: kernel allocates from cache "my_cache" as o65
      at 3 ms: kernel allocates from cache "my_cache" as o66
      at 3 ms: kernel allocates from cache "my_cache" as o67
      at 3 ms: kernel allocates from cache "my_cache" as o68
      at 3 ms: kernel allocates from cache "my_cache" as o69
      at 3 ms: kernel allocates from cache "my_cache" as o70
      at 3 ms: kernel allocates from cache "my_cache" as o71
      at 3 ms: kernel allocates from cache "my_cache" as o72
      at 3 ms: kernel allocates from cache "my_cache" as o73
      at 3 ms: kernel allocates from cache "my_cache" as o74
      at 3 ms: kernel allocates from cache "my_cache" as o75
      at 3 ms: kernel allocates from cache "my_cache" as o76
      at 3 ms: kernel allocates from cache "my_cache" as o77
      at 3 ms: kernel allocates from cache "my_cache" as o78
      at 3 ms: kernel allocates from cache "my_cache" as o79
      at 3 ms: kernel allocates from cache "my_cache" as o80
      at 3 ms: kernel allocates from cache "my_cache" as o81
      at 3 ms: kernel allocates from cache "my_cache" as o82
      at 3 ms: kernel allocates from cache "my_cache" as o83
      at 3 ms: kernel allocates from cache "my_cache" as o84
      at 3 ms: kernel allocates from cache "my_cache" as o85
      at 3 ms: kernel allocates from cache "my_cache" as o86
      at 3 ms: kernel allocates from cache "my_cache" as o87
      at 3 ms: kernel allocates from cache "my_cache" as o88
      at 3 ms: kernel allocates from cache "my_cache" as o89
      at 3 ms: kernel allocates from cache "my_cache" as o90
      at 3 ms: kernel allocates from cache "my_cache" as o91
      at 3 ms: kernel allocates from cache "my_cache" as o92
      at 3 ms: kernel allocates from cache "my_cache" as o93
      at 3 ms: kernel allocates from cache "my_cache" as o94
      at 3 ms: kernel allocates from cache "my_cache" as o95
      at 3 ms: kernel allocates from cache "my_cache" as o96
      at 3 ms: kernel allocates from cache "my_cache" as o97
      at 3 ms: kernel allocates from cache "my_cache" as o98
      at 3 ms: kernel allocates from cache "my_cache" as o99
      at 3 ms: kernel allocates from cache "my_cache" as o100
      at 3 ms: kernel allocates from cache "my_cache" as o101
      at 3 ms: kernel allocates from cache "my_cache" as o102
      at 3 ms: kernel allocates from cache "my_cache" as o103
      at 3 ms: kernel allocates from cache "my_cache" as o104
      at 3 ms: kernel allocates from cache "my_cache" as o105
      at 3 ms: kernel allocates from cache "my_cache" as o106
      at 3 ms: kernel allocates from cache "my_cache" as o107
      at 3 ms: kernel allocates from cache "my_cache" as o108
      at 3 ms: kernel allocates from cache "my_cache" as o109
      at 3 ms: kernel allocates from cache "my_cache" as o110
      at 3 ms: kernel allocates from cache "my_cache" as o111
      at 3 ms: kernel allocates from cache "my_cache" as o112
      at 3 ms: kernel allocates from cache "my_cache" as o113
      at 3 ms: kernel allocates from cache "my_cache" as o114
      at 3 ms: kernel allocates from cache "my_cache" as o115
      at 3 ms: kernel allocates from cache "my_cache" as o116
      at 3 ms: kernel allocates from cache "my_cache" as o117
      at 3 ms: kernel allocates from cache "my_cache" as o118
      at 3 ms: kernel allocates from cache "my_cache" as o119
      at 3 ms: kernel allocates from cache "my_cache" as o120
      at 3 ms: kernel allocates from cache "my_cache" as o121
      at 3 ms: kernel allocates from cache "my_cache" as o122
      at 3 ms: kernel allocates from cache "my_cache" as o123
      at 3 ms: kernel allocates from cache "my_cache" as o124
      at 3 ms: kernel allocates from cache "my_cache" as o125
      at 3 ms: kernel allocates from cache "my_cache" as o126
      at 3 ms: kernel allocates from cache "my_cache" as o127
      at 3 ms: kernel allocates from cache "my_cache" as o128
      at 3 ms: kernel allocates from cache "my_cache" as o129
      at 3 ms: kernel allocates from cache "my_cache" as o130
      at 3 ms: kernel allocates from cache "my_cache" as o131
      at 3 ms: kernel allocates from cache "my_cache" as o132
      at 3 ms: kernel allocates from cache "my_cache" as o133
      at 3 ms: kernel allocates from cache "my_cache" as o134
      at 3 ms: kernel allocates from cache "my_cache" as o135
      at 3 ms: kernel allocates from cache "my_cache" as o136
      at 3 ms: kernel allocates from cache "my_cache" as o137
      at 3 ms: kernel allocates from cache "my_cache" as o138
      at 3 ms: kernel allocates from cache "my_cache" as o139
      at 3 ms: kernel allocates from cache "my_cache" as o140
      at 3 ms: kernel allocates from cache "my_cache" as o141
      at 3 ms: kernel allocates from cache "my_cache" as o142
      at 3 ms: kernel allocates from cache "my_cache" as o143
      at 3 ms: kernel allocates from cache "my_cache" as o144
      at 4 ms: kernel frees o1 to cache "my_cache"
      at 4 ms: kernel frees o17 to cache "my_cache"
      at 4 ms: kernel frees o33 to cache "my_cache"
      at 4 ms: kernel frees o49 to cache "my_cache"
      at 4 ms: kernel frees o65 to cache "my_cache"
      at 4 ms: kernel frees o81 to cache "my_cache"
      at 4 ms: kernel frees o97 to cache "my_cache"
      at 4 ms: kernel frees o113 to cache "my_cache"
      """
    Then at 4.5 ms, the cache "my_cache" has 7 slabs on its node partial list
    And at 4.5 ms, the cache "my_cache" took its node list lock 1 time
    And these expectations hold:
      """
      expect at 3.5 ms: slab "my_cache".num_slabs == 9
      expect at 3.5 ms: slab "my_cache".active_objs == 144
      expect at 4.5 ms: slab "my_cache".active_objs == 137
      """
    When these actions happen:
      """
      at 5 ms: kernel frees o18 to cache "my_cache"
      at 5 ms: kernel frees o19 to cache "my_cache"
      at 5 ms: kernel frees o20 to cache "my_cache"
      at 5 ms: kernel frees o21 to cache "my_cache"
      at 5 ms: kernel frees o22 to cache "my_cache"
      at 5 ms: kernel frees o23 to cache "my_cache"
      at 5 ms: kernel frees o24 to cache "my_cache"
      at 5 ms: kernel frees o25 to cache "my_cache"
      at 5 ms: kernel frees o26 to cache "my_cache"
      at 5 ms: kernel frees o27 to cache "my_cache"
      at 5 ms: kernel frees o28 to cache "my_cache"
      at 5 ms: kernel frees o29 to cache "my_cache"
      at 5 ms: kernel frees o30 to cache "my_cache"
      at 5 ms: kernel frees o31 to cache "my_cache"
      at 5 ms: kernel frees o32 to cache "my_cache"
      """
    Then the cache "my_cache" has 6 slabs on its node partial list
    And the SLUB counter free_slab of "my_cache" is 1
    And these expectations hold:
      """
      expect: slab "my_cache".num_slabs == 8
      expect: slab "my_cache".num_objs == 128
      expect: slab "my_cache".active_objs == 122
      expect: event slab_free count == 1
      """

  Scenario: Objects are aligned: to the cache line with hwcache_align, or as asked
    # calculate_alignment(): SLAB_HWCACHE_ALIGN aligns to the 64-byte cache line, halved while
    # the object fits in half of it: 20 bytes -> 32, 100 bytes -> 64. An explicit align of 64
    # rounds 200 bytes up to 256. Without either, objects are aligned to a word: 200 stays 200.
    # Aligned objects never straddle more cache lines than they must (the seed's "2x faster").
    When these actions happen:
      """
      at 1 ms: kernel creates cache "c20" size 20 B flags hwcache_align
      at 1 ms: kernel creates cache "c100" size 100 B flags hwcache_align
      at 1 ms: kernel creates cache "c200" size 200 B align 64 B flags no_merge
      at 1 ms: kernel creates cache "c200w" size 200 B flags no_merge
      """
    Then these expectations hold:
      """
      expect: slab "c20".objsize == 32 B
      expect: slab "c100".objsize == 128 B
      expect: slab "c200".objsize == 256 B
      expect: slab "c200w".objsize == 200 B
      expect: slab "c200w".objperslab == 20
      """

  Scenario: No colouring: SLUB lays out every slab of a cache alike
    # The seed's slab colouring (slab 2's objects shifted by 0x10) was the old SLAB
    # allocator's, which SLUB never did and which left the kernel with SLAB in 6.8. SLUB puts
    # the objects of every slab at the same offsets and leaves the bytes that do not fit at the
    # end: 700-byte objects aligned to 64 take 704-byte slots; 12 * 704 = 8448 B needs order 2
    # (16384 B), which holds 23 slots and leaves 192 B (<= 1/16 of the slab) unused in each slab.
    When these actions happen:
      """
      at 1 ms: kernel creates cache "my_cache" size 700 B align 64 B
      repeat 30 times every 10 us from 2 ms: kernel allocates from cache "my_cache" as obj
      """
    Then /proc/slabinfo shows:
      """
      my_cache 46 46 704 23 4 : tunables 0 0 0 : slabdata 2 2 0
      """

  Scenario: A cache compatible with an existing one is merged into it
    # find_mergeable(): a new cache without constructor or debug flags whose slot size matches
    # an older cache's (within a word) and agrees on the accounting flags shares it. 250 bytes
    # round to a 256-byte slot, so "your_objs" becomes an alias of "my_objs": its objects live
    # in my_objs's slabs and /proc/slabinfo lists my_objs only. (The plain kmalloc-N caches
    # are SLAB_NO_MERGE on kernels with memory cgroups, as 6.x distribution kernels are.)
    When these actions happen:
      """
      at 1 ms: kernel creates cache "my_objs" size 256 B
      at 1 ms: kernel creates cache "your_objs" size 250 B
      at 2 ms: kernel allocates from cache "your_objs" as x
      """
    Then these expectations hold:
      """
      expect: slab "my_objs".num_objs == 16
      expect: slab "your_objs".num_objs == 16
      expect: slab "kmalloc-256".num_objs == 0
      """
    And /proc/slabinfo shows:
      """
      my_objs 16 16 256 16 1 : tunables 0 0 0 : slabdata 1 1 0
      """

  Scenario: Red zones catch a write past the object (slub_debug)
    # slub_debug (F Z P U) surrounds each object with red zones: 0xcc while allocated, and
    # remembers a kmalloc's requested size, so bytes 1500 .. 2047 of a kmalloc(1500) are a red
    # zone too. The store itself goes unnoticed; kfree() checks the object and reports.
    Given this machine:
      """
      slub_debug on
      """
    When these actions happen:
      """
      at 1 ms: kernel kmallocs 1500 B as packet
      at 2 ms: kernel writes "x" at packet + 1500 B
      at 3 ms: kernel kfrees packet
      """
    Then these expectations hold:
      """
      expect: dmesg contains "[kmalloc Redzone overwritten]"
      expect: dmesg contains "First byte 0x78 instead of 0xcc"
      expect: dmesg contains "BUG kmalloc-2k (Not tainted): Object corrupt"
      expect: event slub_report count == 1 between 3 ms and 3 ms
      expect: event slub_report count == 0 before 3 ms
      """

  Scenario: Without slub_debug, a write past the end is not caught
    # Red zones and poisoning cost memory and time; a kernel without slub_debug lays objects
    # side by side and checks nothing: the same bug goes silent.
    When these actions happen:
      """
      at 1 ms: kernel kmallocs 1500 B as packet
      at 2 ms: kernel writes "x" at packet + 1500 B
      at 3 ms: kernel kfrees packet
      """
    Then these expectations hold:
      """
      expect: event slub_report count == 0
      """

  Scenario: Poisoning catches a write after free, and a second free is refused (slub_debug)
    # With slub_debug P a freed object is filled with 0x6b (POISON_FREE, its last byte 0xa5).
    # A store through the stale pointer changes a poisoned byte; the next allocation checks the
    # object it is about to hand out (alloc_debug_processing -> check_object), finds
    # 0x78 ('x') instead of 0x6b, restores the poison and, unable to trust the slab, marks all
    # its objects used: the allocation is served from a new slab. Freeing the new object twice
    # is caught by slub_debug F: "Object already free", and the object is not freed again.
    Given this machine:
      """
      slub_debug on
      """
    When these actions happen:
      """
      at 1 ms: kernel kmallocs 100 B as obj
      at 2 ms: kernel kfrees obj
      at 3 ms: kernel writes "x" at obj + 10 B
      at 4 ms: kernel kmallocs 100 B as again
      at 5 ms: kernel kfrees again
      at 6 ms: kernel kfrees again
      """
    Then these expectations hold:
      """
      expect: dmesg contains "[Poison overwritten]"
      expect: dmesg contains "First byte 0x78 instead of 0x6b"
      expect: dmesg contains "FIX kmalloc-128: Marking all objects used"
      expect: dmesg contains "Object already free"
      expect: event slab_alloc count == 2
      expect: event slub_report count == 2
      """
