package io.mmspec.runtime.mm.pagealloc;

import java.util.Arrays;

/**
 * One zone's free_area[NR_PAGE_ORDERS]: a free list per order and migratetype, holding the
 * first pfn of each free block. Mirrors the list operations of mm/page_alloc.c
 * (__add_to_free_list(), __del_page_from_free_list(), get_page_from_free_area()); page state
 * (PageBuddy, the order) and NR_FREE_PAGES are the caller's, as in the kernel.
 *
 * <pre>
 *   list (order, mt):  head -&gt; n1 -&gt; n2 -&gt; [pristine run] -&gt; n3 -&gt; tail
 *                                       ^ pristineBefore = n3 (NONE: the run is last)
 * </pre>
 *
 * Entries are nodes of a pool of parallel int/long arrays, found by pfn through an
 * open-addressing map, so removing any block (a buddy being merged) is O(1) and nothing is
 * allocated per page. Only the (MAX_PAGE_ORDER, MOVABLE) list holds a pristine run (see
 * {@link PristineBlocks}); it counts in the list's length and in nr_free.
 */
final class FreeArea {
    private static final int NONE = -1;
    private static final int PCPTYPES = MigrateType.MIGRATE_PCPTYPES;
    private static final int NR_LISTS = PageAllocator.NR_PAGE_ORDERS * PCPTYPES;
    private static final int PRISTINE_LIST = listIndex(PageAllocator.MAX_PAGE_ORDER, MigrateType.MOVABLE.ordinal());

    private final PristineBlocks pristine;
    private final int zone;
    private final int[] head = filled(NR_LISTS);
    private final int[] tail = filled(NR_LISTS);
    private final int[] pristineBefore = filled(NR_LISTS);
    private final long[] blocks = new long[NR_LISTS];
    private final long[] nrFree = new long[PageAllocator.NR_PAGE_ORDERS];

    private long[] nodePfn = new long[64];
    private int[] prev = new int[64];
    private int[] next = new int[64];
    private int[] nodeList = new int[64];
    private int nodesMade;
    private int freeNodes = NONE;
    private final LongIntHashMap nodeOf = new LongIntHashMap();

    FreeArea(PristineBlocks pristine, int zone) {
        this.pristine = pristine;
        this.zone = zone;
    }

    static int listIndex(int order, int mt) {
        return order * PCPTYPES + mt;
    }

    /** The boot run of untouched order-10 MOVABLE blocks [start, end), after any entries. */
    void addPristine(long start, long end) {
        if (pristine.blocks(zone) != 0) {
            throw new IllegalStateException("zone already has a pristine run");
        }
        pristine.set(zone, start, end);
        long count = pristine.blocks(zone);
        blocks[PRISTINE_LIST] += count;
        nrFree[PageAllocator.MAX_PAGE_ORDER] += count;
        pristineBefore[PRISTINE_LIST] = NONE;
    }

    /** area->nr_free: free blocks of this order, all migratetypes. */
    long nrFree(int order) {
        return nrFree[order];
    }

    long blocks(int order, int mt) {
        return blocks[listIndex(order, mt)];
    }

    /** free_area_empty(). */
    boolean isEmpty(int order, int mt) {
        return blocks[listIndex(order, mt)] == 0;
    }

    /** get_page_from_free_area(): the first block's pfn, or NO_PAGE. */
    long first(int order, int mt) {
        int li = listIndex(order, mt);
        if (li == PRISTINE_LIST && pristine.blocks(zone) > 0 && pristineBefore[li] == head[li]) {
            return pristine.next(zone);
        }
        return head[li] == NONE ? PageAllocator.NO_PAGE : nodePfn[head[li]];
    }

    /** list_add() or list_add_tail() of the block at pfn. */
    void add(long pfn, int order, int mt, boolean atTail) {
        int li = listIndex(order, mt);
        int node = newNode(pfn, li);
        if (atTail) {
            linkLast(li, node);
            if (li == PRISTINE_LIST && pristine.blocks(zone) > 0 && pristineBefore[li] == NONE) {
                pristineBefore[li] = node;
            }
        } else {
            linkFirst(li, node);
        }
        blocks[li]++;
        nrFree[order]++;
    }

    /** list_del() of the block at pfn, which must be on list (order, mt). */
    void remove(long pfn, int order, int mt) {
        int li = listIndex(order, mt);
        int node = nodeOf.get(pfn);
        if (node == LongIntHashMap.ABSENT) {
            removePristine(pfn, li);
        } else {
            if (nodeList[node] != li) {
                throw new IllegalStateException("pfn " + pfn + " is not on the order-" + order + " "
                        + MigrateType.of(mt) + " free list");
            }
            if (pristineBefore[li] == node) {
                pristineBefore[li] = next[node];
            }
            unlink(li, node);
            nodeOf.remove(pfn);
            freeNode(node);
        }
        blocks[li]--;
        nrFree[order]--;
    }

    /** The block heads of one list that are explicit entries, first to last (for checks). */
    long[] explicitBlocks(int order, int mt) {
        int li = listIndex(order, mt);
        int count = 0;
        for (int n = head[li]; n != NONE; n = next[n]) {
            count++;
        }
        long[] out = new long[count];
        int i = 0;
        for (int n = head[li]; n != NONE; n = next[n]) {
            out[i++] = nodePfn[n];
        }
        return out;
    }

    int explicitNodes() {
        return nodeOf.size();
    }

    private void removePristine(long pfn, int li) {
        if (li != PRISTINE_LIST || pfn != pristine.next(zone) || pristine.blocks(zone) == 0) {
            throw new IllegalStateException("pfn " + pfn + " is not on the free list it is removed from");
        }
        pristine.advance(zone);
        if (pristine.blocks(zone) == 0) {
            pristineBefore[li] = NONE;
        }
    }

    private void linkFirst(int li, int node) {
        prev[node] = NONE;
        next[node] = head[li];
        if (head[li] == NONE) {
            tail[li] = node;
        } else {
            prev[head[li]] = node;
        }
        head[li] = node;
    }

    private void linkLast(int li, int node) {
        next[node] = NONE;
        prev[node] = tail[li];
        if (tail[li] == NONE) {
            head[li] = node;
        } else {
            next[tail[li]] = node;
        }
        tail[li] = node;
    }

    private void unlink(int li, int node) {
        if (prev[node] == NONE) {
            head[li] = next[node];
        } else {
            next[prev[node]] = next[node];
        }
        if (next[node] == NONE) {
            tail[li] = prev[node];
        } else {
            prev[next[node]] = prev[node];
        }
    }

    private int newNode(long pfn, int li) {
        if (nodeOf.get(pfn) != LongIntHashMap.ABSENT) {
            throw new IllegalStateException("pfn " + pfn + " is already on a free list");
        }
        int node = freeNodes;
        if (node != NONE) {
            freeNodes = next[node];
        } else {
            if (nodesMade == nodePfn.length) {
                growPool();
            }
            node = nodesMade++;
        }
        nodePfn[node] = pfn;
        nodeList[node] = li;
        nodeOf.put(pfn, node);
        return node;
    }

    private void freeNode(int node) {
        nodeList[node] = NONE;
        next[node] = freeNodes;
        freeNodes = node;
    }

    private void growPool() {
        int size = nodePfn.length * 2;
        nodePfn = Arrays.copyOf(nodePfn, size);
        prev = Arrays.copyOf(prev, size);
        next = Arrays.copyOf(next, size);
        nodeList = Arrays.copyOf(nodeList, size);
    }

    private static int[] filled(int length) {
        int[] array = new int[length];
        Arrays.fill(array, NONE);
        return array;
    }
}
