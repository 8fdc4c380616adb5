/**
 * The page cache (mm/filemap.c, mm/page-writeback.c, mm/truncate.c, mm/fadvise.c,
 * mm/workingset.c, fs/fs-writeback.c). {@link io.mmspec.runtime.mm.filemap.PageCache} is the
 * entry; {@link io.mmspec.runtime.mm.filemap.FileIo} does read() and write().
 *
 * <p>What it models, as Linux 6.18 does it:
 * <ul>
 * <li>File pages keyed by (file, index), shared by read()/write() and file mappings, with the
 *     readahead of {@code mm/readahead} on read() misses, marker hits and faults.</li>
 * <li>I/O in simulated time: each request (a readahead window's contiguous pages, one page, a
 *     run of dirty pages) occupies its disk for latency + size / bandwidth, one request at a
 *     time per disk. Pages being read are PG_locked until the completion event; a task that
 *     needs one waits (charged to its cost meter) and that is no major fault: only a miss that
 *     starts the read is (pgmajfault, PAGE_CACHE_MISS). pgpgin and pgpgout count KB.</li>
 * <li>Dirty pages: NR_FILE_DIRTY, NR_WRITEBACK, nr_dirtied, nr_written; inode dirtied_when;
 *     the flusher every dirty_writeback_centisecs (500) writing inodes dirty for longer than
 *     dirty_expire_centisecs (3000), and in the background above dirty_background_ratio;
 *     thresholds of dirtyable memory (free - totalreserve + file LRU, ratios in 1/4096);
 *     writer throttling with pauses up to 200 ms; fsync, sync, drop_caches, fadvise.</li>
 * <li>Reclaim's operations on a page (pageout, __remove_mapping with a workingset shadow
 *     entry) and refault detection: distance = nonresident_age now - at eviction, activation
 *     when it is at most the workingset size, workingset_refault/activate/restore_file.</li>
 * </ul>
 * The seed says readahead shrinks below a 25% hit rate; no such rule exists in the kernel, and
 * the kernel wins: refaults are judged by their distance (mm/workingset.c).
 *
 * <p>Left out: large folios; truncation and hole punching (files only grow); direct I/O;
 * buffer heads and filesystem metadata (a file page is a disk block); stable pages (a page
 * under writeback may be redirtied at once); I/O errors; request merging, splitting and
 * priorities; one flusher for all disks (the kernel has one per device) writing whole inodes;
 * per-device and per-memcg dirty limits and the writeback bandwidth estimate (dirty_ratelimit
 * stays at INIT_BW); the shadow-entry shrinker (shadows stay until a page is cached again);
 * MGLRU. Readahead state is per (process, file) instead of per open file.
 */
package io.mmspec.runtime.mm.filemap;
