# The buddy allocator (mm/page_alloc.c: __rmqueue_smallest, expand, __free_one_page).
# After boot, the DMA32 zone of a 1 GB machine holds 251 free blocks of order 10, one each of
# orders 9, 8, 7 and 6, and one single page: boot took one page (the zero page) through the
# per-CPU list, which refilled a batch of 63 pages by splitting an order-10 block.
#   /proc/buddyinfo:  DMA32   1 0 0 0 0 0 1 1 1 1 251
# A request for 16 pages (order 4) takes the smallest free block that fits, order 6, and
# halves it, keeping the lower half each time: 6 -> 5 + 5, then 5 -> 4 + 4. One block of
# order 5 and one of order 4 are left free:
#   /proc/buddyinfo:  DMA32   1 0 0 0 1 1 0 1 1 1 251
# Freeing the 16 pages merges them with their buddy (pfn ^ (1 << order)) at order 4, then 5,
# and the order-6 block is whole again. (Orders 0 to 3 go through the per-CPU lists, which
# refill in batches; order 4 is the smallest request the buddy lists serve alone.)
scenario "Buddy split and merge" {
  machine {
    ram 1 GB
    cpus 1
    thp never
  }

  at 1 ms: kernel allocates pages order 4 as block
  at 2 ms: kernel frees pages block

  expect at 0.5 ms: buddyinfo "DMA32" order 6 == 1
  expect at 0.5 ms: buddyinfo "DMA32" order 5 == 0
  expect at 0.5 ms: buddyinfo "DMA32" order 4 == 0
  expect at 1.5 ms: buddyinfo "DMA32" order 6 == 0
  expect at 1.5 ms: buddyinfo "DMA32" order 5 == 1
  expect at 1.5 ms: buddyinfo "DMA32" order 4 == 1
  expect at 1.5 ms: buddyinfo "DMA32" order 10 == 251
  expect: buddyinfo "DMA32" order 6 == 1
  expect: buddyinfo "DMA32" order 5 == 0
  expect: buddyinfo "DMA32" order 4 == 0
}
