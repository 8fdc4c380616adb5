scenario "Kernel objects are freed the way they were allocated" {
  at 1 s: kernel kmallocs 1500 B atomic as packet
  at 2 s: kernel vfrees packet
  at 3 s: kernel kfrees pakcet
  at 4 s: kernel vfrees area
  at 5 s: kernel vmallocs 10 MB as area
  at 6 s: kernel allocates pages order 11 as block
  at 7 s: kernel allocates from cache "my_cache" as obj
  at 8 s: kernel creates cache "my_cache" size 200 B align 48 B
  at 9 s: kernel writes "x" at 0x1000
}
