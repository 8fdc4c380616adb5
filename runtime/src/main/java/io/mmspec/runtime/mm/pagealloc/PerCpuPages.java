package io.mmspec.runtime.mm.pagealloc;

/**
 * struct per_cpu_pages of one CPU and one zone (include/linux/mmzone.h): the lists of cached
 * free pages by (order, migratetype) and the fields that tune their size.
 */
final class PerCpuPages {
    static final int PCPF_PREV_FREE_HIGH_ORDER = 1;
    static final int PCPF_FREE_HIGH_BATCH = 2;

    /** Pages on all lists (an order-n entry counts 2^n). */
    int count;
    int high;
    int highMin;
    int highMax;
    int batch = 1;
    int freeCount;
    int allocFactor;
    int flags;

    private final LongDeque[] lists = new LongDeque[PcpLists.NR_PCP_LISTS];

    LongDeque list(int pindex) {
        if (lists[pindex] == null) {
            lists[pindex] = new LongDeque();
        }
        return lists[pindex];
    }

    boolean isEmpty(int pindex) {
        return lists[pindex] == null || lists[pindex].isEmpty();
    }

    int size(int pindex) {
        return lists[pindex] == null ? 0 : lists[pindex].size();
    }
}
