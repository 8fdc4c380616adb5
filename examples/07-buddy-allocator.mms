# The buddy allocator (mm/page_alloc.c: __rmqueue_smallest, expand, __free_one_page).
# At boot the DMA32 zone of a 1 GB machine holds 251 free blocks of order 10 and one each of
# orders 9, 8, 7 and 6: boot took one page (the zero page) through the per-CPU list, which
# refilled a batch of 63 pages by splitting an order-10 block. Then kthreadd, the kernel thread
# that runs the kernel's actions, was forked: its task_struct came from a new order-3 slab of
# the task_struct cache, through the per-CPU order-3 list, which refilled 7 blocks of order 3
# (batch 63 >> 3) by splitting the order-6 block into 8 and left one of them free; its 16 KB
# kernel stack came from vmalloc as 4 pages of the order-0 per-CPU list.
#   /proc/buddyinfo:  DMA32   1 0 0 1 0 0 0 1 1 1 251
# A request for 16 pages (order 4) takes the smallest free block that fits, now order 7, and
# halves it, keeping the lower half each time: 7 -> 6 + 6, 6 -> 5 + 5, then 5 -> 4 + 4. One
# block each of orders 6, 5 and 4 is left free:
#   /proc/buddyinfo:  DMA32   1 0 0 1 1 1 1 0 1 1 251
# Freeing the 16 pages merges them with their buddy (pfn ^ (1 << order)) at order 4, then 5,
# then 6, and the order-7 block is whole again. (Orders 0 to 3 go through the per-CPU lists,
# which refill in batches; order 4 is the smallest request the buddy lists serve alone.)
scenario "Buddy split and merge" {
  machine {
    ram 1 GB
    cpus 1
    thp never
  }

  at 1 ms: kernel allocates pages order 4 as block
  at 2 ms: kernel frees pages block

  expect at 0.5 ms: buddyinfo "DMA32" order 7 == 1
  expect at 0.5 ms: buddyinfo "DMA32" order 6 == 0
  expect at 0.5 ms: buddyinfo "DMA32" order 3 == 1
  expect at 0.5 ms: slab "task_struct".num_slabs == 1
  expect at 1.5 ms: buddyinfo "DMA32" order 7 == 0
  expect at 1.5 ms: buddyinfo "DMA32" order 6 == 1
  expect at 1.5 ms: buddyinfo "DMA32" order 5 == 1
  expect at 1.5 ms: buddyinfo "DMA32" order 4 == 1
  expect at 1.5 ms: buddyinfo "DMA32" order 10 == 251
  expect: buddyinfo "DMA32" order 7 == 1
  expect: buddyinfo "DMA32" order 6 == 0
  expect: buddyinfo "DMA32" order 5 == 0
  expect: buddyinfo "DMA32" order 4 == 0
}
