scenario "A typo in a process name" {
  machine { ram 8 GB }
  process chrome pid 3000 uses 600 MB
  process blender pid 5000

  at 1 s: chrom allocates 5 MB
  expect: blendr alive
  expect: chrome.rss > firefox.rss
}
