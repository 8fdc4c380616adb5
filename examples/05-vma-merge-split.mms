# VMA merging and splitting (mm/vma.c: vma_merge_new_range, vma_modify_flags).
# Two adjacent anonymous mappings with the same flags become one VMA. mprotect of the middle
# page splits it into three; restoring the permission merges them back into one.
scenario "Merge, split, merge again" {
  machine {
    ram 1 GB
    cpus 2
    aslr off
  }

  process p pid 100

  at 1 ms: p maps a anon 12 KB rw private at 0x10000000
  at 2 ms: p maps b anon 12 KB rw private at 0x10003000
  at 3 ms: p protects a[4 KB .. 8 KB] r--
  at 4 ms: p protects a[4 KB .. 8 KB] rw-

  expect at 1.5 ms: p.vmas == 1
  expect at 2.5 ms: p.vmas == 1            # adjacent and compatible: merged
  expect at 3.5 ms: p.vmas == 3            # r-- in the middle of rw-
  expect at 3.5 ms: a of p has 3 vmas
  expect: p.vmas == 1                      # merged back
}
