package io.mmspec.runtime.mm.mmap;

import java.util.Map;
import java.util.TreeMap;

/**
 * validate_mm() and more: recounts an mm from its VMAs and throws IllegalStateException on the
 * first inconsistency. Checked: the tree is sorted by start, VMAs do not overlap and lie below
 * TASK_SIZE; map_count equals the number of VMAs; total/locked/data/exec/stack_vm equal what the
 * VMAs add up to; the free-gap index is the complement of the VMAs; every VMA is linked into
 * its anon_vma chain and its file's i_mmap; no two neighbours meet every merge condition
 * (except where the kernel leaves them apart: across start_brk, and fork copies); RSS counters
 * are not negative; start_brk <= brk.
 */
final class MmInvariants {
    private MmInvariants() {
    }

    /** {@code vmCounters}: map_count, total_vm, locked_vm, data_vm, exec_vm, stack_vm. */
    static void check(MmStruct mm, TreeMap<Long, Vma> tree, long[] vmCounters, long[] rss) {
        long[] recount = new long[6];
        Vma prev = null;
        for (Map.Entry<Long, Vma> entry : tree.entrySet()) {
            Vma vma = entry.getValue();
            checkPlacement(entry.getKey(), vma, prev);
            checkLinks(mm, vma);
            if (prev != null && VmaMerge.mergeable(prev, vma)
                    && vma.start() != mm.layout().startBrk()
                    && !mm.isUnmergedBoundary(vma.start())) {
                fail("neighbours should have been merged: %s and %s", prev, vma);
            }
            recount[0]++;
            addStats(recount, vma);
            prev = vma;
        }
        String[] names = {"map_count", "total_vm", "locked_vm", "data_vm", "exec_vm", "stack_vm"};
        for (int i = 0; i < names.length; i++) {
            if (recount[i] != vmCounters[i]) {
                fail("%s is %d but the VMAs give %d", names[i], vmCounters[i], recount[i]);
            }
        }
        mm.gaps().check(tree.values());
        for (MmCounter member : MmCounter.values()) {
            if (rss[member.ordinal()] < 0) {
                fail("%s is negative: %d", member, rss[member.ordinal()]);
            }
        }
        if (mm.layout().brk() < mm.layout().startBrk()) {
            fail("brk %#x below start_brk %#x", mm.layout().brk(), mm.layout().startBrk());
        }
    }

    private static void checkPlacement(long key, Vma vma, Vma prev) {
        if (key != vma.start()) {
            fail("VMA %s filed under %#x", vma, key);
        }
        if (vma.end() > X86MmapLayout.TASK_SIZE) {
            fail("VMA %s beyond TASK_SIZE", vma);
        }
        if (prev != null && prev.end() > vma.start()) {
            fail("VMAs overlap: %s and %s", prev, vma);
        }
    }

    private static void checkLinks(MmStruct mm, Vma vma) {
        for (AnonVma a = vma.anonVma(); a != null; a = a.parent()) {
            if (!a.isLinked(vma)) {
                fail("VMA %s missing from the chain of %s", vma, a);
            }
        }
        if (vma.file() != null && !mm.fileRmap().isLinked(vma, mm)) {
            fail("VMA %s missing from the i_mmap of %s", vma, vma.file().path());
        }
    }

    private static void addStats(long[] recount, Vma vma) {
        long pages = vma.pages();
        recount[1] += pages;
        if ((vma.flags() & VmFlags.VM_LOCKED) != 0) {
            recount[2] += pages;
        }
        if (VmFlags.isExecMapping(vma.flags())) {
            recount[4] += pages;
        } else if (VmFlags.isStackMapping(vma.flags())) {
            recount[5] += pages;
        } else if (VmFlags.isDataMapping(vma.flags())) {
            recount[3] += pages;
        }
    }

    private static void fail(String format, Object... args) {
        throw new IllegalStateException("validate_mm: " + String.format(format, args));
    }
}
