// Every machine setting, each written once.
scenario "Every machine setting" {
  seed 42
  machine {
    ram 8 GB
    cpus 4
    numa nodes 2
    node 0 ram 4 GB cpus 2
    node 1 ram 4 GB cpus 2
    zones DMA 16 MB, DMA32 3 GB, Normal
    disk ssd latency 100 us bandwidth 500 MB/s
    disk hdd latency 8 ms bandwidth 150 MB/s
    swap 2 GB on ssd priority 10
    swap 4 GiB on hdd priority 2
    min_free_kbytes 67584
    thp always
    aslr on
    swappiness 100
    overcommit never ratio 80
    readahead 128 KB
    fault_around 64 KB
    cost minor_fault 700 ns
    cost page_walk 0.06 us
    wx deny
    page_cluster 3
    dirty_ratio 20
    dirty_background_ratio 10
    dirty_expire 30 s
    dirty_writeback 5 s
    slub_debug on
  }
  process init pid 1
  expect: init alive
}
