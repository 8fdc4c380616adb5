# Starting a program (fs/exec.c, fs/binfmt_elf.c, mm/memory.c, mm/filemap.c): the first phase
# of the seed's Firefox journey. fork copies bash's (empty) address space; execve maps text,
# data and bss and loads nothing. The first instruction faults: file-backed read, page-cache
# miss, one page read from the disk (10 ms here), mapped r-x: a major fault. Every further
# text page faults the same way (readahead, which would hide most of them, arrives with the
# memory-pressure slice).
scenario "exec and demand paging" {
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
  expect: firefox.faults.major == 16
  expect: firefox.rss.file == 64 KB
  expect: bash alive
}
