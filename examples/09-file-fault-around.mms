# File faults and fault-around (mm/memory.c: do_read_fault, do_fault_around; mm/filemap.c).
# reader's read() fills the page cache with all 256 pages of the 1 MB file (each a miss and a
# disk read). p then maps the file privately at a 64 KB aligned address and reads every page:
# each read fault maps the 16 cached pages of its aligned 64 KB window, so 256 pages take 16
# minor faults. q maps it privately too and writes every page: write faults get no fault-around
# and each copies its page (do_cow_fault): 256 faults. The file itself is unchanged.
scenario "Fault-around: 16 faults for 256 cached pages" {
  machine {
    ram 1 GB
    cpus 2
    aslr off
    disk ssd latency 100 us bandwidth 1 GB/s
  }

  file "/data/big" size 1 MB on ssd contents "original"

  process reader pid 100
  process p pid 200
  process q pid 300

  at 1 ms: reader reads file "/data/big" sequentially
  at 100 ms: p maps m file "/data/big" 1 MB r-- private at 0x20000000
  at 101 ms: p reads m sequentially
  at 200 ms: q maps w file "/data/big" 1 MB rw- private at 0x30000000
  at 201 ms: q touches w
  at 202 ms: q writes "changed" at w

  expect at 99 ms: file "/data/big".cached == 1 MB
  expect at 99 ms: vmstat.pgpgin == 1024          # KB read from the disk
  expect: p.faults.minor == 16
  expect: p.faults.major == 0
  expect: p.rss.file == 1 MB
  expect: q.faults.minor == 256
  expect: q.rss.anon == 1 MB
  expect: q reads "changed" at w
  expect: p reads "original" at m
  expect: file "/data/big" holds "original" at 0 KB
}
