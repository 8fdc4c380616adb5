# Permissions and W^X (mm/mprotect.c). A JIT writes code into a writable buffer, then
# makes it read+execute: two steps, never writable and executable at once. This machine
# refuses W+X mappings (like MDWE), so a direct rwx mapping fails with EACCES, while the
# JIT's sequence works. Writing to the code afterwards is a SIGSEGV (SEGV_ACCERR).
# Linux does not enforce W^X by default: remove "wx deny" and the rwx mapping succeeds.
scenario "A JIT under W^X" {
  machine {
    ram 1 GB
    cpus 4
    aslr off
    wx deny
  }

  process jit pid 100
  process attacker pid 200

  at 1 ms: jit maps code anon 64 KB rw private
  at 2 ms: jit writes "\x90\x90\xc3" at code
  at 3 ms "make executable": jit protects code r-x
  at 4 ms: jit executes code
  at 5 ms "rwx mapping": attacker maps shell anon 4 KB rwx private
  at 6 ms: jit writes "\xcc" at code

  expect: action "make executable" succeeded
  expect at 4.5 ms: jit reads "\x90\x90\xc3" at code
  expect: action "rwx mapping" failed with EACCES
  expect: jit killed by SIGSEGV at code
  expect: attacker alive
}
