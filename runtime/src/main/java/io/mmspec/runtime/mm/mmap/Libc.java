package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SIZE;

import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.Map;
import java.util.TreeMap;

/**
 * glibc malloc()/free() as the kernel sees them: which requests become mmap, which move the
 * program break, and when memory goes back. One instance per address space (the malloc state
 * lives in the process's memory: fork copies it, execve starts afresh). Mirrors glibc
 * malloc/malloc.c: request2size, _int_malloc's use of the top chunk, sysmalloc, sysmalloc_mmap,
 * munmap_chunk, _int_free_merge_chunk and systrim, with the defaults of x86-64:
 *
 * <pre>
 *   chunk size nb = max(32, (n + 8 + 15) &amp; ~15); the pointer is the chunk start + 16
 *   nb >= M_MMAP_THRESHOLD (128 KB) and the top cannot hold it: mmap(ALIGN_UP(nb + 8, 4096))
 *   otherwise: a free chunk (best fit), else the top chunk, else sbrk by
 *              ALIGN_UP(nb + M_TOP_PAD (128 KB) + 32 - top, 4096)
 *   free: munmap an mmapped chunk; else coalesce with free neighbours and the top, and when
 *         the merged chunk is >= 64 KB and the top >= M_TRIM_THRESHOLD (128 KB), shrink the
 *         break to leave M_TOP_PAD (systrim)
 * </pre>
 *
 * The threshold is fixed at 128 KB, as after mallopt(M_MMAP_THRESHOLD), which turns off
 * glibc's dynamic threshold (DESIGN.md: mmap from 128 KB up). Simplified: free chunks coalesce
 * at once (no tcache or fastbins, as with glibc.malloc.tcache_count=0 and M_MXFAST=0), the
 * bins are one best-fit list, malloc fails (returns 0) when brk cannot grow instead of falling
 * back to an mmapped heap, and the startup allocations of ld.so and libc are not made.
 */
public final class Libc {
    static final long SIZE_SZ = 8;
    static final long CHUNK_HDR_SZ = 2 * SIZE_SZ;
    static final long MALLOC_ALIGN_MASK = 15;
    static final long MINSIZE = 32;
    public static final long M_MMAP_THRESHOLD = 128L << 10;
    public static final long M_TOP_PAD = 128L << 10;
    public static final long M_TRIM_THRESHOLD = 128L << 10;
    static final long FASTBIN_CONSOLIDATION_THRESHOLD = 64L << 10;

    private final Mmap mmap;
    private final MmStruct mm;
    private final TreeMap<Long, Long> inUse = new TreeMap<>();
    private final TreeMap<Long, Long> mmapped = new TreeMap<>();
    private final FreeChunks free = new FreeChunks();
    private long top = -1;
    private long topSize;

    public Libc(Mmap mmap, MmStruct mm) {
        this.mmap = mmap;
        this.mm = mm;
    }

    /** malloc(3): the address of at least {@code size} usable bytes, or 0 (ENOMEM). */
    public long malloc(long size) {
        if (size < 0 || size > Long.MAX_VALUE - 2 * PAGE_SIZE) {
            return 0;
        }
        long nb = request2size(size);
        long chunk = free.bestFit(nb);
        if (chunk >= 0) {
            long chunkSize = free.sizeAt(chunk);
            free.remove(chunk);
            if (chunkSize - nb >= MINSIZE) {
                free.add(chunk + nb, chunkSize - nb);
                chunkSize = nb;
            }
            inUse.put(chunk, chunkSize);
            return chunk + CHUNK_HDR_SZ;
        }
        if (top >= 0 && topSize >= nb + MINSIZE) {
            return fromTop(nb);
        }
        return sysmalloc(nb);
    }

    /** free(3); free(0) does nothing, a pointer malloc did not return aborts glibc. */
    public void free(long ptr) {
        if (ptr == 0) {
            return;
        }
        long chunk = ptr - CHUNK_HDR_SZ;
        Long mapped = mmapped.remove(chunk);
        if (mapped != null) {
            mmap.munmap(mm, chunk, mapped); // munmap_chunk()
            return;
        }
        Long size = inUse.remove(chunk);
        if (size == null) {
            throw new IllegalArgumentException("free(): invalid pointer " + Long.toHexString(ptr));
        }
        long merged = mergeChunk(chunk, size);
        if (merged >= FASTBIN_CONSOLIDATION_THRESHOLD && topSize >= M_TRIM_THRESHOLD) {
            systrim();
        }
    }

    /** Whether {@code ptr} came from its own mmap (chunk_is_mmapped()). */
    public boolean isMmapped(long ptr) {
        return mmapped.containsKey(ptr - CHUNK_HDR_SZ);
    }

