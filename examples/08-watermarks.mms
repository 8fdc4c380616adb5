# Zone watermarks (mm/page_alloc.c: calculate_min_free_kbytes, __setup_per_zone_wmarks).
# On 16 GB, min_free_kbytes = int_sqrt(lowmem_kB * 16) = 16383 kB, raised because THP is on
# (khugepaged: 512 pages x 3 zones x (2 + 3*3) = 16896 pages = 67584 kB). pages_min = 16896
# is split across the zones by managed pages; the Normal zone (12 GB of 16) gets 12672.
# low = min + max(min/4, managed * 10 / 10000) and high = low + the same delta.
scenario "Watermarks by the kernel's formula" {
  machine {
    ram 16 GB
    cpus 4
    thp madvise
  }

  expect: zone "Normal".min == 12672 pages
  expect: zone "Normal".low == 15840 pages
  expect: zone "Normal".high == 19008 pages
  expect: zone "Normal".managed == 3145728 pages
}
