# A copy of ../shared/examples/oom-basic.mms, unchanged below this line.
# The OOM killer's scoring example from the seed (FILE 12), with kernel-faithful badness:
# rss + swap entries + page tables, plus oom_score_adj scaled by total pages / 1000.
scenario "Chrome is OOM-killed" {
  machine {
    ram 8 GB
    cpus 2
  }

  process systemd pid 1 oom_score_adj -1000 uses 10 MB
  process firefox pid 2000 uses 2000 MB
  process chrome pid 3000 uses 3000 MB
  process database pid 4000 oom_score_adj -900 uses 1500 MB
  process blender pid 5000

  at 1 s "open blender": blender allocates 2 GB

  expect: chrome killed by oom
  expect: firefox alive
  expect: database alive
  expect: systemd alive
  expect: chrome.oom_score > firefox.oom_score
  expect: dmesg contains "Out of memory: Killed process 3000 (chrome)"
  expect: action "open blender" succeeded
  expect: vmstat.oom_kill == 1
}
