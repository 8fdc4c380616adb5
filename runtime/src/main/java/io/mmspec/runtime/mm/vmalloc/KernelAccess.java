package io.mmspec.runtime.mm.vmalloc;

import io.mmspec.runtime.mm.pagealloc.MemMap;

/**
 * Kernel accesses to vmalloc addresses through the kernel page table. The page table is the
 * areas' pages arrays themselves: {@link io.mmspec.runtime.arch.PageTable} takes user
 * addresses only ([0, 2^47)), and a vmalloc area's PTEs are exactly vm->pages laid out from
 * va_start, so a lookup is a binary search over the busy areas plus an array index, with no
 * object per PTE. A lazily freed area is unmapped (vunmap_range_noflush cleared its PTEs at
 * vfree); stale TLB entries until the purge are the machine's TLB model's business.
 */
final class KernelAccess {
    private final VmapSpace space;
    private final MemMap memMap;

    KernelAccess(VmapSpace space, MemMap memMap) {
        this.space = space;
        this.memMap = memMap;
    }

    /** vmalloc_to_pfn(): the pfn mapped at addr, or -1. */
    long pfnAt(long addr) {
        VmapArea area = space.busyContaining(addr);
        return area == null ? -1 : area.pfnAt(addr - area.vaStart);
    }

    AccessResult access(long addr, boolean write) {
        long pfn = pfnAt(addr);
        return pfn < 0 ? AccessResult.notPresent(addr, write) : AccessResult.hit(addr, write, pfn);
    }

    void write(long addr, byte[] data) {
        int done = 0;
        while (done < data.length) {
            long at = addr + done;
            long pfn = mappedOrFault(at, true);
            int offset = (int) (at & (Vmalloc.PAGE_SIZE - 1));
            int length = Math.min(data.length - done, Vmalloc.PAGE_SIZE - offset);
            memMap.writeBytes(pfn, offset, data, done, length);
            done += length;
        }
    }

    byte[] read(long addr, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = addr + done;
            long pfn = mappedOrFault(at, false);
            int offset = (int) (at & (Vmalloc.PAGE_SIZE - 1));
            int chunk = Math.min(length - done, Vmalloc.PAGE_SIZE - offset);
            memMap.readBytes(pfn, offset, out, done, chunk);
            done += chunk;
        }
        return out;
    }

    private long mappedOrFault(long addr, boolean write) {
        long pfn = pfnAt(addr);
        if (pfn < 0) {
            throw new VmallocFault(AccessResult.notPresent(addr, write));
        }
        return pfn;
    }
}
