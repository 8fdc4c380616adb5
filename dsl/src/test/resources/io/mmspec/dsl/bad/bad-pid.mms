scenario "Pids start at 1" {
  process swapper pid 0
  process ghost pid -5
  process huge pid 5000000
}
