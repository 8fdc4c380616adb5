scenario "An expectation about an action nobody labelled" {
  process blender pid 5000
  at 100 s "open blender": blender allocates 500 MB
  expect: action "open blendr" succeeded
  expect: action "close blender" failed with ENOMEN
}
