scenario "A count takes no unit" {
  machine {
    ram 4 GB
    cpus 2 GB
  }
}
