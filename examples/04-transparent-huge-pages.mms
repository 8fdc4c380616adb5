# Transparent huge pages (mm/huge_memory.c: do_huge_pmd_anonymous_page).
# With thp madvise (the common default) only memory advised with MADV_HUGEPAGE gets 2 MB
# pages: 10 MB is 5 huge pages, 5 faults. Without the advice: 2560 faults of 4 KB.
# An anonymous mmap whose length is a multiple of 2 MB is placed 2 MB aligned.
scenario "THP: 5 faults instead of 2560" {
  machine {
    ram 1 GB
    cpus 2
    thp madvise
    aslr off
  }

  process huge pid 100
  process small pid 200

  at 1 ms: huge maps buf anon 10 MB rw private
  at 1 ms: huge advises buf hugepage
  at 2 ms: huge touches buf
  at 1 ms: small maps buf anon 10 MB rw private
  at 2 ms: small touches buf

  expect: huge.faults.minor == 5
  expect: buf of huge is huge
  expect: small.faults.minor == 2560
  expect: vmstat.thp_fault_alloc == 5
  expect: meminfo.AnonHugePages == 10 MB
  expect: huge.rss == 10 MB
}
