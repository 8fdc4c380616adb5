scenario "A process is used before it is forked" {
  process bash pid 1000
  at 0.003 s: firefox execs "/usr/bin/firefox"
  at 0.5 s: bash forks firefox pid 2000
  file "/usr/bin/firefox" size 1 MB { text 1 MB }
}
