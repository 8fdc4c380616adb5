# The shared zero page (mm/memory.c: do_anonymous_page, do_wp_page).
# Reading untouched anonymous memory maps one shared page of zeros, read-only: a fault per
# page, but no memory and no RSS. The first write to each page then faults again and gets a
# page of its own (copy on write from the zero page).
scenario "Reads map the zero page; writes get real pages" {
  machine {
    ram 1 GB
    cpus 2
    thp never
    aslr off
  }

  process p pid 100

  at 1 ms: p maps buf anon 1 MB rw private
  at 2 ms: p reads buf sequentially        # 256 read faults, all on the zero page
  at 10 ms: p touches buf                  # 256 write faults, each a fresh zeroed page

  expect at 9 ms: p.faults.minor == 256
  expect at 9 ms: p.rss == 0 KB
  expect at 9 ms: meminfo.AnonPages == 0 KB
  expect: p.faults.minor == 512
  expect: p.rss == 1 MB
  expect: p reads "\0" at buf + 4 KB
}
