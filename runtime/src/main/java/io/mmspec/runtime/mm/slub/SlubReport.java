package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.Trace;

/**
 * The text SLUB prints when it finds something wrong. Mirrors mm/slub.c: slab_bug(),
 * slab_fix(), print_slab_info(), print_trailer(), object_err(), slab_err(), print_section()
 * (print_hex_dump() with DUMP_PREFIX_ADDRESS, 16 bytes a row, ASCII column), and
 * print_tainted() of kernel/panic.c for the "(Not tainted)" part.
 *
 * <p>Addresses print in full: slub_debug forces no_hash_pointers, as the kernel does since
 * 5.12. The WARN_ON() splats (cut here, registers, stack) and print_tracking()'s
 * "Allocated in ..." lines, which need call sites and stacks, are not printed.
 */
final class SlubReport {
    private final TaskOfEvents task;
    /** taint_flags[] of Linux 6.18: P F S R M B U D A W C I O E L K X T N J. */
    private static final String TAINT_CHARS = "PFSRMBUDAWCIOELKXTNJ";
    private static final int TAINT_BAD_PAGE = 5;
    private static final int TAINT_WARN = 9;

    private final KernelLog log;
    private final Trace trace;
    private final PageAllocator pages;
    private int taint;

    SlubReport(KernelLog log, Trace trace, PageAllocator pages, TaskOfEvents task) {
        this.task = task;
        this.log = log;
        this.trace = trace;
        this.pages = pages;
    }

    void err(String line) {
        log.printk(KernelLog.Level.ERR, line);
    }

    /** print_tainted(). */
    String tainted() {
        if (taint == 0) {
            return "Not tainted";
        }
        StringBuilder out = new StringBuilder("Tainted: ");
        for (int i = 0; i < TAINT_CHARS.length(); i++) {
            boolean set = (taint & (1 << i)) != 0;
            out.append(set ? TAINT_CHARS.charAt(i) : i == 0 ? 'G' : ' ');
        }
        return out.toString();
    }

    /** add_taint(TAINT_BAD_PAGE) and the WARN_ON(1) that follows it. */
    private void taintBadPage() {
        taint |= 1 << TAINT_BAD_PAGE | 1 << TAINT_WARN;
    }

    /** WARN(): the message line; the splat after it is not modelled. */
    void warn(String message) {
        taint |= 1 << TAINT_WARN;
        log.printk(KernelLog.Level.WARNING, "------------[ cut here ]------------");
        log.printk(KernelLog.Level.WARNING, message);
    }

    /**
     * kmalloc_fix_flags(): __GFP_DMA32 and __GFP_HIGHMEM (GFP_SLAB_BUG_MASK) make no sense for
     * slab memory; they are dropped with the kernel's complaint (its dump_stack() is left out).
     */
    Gfp fixFlags(Gfp flags) {
        Gfp bug = Gfp.__GFP_DMA32
                .or(Gfp.__GFP_HIGHMEM);
        Gfp invalid = new Gfp(flags.mask() & bug.mask());
        if (invalid.mask() == 0) {
            return flags;
        }
        Gfp fixed = flags.andNot(bug);
        log.printk(KernelLog.Level.WARNING, "Unexpected gfp: " + invalid.describe().replace("(", " (")
                + ". Fixing up to gfp: " + fixed.describe().replace("(", " (") + ". Fix your code!");
        return fixed;
    }

    void slabBug(KmemCache s, String message) {
        err("=============================================================================");
        err("BUG " + (s == null ? "<unknown>" : s.name) + " (" + tainted() + "): " + message);
        err("-----------------------------------------------------------------------------");
        err("");
    }

    void slabFix(KmemCache s, String message) {
        err("FIX " + s.name + ": " + message);
    }

    void printSlabInfo(Slab slab) {
        MemMap map = pages.memMap();
        int flags = map.flags(slab.pfn);
        err("Slab " + hex(slab.slabPointer()) + " objects=" + slab.objects + " used=" + slab.inuse
                + " fp=" + hex(slab.freePointerAddress(slab.freelist)) + " flags=0x" + Integer.toHexString(flags)
                + "(" + pageFlagNames(flags) + "node=0|zone=" + pages.zoneOf(slab.pfn).ordinal() + ")");
    }

    private static String pageFlagNames(int flags) {
        String names = PageFlags.format(flags);
        return names.isEmpty() ? "" : names + "|";
    }

    /** object_err(). */
    void objectErr(Slab slab, int object, String reason) {
        slabBug(slab.cache, reason);
        printTrailer(slab, object);
        taintBadPage();
    }

    /** slab_err(). */
    void slabErr(KmemCache s, Slab slab, String message) {
        slabBug(s, message);
        printSlabInfo(slab);
        taintBadPage();
    }

    /** print_trailer(): where the object is and its bytes, section by section. */
    void printTrailer(Slab slab, int object) {
        KmemCache s = slab.cache;
        CacheLayout l = s.layout;
        int off = slab.objectOffset(object);
        printSlabInfo(slab);
        // get_freepointer(): what the object's free pointer last held (stale once allocated)
        err("Object " + hex(slab.objectAddress(object)) + " @offset=" + off + " fp="
                + hex(slab.freePointerAddress(slab.next[object])));
        err("");
        if (s.has(SlabFlag.SLAB_RED_ZONE)) {
            printSection("Redzone  ", slab, off - l.redLeftPad(), l.redLeftPad());
        } else if (off > 16) {
            printSection("Bytes b4 ", slab, off - 16, 16);
        }
        printSection("Object   ", slab, off, Math.min(l.objectSize(), MemMap.PAGE_SIZE));
        if (s.has(SlabFlag.SLAB_RED_ZONE)) {
            printSection("Redzone  ", slab, off + l.objectSize(), l.inuse() - l.objectSize());
        }
        int end = ObjectDebug.metadataEnd(s);
        if (end != l.sizeFromObject()) {
            printSection("Padding  ", slab, off + end, l.sizeFromObject() - end);
        }
    }

    /** print_section(): print_hex_dump(KERN_ERR, text, DUMP_PREFIX_ADDRESS, 16, 1, ..., true). */
    void printSection(String text, Slab slab, int off, int length) {
        byte[] bytes = slab.read(pages.memMap(), off, length);
        for (int row = 0; row < length; row += 16) {
            int n = Math.min(16, length - row);
            StringBuilder line = new StringBuilder(text);
            line.append(String.format("%016x: ", slab.baseAddress() + off + row));
            int start = line.length();
            for (int j = 0; j < n; j++) {
                line.append(String.format("%02x", bytes[row + j] & 0xff));
                if (j < n - 1) {
                    line.append(' ');
                }
            }
            while (line.length() - start < 49) { // the ASCII column of a 16-byte row
                line.append(' ');
            }
            for (int j = 0; j < n; j++) {
                int ch = bytes[row + j] & 0xff;
                line.append(ch >= 0x20 && ch < 0x7f ? (char) ch : '.');
            }
            err(line.toString());
        }
    }

    /** The SLUB_REPORT trace event for a scenario to wait on. */
    void event(KmemCache s, String kind, long addr) {
        trace.event(EventKind.SLUB_REPORT, -1, task.pid()).with("cache", s.name).with("kind", kind)
                .with("addr", addr).emit();
    }

    static String hex(long addr) {
        return String.format("0x%016x", addr);
    }
}
