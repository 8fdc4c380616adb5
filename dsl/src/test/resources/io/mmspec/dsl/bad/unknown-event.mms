scenario "Events come from one registry" {
  process p pid 10
  expect: event kswapd_wakeup before 66 s
  expect: event oom for p
  expect: event direct_reclaim before event oom_kil
}
