# Cost follows work, not size. A 1 TB machine boots with its free memory as order-10 blocks
# and page metadata only for the 128 MB sections that are touched (like SPARSEMEM), so it
# runs as fast as a small one. db maps 2 GB and writes every page: 524288 minor faults (no
# MADV_HUGEPAGE under thp madvise), 2 GB of RSS and about 4 MB of page tables.
scenario "A 1 TB machine" {
  machine {
    ram 1 TB
    cpus 8
  }

  process db pid 4000

  at 1 ms: db maps cache anon 2 GB rw private
  at 2 ms: db touches cache

  expect: meminfo.MemTotal == 1073741820 kB     # 1 TB less pfn 0, which stays reserved
  expect: db.faults.minor == 524288
  expect: db.rss == 2 GB
  expect: meminfo.AnonPages == 2 GB
  expect: db.pagetables >= 4 MB                  # 1024 page-table pages of 512 PTEs each
  expect: db.pagetables < 5 MB
}
