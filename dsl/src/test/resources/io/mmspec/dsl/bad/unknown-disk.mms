scenario "Swap and files on disks the machine has" {
  machine {
    disk ssd latency 100 us
    disk ssd latency 200 us
    swap 4 GB on sdd
  }
  file "/x" size 1 MB on nvme
}
