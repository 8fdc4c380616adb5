scenario "Sizes and times carry a unit" {
  process p pid 10
  at 1: p allocates 5 MB
}
