# comments start with '#' or '//'
scenario "Chrome is OOM-killed" {
  seed 7                                  # drives ASLR and random access patterns

  machine {
    ram 16 GB                             # KB, MB, GB, TB are powers of 1024, as in the kernel
    cpus 4                                # KiB/MiB/GiB/TiB, kB and 'pages' (4 KB) also accepted
    swap 4 GB on ssd                      # no swap line: no swap
    disk ssd latency 100 us bandwidth 500 MB/s
    watermarks min 2500 low 5000 high 10000 pages   # default: the kernel's formula
    thp madvise                           # always | madvise | never
    aslr off                              # on by default (seeded)
    swappiness 60
    overcommit heuristic                  # heuristic | always | never
  }

  file "/usr/bin/firefox" size 100 MB on ssd { text 50 MB, data 10 MB, bss 5 MB }
  file "/usr/lib/libssl.so" size 2 MB on ssd
  file "/home/user/document.odt" size 8 MB on ssd

  process systemd pid 1 oom_score_adj -1000 uses 10 MB
  process bash pid 1000
  process chrome pid 3000 uses 600 MB          # already running, 600 MB anonymous, touched
  process libreoffice pid 4000 uses 400 MB
  process blender pid 5000

  at 0.001 s: bash forks firefox pid 2000
  at 0.003 s: firefox execs "/usr/bin/firefox"
  at 0.004 s: firefox executes text sequentially 128 KB
  at 0.010 s: firefox maps buffer anon 1 MB rw- private
  at 0.011 s: firefox writes "A" at buffer
  at 1 s:     firefox allocates 5 MB as page   # malloc, then write every page
  at 65 s:    firefox allocates 100 MB as tab
  at 70 s:    kernel kmallocs 1500 B atomic as packet
  at 70 s:    kernel kfrees packet
  at 70.001 s: kernel vmallocs 10 MB as module_area
  at 80 s:    firefox maps libssl file "/usr/lib/libssl.so" 2 MB rw- private
  at 80.1 s:  firefox protects libssl r-x
  every 10 ms from 90 s to 91 s: libreoffice reads file "/home/user/document.odt" randomly 16 times
  at 100 s "open blender": blender allocates 500 MB

  expect at 0.05 s: firefox.faults.major >= 1
  expect: firefox reads "A" at buffer
  expect: event kswapd_wake before 66 s
  expect [3 points] "chrome dies": chrome killed by oom
  expect: dmesg contains "Killed process 3000 (chrome)"
  expect: action "open blender" succeeded
  expect never: systemd killed
}
