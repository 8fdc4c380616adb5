scenario "Two processes with one name" {
  process bash pid 1000
  process bash pid 1001
  process init pid 1
  at 1 s: init forks bash pid 1002
}
