scenario "Machine settings the kernel would refuse" {
  machine {
    ram 1 GB
    cpus 0
    swappiness 300
    overcommit heuristic ratio 50
    watermarks min 300 low 200 high 400 pages
    fault_around 4 MB
    dirty_ratio 120
    cost tlb_miss 10 ns
    zones DMA 16 MB, Highmem 1 GB
  }
}
