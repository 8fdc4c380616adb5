package io.mmspec.runtime.arch;

import java.util.List;

/**
 * One address translation walk, step by step, as the hardware page walker performs it from
 * CR3: the four 9-bit indices and the page offset cut from the address, and for each level read
 * the physical address of the table and the entry found there. The walk stops at the leaf
 * (a PTE, or a PMD with PSE for a 2 MB page) or at the first entry that is not present.
 *
 * <pre>
 * 0x00400000 → PML4[0] PDPT[0] PD[2] PT[0] offset 0x000
 * </pre>
 *
 * Built by {@link PageTable#walk} for teaching and traces; the MMU's own walk allocates nothing.
 *
 * @param steps the levels read, top-down; {@code steps.size()} is the number of memory reads
 * @param leaf  the entry the walk ended on: the leaf, or the non-present entry that stopped it
 * @param huge  whether the leaf is a 2 MB PMD leaf
 */
public record Walk(long vaddr, int pml4, int pdpt, int pd, int pt, int offset,
                   List<Step> steps, long leaf, boolean huge) {

    /** The entry read at one level: the table's physical address, the index and the entry. */
    public record Step(int level, long tableAddress, int index, long entry) {
        /** The physical address of the entry itself: table base + 8 * index. */
        public long entryAddress() {
            return tableAddress + 8L * index;
        }

        @Override
        public String toString() {
            return String.format("%s[%d] @0x%x = 0x%016x (%s)", Paging.levelName(level), index,
                    entryAddress(), entry, Pte.describe(entry));
        }
    }

    public Walk {
        steps = List.copyOf(steps);
    }

    /** How many paging-structure entries were read: 4 for a 4 KB page, 3 for a 2 MB page. */
    public int levelsRead() {
        return steps.size();
    }

    /** Whether the hardware would translate the address (the leaf has its present bit). */
    public boolean mapped() {
        return (leaf & Pte.PRESENT) != 0;
    }

    /** The physical address vaddr translates to, or -1 when it is not mapped. */
    public long physicalAddress() {
        if (!mapped()) {
            return -1;
        }
        long within = huge ? vaddr & (Paging.PMD_SIZE - 1) : offset;
        return (Pte.pfn(leaf) << Paging.PAGE_SHIFT) + within;
    }

    /** {@code 0x400000 → PML4[0] PDPT[0] PD[2] PT[0] offset 0x000}. */
    public String indices() {
        return String.format("0x%x → PML4[%d] PDPT[%d] PD[%d] PT[%d] offset 0x%03x",
                vaddr, pml4, pdpt, pd, pt, offset);
    }

    /** The indices line, then one line per level read. */
    public String describe() {
        StringBuilder text = new StringBuilder(indices());
        for (Step step : steps) {
            text.append("\n  ").append(step);
        }
        text.append(mapped() ? String.format("%n  → physical 0x%x", physicalAddress()) : "\n  → not mapped");
        return text.toString();
    }
}
