# Starting a program (fs/exec.c, fs/binfmt_elf.c, mm/memory.c, mm/filemap.c, mm/readahead.c):
# the first phase of the seed's Firefox journey. fork copies bash's (empty) address space;
# execve maps text, data and bss and loads nothing. The first instruction faults: file-backed
# read, page-cache miss, a major fault. Readahead turns it into one disk request: for an
# executable mapping Linux 6.x reads forward from the faulting page (do_sync_mmap_readahead's
# VM_EXEC case), 32 pages (128 KB): 10 ms of latency plus 128 KB at 500 MB/s. The next
# instruction page is already cached: its fault is minor, and fault-around maps the whole
# 16-page (64 KB) window at once, so the other 14 pages take no fault at all.
scenario "exec, demand paging and readahead" {
  machine {
    ram 16 GB
    cpus 4
    aslr off
    disk ssd latency 10 ms bandwidth 500 MB/s
  }

  file "/usr/bin/firefox" size 100 MB on ssd { text 50 MB, data 10 MB, bss 5 MB }

  process bash pid 1000

  at 0.001 s: bash forks firefox pid 2000
  at 0.003 s: firefox execs "/usr/bin/firefox"
  at 0.004 s "first instruction": firefox executes text + 0 KB
  at 0.020 s: firefox executes text sequentially 64 KB

  expect at 0.0035 s: firefox.rss == 0 KB
  expect at 0.0035 s: text of firefox has 1 vmas
  expect at 0.010 s: firefox.faults.major == 1
  expect: action "first instruction" succeeded
  expect: event readahead for firefox before 0.005 s
  expect: file "/usr/bin/firefox".cached == 128 KB
  expect: firefox.faults.major == 1
  expect: firefox.faults.minor == 1
  expect: firefox.rss.file == 64 KB
  expect: bash alive
}
