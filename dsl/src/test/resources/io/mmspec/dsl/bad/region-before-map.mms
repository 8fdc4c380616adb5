scenario "A region is used before it is mapped" {
  process p pid 10
  at 2 s: p maps buf anon 1 MB rw private
  at 1 s: p touches buf
  at 3 s: p writes "x" at buf + 4 KB
}
