scenario "Predicate heads cannot name a process" {
  process event pid 10
  process vmstat pid 11
  process ok pid 12
  at 1 s: ok forks file pid 13
}
