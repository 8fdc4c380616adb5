/**
 * Readahead (mm/readahead.c, with the mmap readahead of mm/filemap.c): the kernel's on-demand
 * algorithm. A read() that misses starts a window synchronously ({@link
 * io.mmspec.runtime.mm.readahead.Readahead#syncRa}); the page at {@code start + size -
 * async_size} carries PG_readahead, and reaching it starts the next, larger window
 * asynchronously ({@link io.mmspec.runtime.mm.readahead.Readahead#asyncRa}). Windows start at
 * 4 pages for a 4 KB read at index 0 and grow x4, x2 up to ra_pages (the device's, 32 pages =
 * 128 KB by default). Faults use read-around ({@link io.mmspec.runtime.mm.readahead.MmapReadahead}).
 * The page cache (mm/filemap) supplies the pages and the I/O through
 * {@link io.mmspec.runtime.mm.readahead.ReadaheadControl}; fadvise lives there too and sets
 * the state here: RANDOM (FMODE_RANDOM: no readahead), SEQUENTIAL (ra_pages x2), NORMAL.
 *
 * <p>Thrashing: the seed's "hit rate below 25% reduces the window" rule does not exist in the
 * kernel, and the kernel wins here. What limits useless readahead is FMODE_RANDOM,
 * VM_RAND_READ, mmap_miss above MMAP_LOTSAMISS (100) for faults, and the refault distance of
 * evicted pages (mm/workingset.c, in the filemap package).
 *
 * <p>Left out: large folios (ra-&gt;order stays 0, as on a filesystem without large folio
 * support), VM_HUGEPAGE windows, blk-cgroup congestion, fsnotify pre-content watches, the
 * readahead() system call and readahead_expand(). bdi-&gt;io_pages is taken equal to the
 * device's ra_pages. The state is kept per (process, file) rather than per struct file.
 */
package io.mmspec.runtime.mm.readahead;
