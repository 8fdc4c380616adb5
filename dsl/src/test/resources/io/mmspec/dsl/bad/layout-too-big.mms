scenario "text and data must fit in the file" {
  file "/usr/bin/app" size 10 MB { text 8 MB, data 4 MB, bss 100 MB }
  file "/usr/bin/tool" size 1 MB { data 512 KB }
  file "/usr/bin/odd" size 1 MB { text 1 MB, stack 4 KB }
  file "/etc/motd" size 2 B contents "hello"
}
