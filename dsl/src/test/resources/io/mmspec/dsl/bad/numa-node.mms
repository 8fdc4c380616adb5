scenario "NUMA nodes that do not exist" {
  machine {
    numa nodes 2
    node 2 ram 4 GB
  }
  at 1 s: kernel kmallocs 64 B node 5 as x
}
