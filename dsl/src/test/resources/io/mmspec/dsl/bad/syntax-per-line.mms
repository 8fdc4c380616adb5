# Four syntax mistakes on four lines: each is reported, ANTLR resynchronising at the line end.
scenario "Several syntax mistakes" {
  process p uses 10 MB
  at 1 s: p frobs 4 KB
  at 2 s: p touches
  at 3 s: p blarg
  expect: p.rss ==
}
