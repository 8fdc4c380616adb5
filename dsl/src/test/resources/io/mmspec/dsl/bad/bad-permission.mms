scenario "Permissions as /proc/PID/maps writes them" {
  process p pid 10
  at 1 s: p maps buf anon 1 MB rwz private
  at 2 s: p protects buf xr
}
