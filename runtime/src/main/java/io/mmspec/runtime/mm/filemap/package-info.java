/**
 * The page cache (mm/filemap.c): file pages in memory keyed by (file, page index), shared by
 * read()/write() and by file mappings; reads that miss go to the disk and pay its latency;
 * writes dirty pages that writeback later copies to the disk.
 * This is the simple page cache the virtual-memory core needs; the memory-pressure slice adds
 * the LRU lists, the flusher's timing, dirty throttling, readahead and eviction.
 */
package io.mmspec.runtime.mm.filemap;
