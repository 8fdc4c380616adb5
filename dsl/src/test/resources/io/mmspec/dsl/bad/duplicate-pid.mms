scenario "Two processes with one pid" {
  process init pid 1
  process bash pid 1000
  process zsh pid 1000
  at 1 s: bash forks vim pid 1
}
