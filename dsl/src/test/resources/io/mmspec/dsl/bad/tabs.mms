scenario "Tabs are expanded under the caret" {
	process p pid 10
	at 1 s:	p	allocates 5 MB as buf
	at 2 s:	q	touches buf
}
