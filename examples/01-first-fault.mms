# Demand paging (mm/memory.c: do_anonymous_page).
# mmap() only creates a VMA; a page gets memory on its first write, one minor fault each.
# 10 MB is 2560 pages of 4 KB, so 2560 faults, and the RSS grows from 0 to 10 MB.
scenario "Demand paging: one minor fault per page" {
  machine {
    ram 1 GB
    cpus 2
    thp never
    aslr off
  }

  process p pid 100

  at 1 ms: p maps buf anon 10 MB rw private
  at 2 ms: p touches buf                  # one write per page

  expect at 1.5 ms: p.rss == 0 KB          # mapped, nothing touched yet
  expect at 1.5 ms: p.vmsize == 10 MB
  expect: p.faults.minor == 2560
  expect: p.faults.major == 0
  expect: p.rss == 10 MB
  expect: buf of p is resident
  expect: vmstat.pgfault == 2560
}
