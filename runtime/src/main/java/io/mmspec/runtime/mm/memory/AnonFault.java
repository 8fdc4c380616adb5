package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.VmFlags;

/**
 * Faults on empty PTEs of anonymous memory. Mirrors mm/memory.c: do_anonymous_page(): a read
 * maps the shared zero page read-only (no allocation, no RSS); a write allocates a zeroed page
 * and maps it writable. A shared anonymous VMA without a backing object is SIGBUS.
 */
public final class AnonFault {
    private final PageRefs refs;
    private final ZeroPages zero;

    public AnonFault(PageRefs refs, ZeroPages zero) {
        this.refs = refs;
        this.zero = zero;
    }

    int doAnonymousPage(VmFaultInfo vmf) {
        long flags = vmf.vma.flags();
        if ((flags & VmFlags.VM_SHARED) != 0) {
            vmf.kind = VmFaultInfo.Kind.SIGBUS;
            return VmFault.SIGBUS;
        }
        if (!vmf.write) {
            vmf.context.pageTable().setPte(vmf.address, zero.zeroPte(flags));
            vmf.kind = VmFaultInfo.Kind.ANON_ZERO_PAGE;
            vmf.pfn = zero.zeroPfn();
            return VmFault.OK;
        }
        long pfn = refs.allocUserPage(0, true, vmf.cpu);
        if (pfn < 0) {
            return VmFault.OOM;
        }
        refs.addNewAnonRmap(pfn, 0, vmf.anonVma(), linearPageIndex(vmf), flags);
        vmf.context.pageTable().setPte(vmf.address, userPte(pfn, flags, true));
        vmf.mm.addCounter(MmCounter.MM_ANONPAGES, 1);
        vmf.kind = VmFaultInfo.Kind.ANON_NEW_PAGE;
        vmf.pfn = pfn;
        return VmFault.OK;
    }

    /** linear_page_index(): the page's offset in the VMA's object (anonymous: address >> 12). */
    static long linearPageIndex(VmFaultInfo vmf) {
        return vmf.vma.pgoff() + ((vmf.address - vmf.vma.start()) >>> 12);
    }

    /**
     * mk_pte(page, vma->vm_page_prot), made writable and dirty for a write: present, user,
     * accessed; RW only when the VMA is writable and this is the page the writer owns; NX
     * unless the VMA is executable.
     */
    static long userPte(long pfn, long vmFlags, boolean writable) {
        long bits = Pte.PRESENT | Pte.USER | Pte.ACCESSED;
        if (writable && (vmFlags & VmFlags.VM_WRITE) != 0) {
            bits |= Pte.RW | Pte.DIRTY;
        }
        if ((vmFlags & VmFlags.VM_EXEC) == 0) {
            bits |= Pte.NX;
        }
        return Pte.make(pfn, bits);
    }
}