    /** The malloc state of a fork child, whose memory holds the same heap. */
    public Libc forkCopy(MmStruct childMm) {
        Libc child = new Libc(mmap, childMm);
        child.inUse.putAll(inUse);
        child.mmapped.putAll(mmapped);
        child.free.copyFrom(free);
        child.top = top;
        child.topSize = topSize;
        return child;
    }

    /** request2size(). */
    static long request2size(long size) {
        long nb = (size + SIZE_SZ + MALLOC_ALIGN_MASK) & ~MALLOC_ALIGN_MASK;
        return Math.max(nb, MINSIZE);
    }

    private long fromTop(long nb) {
        long chunk = top;
        top += nb;
        topSize -= nb;
        inUse.put(chunk, nb);
        return chunk + CHUNK_HDR_SZ;
    }

    /** sysmalloc(): mmap for large requests, else grow the heap with sbrk. */
    private long sysmalloc(long nb) {
        if (nb >= M_MMAP_THRESHOLD) {
            long len = X86MmapLayout.pageAlign(nb + SIZE_SZ);
            try {
                long addr = mmap.mmap(mm, 0, len, Prot.READ | Prot.WRITE,
                        MapFlags.PRIVATE | MapFlags.ANONYMOUS, null, 0);
                mmapped.put(addr, len);
                return addr + CHUNK_HDR_SZ;
            } catch (SyscallException mmapFailed) {
                // glibc then tries the heap
            }
        }
        long oldBrk = mm.layout().brk();
        boolean contiguous = top >= 0 && top + topSize == oldBrk;
        long grow = X86MmapLayout.pageAlign(nb + M_TOP_PAD + MINSIZE - (contiguous ? topSize : 0));
        if (mmap.brk(mm, oldBrk + grow) != oldBrk + grow) {
            return 0;
        }
        if (contiguous) {
            topSize += grow;
        } else {
            if (top >= 0 && topSize >= MINSIZE) {
                free.add(top, topSize); // someone else moved the break: the old top is free
            }
            top = oldBrk;
            topSize = grow;
        }
        return fromTop(nb);
    }

    /** _int_free_merge_chunk(): returns the size of the coalesced free chunk (or new top). */
    private long mergeChunk(long chunk, long size) {
        long prev = free.endingAt(chunk);
        if (prev >= 0) {
            size += free.sizeAt(prev);
            free.remove(prev);
            chunk = prev;
        }
        long next = chunk + size;
        if (next == top) {
            top = chunk;
            topSize += size;
            return topSize;
        }
        long nextSize = free.sizeAt(next);
        if (nextSize >= 0) {
            free.remove(next);
            size += nextSize;
        }
        free.add(chunk, size);
        return size;
    }

    /** systrim(M_TOP_PAD): give the top chunk back to the kernel, keeping the pad. */
    private void systrim() {
        long extra = (topSize - M_TOP_PAD - MINSIZE - 1) & ~(PAGE_SIZE - 1);
        long currentBrk = mm.layout().brk();
        if (extra <= 0 || currentBrk != top + topSize) {
            return;
        }
        long newBrk = mmap.brk(mm, currentBrk - extra);
        topSize -= currentBrk - newBrk;
    }

    /** Chunks and free space tile the heap without overlap; mmapped chunks are mapped. */
    public void checkInvariants() {
        TreeMap<Long, Long> all = new TreeMap<>(inUse);
        for (Map.Entry<Long, Long> chunk : free.byAddress().entrySet()) {
            if (all.put(chunk.getKey(), chunk.getValue()) != null) {
                throw new IllegalStateException("chunk both free and in use at " + chunk.getKey());
            }
        }
        long freeEnd = -1;
        for (Map.Entry<Long, Long> chunk : free.byAddress().entrySet()) {
            if (chunk.getKey() == freeEnd || chunk.getKey() + chunk.getValue() == top) {
                throw new IllegalStateException("free chunk not coalesced at " + chunk.getKey());
            }
            freeEnd = chunk.getKey() + chunk.getValue();
        }
        long end = -1;
        for (Map.Entry<Long, Long> chunk : all.entrySet()) {
            if (end > chunk.getKey()) {
                throw new IllegalStateException("chunks overlap at " + chunk.getKey());
            }
            end = chunk.getKey() + chunk.getValue();
        }
        if (top >= 0 && end > top) {
            throw new IllegalStateException("a chunk overlaps the top chunk");
        }
        for (Map.Entry<Long, Long> chunk : mmapped.entrySet()) {
            if (mm.firstHole(chunk.getKey(), chunk.getKey() + chunk.getValue()) >= 0) {
                throw new IllegalStateException("mmapped chunk not mapped: " + chunk.getKey());
            }
        }
    }
}
