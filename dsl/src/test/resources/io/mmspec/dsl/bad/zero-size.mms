scenario "Sizes must be more than zero" {
  machine { ram 0 GB }
  process p pid 10 uses 0 KB
  at 1 s: p allocates 0 B as nothing
  at 2 s: p maps buf anon -4 KB rw private
  at 3 s: p reads buf sequentially 0 KB
}
