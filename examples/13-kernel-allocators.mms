# The kernel's own allocators: kmalloc over SLUB (mm/slab_common.c, mm/slub.c) and vmalloc
# (mm/vmalloc.c), on a 2-CPU machine.
#
# kmalloc rounds a request up to its size class (kmalloc_slab(): up to 192 bytes by the
# kmalloc_size_index table, above that to the next power of two): 100 -> kmalloc-128,
# 150 -> kmalloc-192 (a class the kernel has besides the powers of two), 1000 -> kmalloc-1k,
# 1500 -> kmalloc-2k. Each first object of a cache makes its first slab.
#
# A slab's order follows calculate_order(): with 2 CPUs min_objects = 4 * (fls(2) + 1) = 12, so
# a slab must hold at least 12 objects if order 3 allows it. kmalloc-512: 12 * 512 B needs
# order 1 (8 KB): 16 objects in 2 pages. kmalloc-2k: 12 * 2 KB needs order 3: 16 objects in 8.
# A cache of 700-byte objects aligned to 64 B has 704-byte slots: 12 * 704 = 8448 B needs
# order 2 (16 KB), which holds 23 slots and wastes 192 B (<= 1/16 of the slab): 23 per slab,
# 4 pages. 30 objects take 2 slabs (46 objects); the free ones of the CPU's slab count as
# active, as in the kernel's /proc/slabinfo.
#
# vmalloc gives virtually contiguous memory from pages taken one by one, with an unmapped
# guard page after each area: a store just past a 40 KB area oopses (not-present page fault
# in kernel mode). vfree unmaps at once but flushes the TLBs lazily: freed ranges wait until
# they exceed lazy_max_pages() = fls(2) * 32 MB = 16384 pages, then one purge flushes them all.
# A 40 MB area is 10240 pages + 1 guard page, and its 80 KB pages array is vmalloc'd too
# (20 pages + guard): 10262 lazy pages per area, so the first vfree waits and the second purges.
# VmallocUsed counts the pages of live areas: at 25 ms buf's 10, kthreadd's 16 KB kernel stack
# (4; kthreadd runs the kernel's actions) and 2 * (10240 + 20) = 20534 pages = 82136 kB; after
# both vfrees 14 pages = 56 kB.
scenario "Kernel allocators: kmalloc rounding, slab geometry, vmalloc guard pages and lazy purge" {
  machine {
    ram 1 GB
    cpus 2
    thp never
  }

  at 1 ms: kernel kmallocs 100 B as a
  at 1 ms: kernel kmallocs 150 B as b
  at 1 ms: kernel kmallocs 1000 B as c
  at 1 ms: kernel kmallocs 1500 B atomic as packet
  at 1 ms: kernel kmallocs 500 B as d
  at 1 ms: kernel kfrees null

  at 2 ms: kernel creates cache "my_cache" size 700 B align 64 B flags no_merge
  repeat 30 times every 10 us from 3 ms: kernel allocates from cache "my_cache" as obj

  at 10 ms: kernel vmallocs 40 KB as buf
  at 11 ms "overflow": kernel writes "x" at buf + 40 KB

  at 20 ms: kernel vmallocs 40 MB as big1
  at 20 ms: kernel vmallocs 40 MB as big2
  at 30 ms: kernel vfrees big1
  at 31 ms: kernel vfrees big2

  expect: slab "kmalloc-128".num_objs == 32
  expect: slab "kmalloc-192".num_objs == 21
  expect: slab "kmalloc-1k".num_objs == 16
  expect: slab "kmalloc-2k".num_objs == 16
  expect: slab "kmalloc-512".objperslab == 16
  expect: slab "kmalloc-512".pagesperslab == 2
  expect: slab "kmalloc-2k".pagesperslab == 8
  expect: slab "my_cache".objsize == 704 B
  expect: slab "my_cache".objperslab == 23
  expect: slab "my_cache".pagesperslab == 4
  expect: slab "my_cache".num_slabs == 2
  expect: slab "my_cache".num_objs == 46

  expect: action "overflow" failed with EFAULT
  expect: event oops between 11 ms and 11 ms
  expect: dmesg contains "BUG: unable to handle page fault for address"

  expect at 25 ms: meminfo.VmallocUsed == 82136 KB
  expect: event vmap_purge count == 0 before 31 ms
  expect: event vmap_purge count == 1
  expect: meminfo.VmallocUsed == 56 KB
}
