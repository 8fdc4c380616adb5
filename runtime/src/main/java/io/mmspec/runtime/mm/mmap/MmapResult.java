package io.mmspec.runtime.mm.mmap;

/**
 * What do_mmap() returns: the address, and how many bytes from it the caller must fault in now
 * (its {@code *populate} out-parameter: the whole length for MAP_POPULATE or VM_LOCKED, else 0;
 * vm_mmap_pgoff() then calls mm_populate()).
 */
public record MmapResult(long addr, long populate) {
}
