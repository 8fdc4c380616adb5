scenario "A brace never closed" {
  machine {
    ram 4 GB
  process p pid 10
}
