# Copy on write after fork (kernel/fork.c: dup_mmap, mm/memory.c: copy_page_range, do_wp_page).
# fork() copies no page: parent and child share them, write-protected. The child's first
# write to each page copies it (100 COW faults). Afterwards each parent page has one mapper
# again, so the parent's writes reuse its pages without copying (pgreuse).
scenario "Copy on write after fork" {
  machine {
    ram 1 GB
    cpus 2
    thp never
    aslr off
  }

  process parent pid 100

  at 1 ms: parent maps buf anon 400 KB rw private
  at 2 ms: parent touches buf
  at 3 ms: parent writes "parent" at buf
  at 4 ms: parent forks child pid 200
  at 5 ms: child touches buf               # 100 pages: 100 copies
  at 6 ms: child writes "child!" at buf
  at 7 ms: parent touches buf              # now exclusive again: reused, not copied

  expect at 4.5 ms: child.rss == 400 KB    # shared pages count in both RSS
  expect at 4.5 ms: child.faults.minor == 0
  expect: child.faults.minor == 100
  expect: parent.faults.minor == 200
  expect: vmstat.pgreuse == 100
  expect: parent reads "parent" at buf
  expect: child reads "child!" at buf
}
