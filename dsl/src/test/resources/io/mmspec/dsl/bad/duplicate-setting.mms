scenario "Each setting once" {
  seed 1
  seed 2
  machine {
    ram 4 GB
    ram 8 GB
  }
  machine { cpus 2 }
  process p pid 10 pid 11
}
