scenario "Reserved words cannot be names" {
  process bash pid 1000
  at 1 s: bash forks at pid 1001
}
