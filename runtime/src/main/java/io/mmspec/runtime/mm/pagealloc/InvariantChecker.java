package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.PageAllocator.MAX_PAGE_ORDER;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NR_PAGE_ORDERS;

import java.util.Arrays;

/**
 * Recounts the allocator's state from scratch and throws IllegalStateException on the first
 * inconsistency. Per zone: the free lists' blocks are aligned, inside the zone, PageBuddy with
 * their order, of their pageblock's migratetype, counted right, never overlapping each other or
 * a per-CPU list page, and no two free buddies of the same order are left unmerged;
 * free + per-CPU + allocated == managed and free == NR_FREE_PAGES. Per section: every PageBuddy
 * page is on a list, every page inside a free block is clean (refcount, mapcount, flags, type,
 * mapping, data), and a section never written lies inside a zone's pristine run.
 */
final class InvariantChecker {
    private final Node node;
    private final MemMap map;
    private final PristineBlocks pristine;

    InvariantChecker(Node node, PristineBlocks pristine) {
        this.node = node;
        this.map = node.memMap;
        this.pristine = pristine;
    }

    void check() {
        long explicitHeads = 0;
        for (Zone zone : node.zones) {
            checkZone(zone);
            explicitHeads += zone.freeArea.explicitNodes();
        }
        long markedHeads = 0;
        for (int s = 0; s < map.sectionCount(); s++) {
            markedHeads += checkSection(s);
        }
        if (markedHeads != explicitHeads) {
            fail("PageBuddy pages " + markedHeads + " != free list entries " + explicitHeads);
        }
    }

    private void checkZone(Zone zone) {
        BlockList blocks = new BlockList();
        long free = checkFreeLists(zone, blocks);
        long pcp = checkPcpLists(zone, blocks);
        if (free != zone.nrFreePages) {
            fail(zone.type.kernelName() + ": free lists hold " + free + " pages, NR_FREE_PAGES says " + zone.nrFreePages);
        }
        if (free + pcp + zone.nrAllocated != zone.managedPages) {
            fail(zone.type.kernelName() + ": free " + free + " + pcp " + pcp + " + allocated " + zone.nrAllocated
                    + " != managed " + zone.managedPages);
        }
        blocks.checkDisjoint(zone);
    }

    private long checkFreeLists(Zone zone, BlockList blocks) {
        long pages = 0;
        for (int order = 0; order < NR_PAGE_ORDERS; order++) {
            long perOrder = 0;
            for (int mt = 0; mt < MigrateType.MIGRATE_PCPTYPES; mt++) {
                long[] heads = zone.freeArea.explicitBlocks(order, mt);
                long count = heads.length + (isPristineList(order, mt) ? pristine.blocks(zone.idx) : 0);
                if (count != zone.freeArea.blocks(order, mt)) {
                    fail(zone.type.kernelName() + " order " + order + " " + MigrateType.of(mt) + ": list holds "
                            + count + " blocks, its count says " + zone.freeArea.blocks(order, mt));
                }
                for (long pfn : heads) {
                    checkFreeBlock(zone, pfn, order, mt);
                    blocks.add(pfn, order);
                }
                perOrder += count;
            }
            if (perOrder != zone.freeArea.nrFree(order)) {
                fail(zone.type.kernelName() + " order " + order + ": nr_free " + zone.freeArea.nrFree(order)
                        + " but the lists hold " + perOrder);
            }
            pages += perOrder << order;
        }
        return pages;
    }

    private void checkFreeBlock(Zone zone, long pfn, int order, int mt) {
        String where = String.format("free block pfn %d order %d", pfn, order);
        if ((pfn & ((1L << order) - 1)) != 0) {
            fail(where + " is not aligned to its order");
        }
        if (!zone.spans(pfn) || !zone.spans(pfn + (1L << order) - 1)) {
            fail(where + " is not inside zone " + zone.type.kernelName());
        }
        if (pristine.contains(pfn)) {
            fail(where + " lies inside the pristine run");
        }
        if (map.buddyOrder(pfn) != order) {
            fail(where + " is not PageBuddy with that order (" + map.buddyOrder(pfn) + ")");
        }
        if (map.pageblockMt(pfn) != mt) {
            fail(where + " is on the " + MigrateType.of(mt) + " list of a " + MigrateType.of(map.pageblockMt(pfn))
                    + " pageblock");
        }
        long buddy = pfn ^ (1L << order);
        if (order < MAX_PAGE_ORDER && zone.spans(buddy) && map.buddyOrder(buddy) == order) {
            fail(where + " and its buddy " + buddy + " are both free and unmerged");
        }
    }

