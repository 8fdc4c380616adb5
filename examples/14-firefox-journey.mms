# The complete Firefox journey from the seed document (seed/000_9e6cb9be4d5d6d71.txt),
# all twelve mechanisms in one timeline. This is ../shared/examples/firefox-journey.mms with
# one size tuned, as its header allows, so that the outcomes follow from the kernel's rules:
#
#   postgres's backup_buffer: 3 GB -> 3300 MB.
#
# Why: RAM (16 GB) plus swap (4 GB) must run out at blender's allocation, not before and not
# never. With 3 GB, after the backup about 660 MB of swap and 100 MB of RAM are still free at 99.9 s,
# and blender's 500 MB fits: no OOM. With 3300 MB about 300 MB less is free, blender's
# allocation exhausts swap, reclaim stops making progress, and the OOM killer runs at about 100.8 s.
# It picks chrome (badness 600 MB of anonymous memory; postgres's -900 takes 18 GB off its 17.7
# GB; systemd is -1000), and blender's allocation succeeds once the reaper has freed chrome's
# memory 2 s later.
#
# Note that reclaim swaps postgres's pages, not chrome's: every "uses" page of the processes
# that already run is touched once at boot, in pid order, so postgres's 12 GB are older on the
# inactive list than chrome's 600 MB and go first. Chrome's swap stays 0.
scenario "The complete Firefox journey" {
  seed 1

  machine {
    ram 16 GB
    cpus 4
    disk ssd latency 10 ms bandwidth 500 MB/s
    swap 4 GB on ssd
    watermarks min 2500 low 5000 high 10000 pages
    aslr off
  }

  file "/usr/bin/firefox" size 100 MB on ssd { text 50 MB, data 10 MB, bss 5 MB }
  file "/usr/lib/libssl.so" size 2 MB on ssd
  file "/home/user/document.odt" size 64 MB on ssd
  file "/home/user/.cache/firefox/data" size 32 MB on ssd

  process systemd pid 1 oom_score_adj -1000 uses 10 MB
  process bash pid 1000
  process postgres pid 1500 oom_score_adj -900 uses 12 GB
  process chrome pid 3000 uses 600 MB
  process libreoffice pid 4000 uses 400 MB
  process blender pid 5000

  # Phase 1: starting Firefox (kmalloc + slub for task_struct, page_alloc for page tables,
  # mmap for the VMAs, memory.c + filemap.c for the first instruction, readahead.c after)
  at 0.001 s: bash forks firefox pid 2000
  at 0.003 s: firefox execs "/usr/bin/firefox"
  at 0.004 s "first instruction": firefox executes text
  at 0.020 s: firefox executes text sequentially 512 KB

  # Phase 2: malloc(1 MB) is an anonymous mmap; the first write faults in a zeroed page
  at 0.010 s: firefox maps buffer anon 1 MB rw private
  at 0.011 s: firefox writes "A" at buffer

  # Phase 3: a web page arrives
  at 1 s: firefox allocates 5 MB as download
  at 30 s: firefox allocates 390 MB as tabs

  # Phase 4: memory pressure; libreoffice's document is clean page cache, firefox's cache
  # file is dirty, chrome's memory is anonymous
  at 50 s: libreoffice reads file "/home/user/document.odt" sequentially
  at 55 s: firefox writes file "/home/user/.cache/firefox/data" 32 MB
  at 60 s: postgres allocates 2800 MB as sort_buffer
  at 65 s "new tab": firefox allocates 100 MB as new_tab

  # Phase 5: the kernel needs memory (kmalloc.c + slub.c, vmalloc.c)
  at 70 s: kernel kmallocs 1500 B atomic as packet
  at 70 s: kernel kfrees packet
  at 70.001 s: kernel vmallocs 10 MB as module_area

  # Phase 6: protection (mprotect.c); a content process tries to write to library code
  at 80 s: firefox forks webcontent pid 2001
  at 80.01 s: webcontent maps libssl file "/usr/lib/libssl.so" 2 MB rw- private
  at 80.02 s: webcontent protects libssl r-x
  at 80.03 s: webcontent writes "X" at libssl

  # Phase 7: out of memory
  at 90 s: postgres allocates 3300 MB as backup_buffer
  at 100 s "open blender": blender allocates 500 MB

  expect at 0.019 s: firefox.faults.major >= 1
  expect: event readahead for firefox before 1 s
  expect: firefox reads "A" at buffer
  expect: event kswapd_wake between 65 s and 66 s
  expect: event writeback before 70 s
  expect: vmstat.pswpout > 0
  expect: slab "kmalloc-2k".num_objs >= 1
  expect: webcontent killed by SIGSEGV at libssl
  expect: firefox alive
  expect: event direct_reclaim between 100 s and 101 s
  expect [5 points] "the OOM killer picks chrome": chrome killed by oom
  expect: dmesg contains "Out of memory: Killed process 3000 (chrome)"
  expect: dmesg contains "oom_reaper: reaped process 3000 (chrome)"
  expect: action "open blender" succeeded
  expect: systemd alive
  expect: postgres alive
}
