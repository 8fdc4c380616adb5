# A missing ':' is one mistake on its line; the lines after it are still checked.
scenario "Missing colon" {
  process p pid 10
  at 1 s p maps buf anon 1 MB rw private
  at 2 s: p touchs buf
  expect p alive
}