    private long checkPcpLists(Zone zone, BlockList blocks) {
        long pages = 0;
        for (int cpu = 0; cpu < zone.pcp.length; cpu++) {
            PerCpuPages pcp = zone.pcp[cpu];
            long count = 0;
            for (int pindex = 0; pindex < PcpLists.NR_PCP_LISTS; pindex++) {
                int order = PcpLists.pindexToOrder(pindex);
                for (int i = 0; i < pcp.size(pindex); i++) {
                    long pfn = pcp.list(pindex).get(i);
                    checkPcpPage(zone, cpu, pfn, order);
                    blocks.add(pfn, order);
                    count += 1L << order;
                }
            }
            if (count != pcp.count) {
                fail(zone.type.kernelName() + " cpu " + cpu + ": pcp lists hold " + count + " pages, count says "
                        + pcp.count);
            }
            pages += count;
        }
        return pages;
    }

    private void checkPcpPage(Zone zone, int cpu, long pfn, int order) {
        String where = String.format("pcp page pfn %d order %d (cpu %d)", pfn, order, cpu);
        if ((pfn & ((1L << order) - 1)) != 0 || !zone.spans(pfn)) {
            fail(where + " is misaligned or outside zone " + zone.type.kernelName());
        }
        if (map.isFree(pfn) || map.refcount(pfn) != 0 || map.flags(pfn) != 0 || map.hasData(pfn)) {
            fail(where + " is not a clean frozen page");
        }
    }

    /** Scans one section; returns its explicit PageBuddy heads. */
    private long checkSection(int index) {
        long base = (long) index << MemMap.SECTION_SHIFT;
        long end = Math.min(base + MemMap.PAGES_PER_SECTION, map.totalPages());
        MemSection section = map.section(index);
        if (section == null) {
            if (!pristine.contains(base) || !pristine.contains(end - 1)) {
                fail("section " + index + " was never written but is not wholly pristine");
            }
            return 0;
        }
        long heads = 0;
        long freeEnd = -1;
        for (long pfn = base; pfn < end; pfn++) {
            int order = map.buddyOrder(pfn);
            if (order >= 0) {
                if (pfn < freeEnd) {
                    fail("PageBuddy pfn " + pfn + " lies inside another free block");
                }
                freeEnd = pfn + (1L << order);
                heads += pristine.isHead(pfn) ? 0 : 1;
            }
            if (pfn < freeEnd) {
                checkFreePage(section, pfn, order >= 0);
            }
        }
        return heads;
    }

    private void checkFreePage(MemSection s, long pfn, boolean head) {
        int i = MemMap.offset(pfn);
        boolean clean = s.refcount[i] == 0 && s.flags[i] == 0
                && (s.mapcount == null || s.mapcount[i] == 0)
                && (s.mapping == null || s.mapping[i] == null)
                && (s.data == null || s.data[i] == null)
                && (head || (s.pageType[i] == 0 && s.order[i] == 0));
        if (!clean) {
            fail("free pfn " + pfn + " is not clean (refcount " + s.refcount[i] + ", flags "
                    + PageFlags.format(s.flags[i]) + ", data " + (s.data != null && s.data[i] != null) + ")");
        }
    }

    private boolean isPristineList(int order, int mt) {
        return order == MAX_PAGE_ORDER && mt == MigrateType.MOVABLE.ordinal();
    }

    static void fail(String message) {
        throw new IllegalStateException("page allocator invariant: " + message);
    }

    /** Free and per-CPU blocks of a zone as (pfn &lt;&lt; 4 | order), for the overlap check. */
    private final class BlockList {
        private long[] items = new long[64];
        private int size;

        void add(long pfn, int order) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = pfn << 4 | order;
        }

        void checkDisjoint(Zone zone) {
            Arrays.sort(items, 0, size);
            long nextFree = 0;
            for (int i = 0; i < size; i++) {
                long pfn = items[i] >>> 4;
                if (pfn < nextFree) {
                    fail(zone.type.kernelName() + ": block at pfn " + pfn + " overlaps the block before it");
                }
                nextFree = pfn + (1L << (items[i] & 0xf));
                if (pristine.contains(pfn) || pristine.contains(nextFree - 1)) {
                    fail(zone.type.kernelName() + ": block at pfn " + pfn + " overlaps the pristine run");
                }
            }
        }
    }
}
