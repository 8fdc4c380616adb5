# Every kind of action, with the names a student might choose (keywords are fine as names).
scenario "Every action" {
  machine {
    ram 4 GB; cpus 2
    disk ssd latency 100 us bandwidth 1 GB/s
    swap 1 GB on ssd
    watermarks min 1 MB low 2 MB high 3 MB
  }

  file "/bin/app" size 4 MB on ssd { text 2 MB, data 512 KB, bss 256 KB }
  file "/etc/motd" contents "hello\tworld\n\x41\0"
  file "/var/log" size 1 MB

  process init pid 1 uid 0 nice -5 oom_score_adj -1000
  process app pid 10 parent init uid 1000 nice 5 oom_score_adj 300 uses 64 MB as heap0
  process text pid 11 parent init          # 'text' is a keyword elsewhere, a name here

  at 0 s "start": init forks shell pid 20
  at 1 ms: shell execs "/bin/app"
  at 2 ms: shell executes text
  at 2 ms: shell executes text sequentially 64 KB
  at 2 ms: shell executes text randomly 8 times
  at 3 ms: shell reads data every 8 KB
  at 3 ms: shell reads data 3 times
  at 3 ms: shell touches bss
  at 4 ms: app maps r anon 2 MB rwx shared populate at 0x7f0000000000 huge
  at 4 ms: app maps s file "/var/log" 64 KB offset 4 KB r-x private
  at 4 ms: app maps parent anon 1 MB --- private
  at 5 ms: app unmaps r + 4 KB
  at 5 ms: app remaps s 128 KB
  at 5 ms: app protects parent rw
  at 6 ms: app advises heap0 hugepage
  at 6 ms: app advises file "/var/log" sequential
  at 6 ms: app locks heap0[0 KB .. 64 KB] onfault
  at 6 ms: app unlocks heap0
  at 7 ms: app allocates 16 KB as small
  at 7 ms: app allocates 1 MB
  at 7 ms: app frees small
  at 8 ms: app reads 0x7f0000001000
  at 8 ms: app writes "\xff\"quoted\"\\" at heap0 + 100 B
  at 9 ms: app reads file "/etc/motd"
  at 9 ms: app reads file "/var/log" sequentially
  at 9 ms: app reads file "/var/log" randomly 4 times
  at 9 ms: app reads file "/var/log" 8 KB
  at 10 ms: app writes file "/var/log" 1 MB at 1 MB
  at 10 ms: app writes file "/tmp/new" "x"
  at 10 ms: app fsyncs "/var/log"
  at 11 ms: text kills app with SIGTERM
  at 11 ms: shell exits with code 3
  at 12 ms: kill text
  at 12 ms: init exits code 0

  after 1 ms: kernel kmallocs 100 B as small_obj
  after 1 ms: kernel kmallocs 0 B gfp kernel | zero node 0 as zero_obj
  after 1 ms: kernel kmallocs 5000 B atomic nowarn as big_obj
  at 20 ms "kernel work" {
    kernel kfrees small_obj
    kernel kfrees null
    kernel writes "x" at big_obj + 5000 B
    kernel creates cache "my_cache" size 200 B align 64 B flags red_zone, poison
    kernel allocates from cache "my_cache" as obj1
    kernel frees obj1 to cache "my_cache"
    kernel destroys cache "my_cache"
    kernel vmallocs 10 MB as area
    kernel vfrees area
    kernel allocates pages order 3 gfp kernel node 0 as block
    kernel frees pages block
  }
  at 30 ms { kernel drops caches 3; kernel compacts; kernel syncs }
  every 10 ms from 40 ms to 100 ms: init touches stack
  repeat 5 times: init reads stack
  repeat 3 times every 1 ms from 200 ms "loop": init touches stack
  at 0 s: init execs "/bin/app"
  at 300 ms: kernel migrates heap0 of app to node 0
  at 300 ms: kernel drops caches

  expect: action "start" succeeded
  expect: action "loop" failed with ENOMEM
  expect: action "kernel work" failed
}
