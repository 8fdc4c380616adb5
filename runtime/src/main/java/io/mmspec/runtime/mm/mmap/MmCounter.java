package io.mmspec.runtime.mm.mmap;

/**
 * The per-mm RSS counters of include/linux/mm_types_task.h (NR_MM_COUNTERS), in pages, kept by
 * whoever maps and unmaps pages (the fault handler, zap, swap). get_mm_rss() sums the three
 * resident ones; MM_SWAPENTS counts swap entries in the page tables.
 */
public enum MmCounter {
    MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES
}
