# A student's first attempt: every mistake is reported at once, in order.
scenario "Chrome is OOM-killed" {
  machine {
    ram 8 GB
    swap 2 GB on ssd
    thp sometimes
  }
  process systemd pid 1 oom_score_adj -1000 uses 10 MB
  process chrome pid 3000 uses 3000 MB
  process firefox pid 3000 uses 2000 MB
  process blender pid 5000

  at 1 s "open blender": blender allocates 2 GB
  at 2 s: blendr touches memory
  expect: chrome killed by OOM
  expect: chrome.rss > 1000
  expect: event oom_kil
  expect: action "open blendr" succeeded
}
