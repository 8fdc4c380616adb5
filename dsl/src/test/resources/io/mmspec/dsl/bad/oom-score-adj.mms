scenario "oom_score_adj is between -1000 and 1000" {
  process systemd pid 1 oom_score_adj -1001
  process chrome pid 3000 oom_score_adj 1500
  process nice_one pid 4000 nice 20
  process root pid 5000 uid -1
}
