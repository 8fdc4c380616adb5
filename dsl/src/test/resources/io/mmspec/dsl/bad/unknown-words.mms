scenario "Advice, flags, signals and errno values" {
  file "/f" size 1 MB
  process p pid 10
  process q pid 11
  at 1 s "map": p maps buf anon 1 MB rw private
  at 2 s: p advises buf dontneeded
  at 3 s: p advises file "/f" hugepage
  at 4 s: kernel kmallocs 100 B atomc as x
  at 5 s: p kills q with SIGKIL
  at 6 s: kernel creates cache "c" size 64 B flags redzone
  expect: q killed by SIGSEV
  expect: action "map" failed with ENOMEN
}
