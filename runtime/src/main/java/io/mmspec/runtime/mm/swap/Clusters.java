package io.mmspec.runtime.mm.swap;

/**
 * The struct swap_cluster_info of every cluster of one device and the lists of
 * swap_info_struct that hold them (mm/swap.h, mm/swapfile.c: move_cluster(),
 * isolate_lock_cluster()). A cluster is SWAPFILE_CLUSTER consecutive slots; its flag says which
 * list it is on, and the lists are intrusive (two int arrays of links), so a device costs a few
 * bytes per cluster and nothing per slot until a slot is used.
 *
 * <pre>
 *   free_clusters     count == 0                      (FREE)
 *   nonfull_clusters  count &lt; 512, after a free      (NONFULL)
 *   frag_clusters     count &lt; 512, after an alloc    (FRAG)
 *   full_clusters     count == 512                    (FULL)
 *   off every list    isolated while being scanned    (NONE)
 * </pre>
 *
 * Only order-0 clusters exist here (no mTHP swap-out), so nonfull and frag are one list each.
 */
final class Clusters {
    /** SWAPFILE_CLUSTER = HPAGE_PMD_NR with CONFIG_THP_SWAP (kernel-facts §10). */
    static final int SWAPFILE_CLUSTER = 512;

    static final byte FLAG_NONE = 0;
    static final byte FLAG_FREE = 1;
    static final byte FLAG_NONFULL = 2;
    static final byte FLAG_FRAG = 3;
    static final byte FLAG_FULL = 4;
    private static final String[] NAMES = {"none", "free", "nonfull", "frag", "full"};
    private static final int NO_CLUSTER = -1;

    final int nrClusters;
    /** ci->count: slots in use, bad slots (the header, the tail past si->max) included. */
    final int[] count;
    final byte[] flags;
    private final int[] next;
    private final int[] prev;
    private final int[] head = new int[NAMES.length];
    private final int[] tail = new int[NAMES.length];
    private final int[] length = new int[NAMES.length];

    Clusters(int nrClusters) {
        this.nrClusters = nrClusters;
        this.count = new int[nrClusters];
        this.flags = new byte[nrClusters];
        this.next = new int[nrClusters];
        this.prev = new int[nrClusters];
        java.util.Arrays.fill(head, NO_CLUSTER);
        java.util.Arrays.fill(tail, NO_CLUSTER);
    }

    /** move_cluster(): to the tail of the list of {@code newFlag}. */
    void move(int ci, byte newFlag) {
        if (flags[ci] == newFlag) {
            throw new IllegalStateException("cluster " + ci + " is already " + NAMES[newFlag]);
        }
        if (flags[ci] != FLAG_NONE) {
            unlink(ci);
        }
        linkTail(ci, newFlag);
        flags[ci] = newFlag;
    }

    /** isolate_lock_cluster(): takes the first cluster off a list, or returns -1. */
    int isolateFirst(byte list) {
        int ci = head[list];
        if (ci != NO_CLUSTER) {
            unlink(ci);
            flags[ci] = FLAG_NONE;
        }
        return ci;
    }

    int first(byte list) {
        return head[list];
    }

    int length(byte list) {
        return length[list];
    }

    static String name(byte flag) {
        return NAMES[flag];
    }

    private void linkTail(int ci, byte list) {
        next[ci] = NO_CLUSTER;
        prev[ci] = tail[list];
        if (tail[list] == NO_CLUSTER) {
            head[list] = ci;
        } else {
            next[tail[list]] = ci;
        }
        tail[list] = ci;
        length[list]++;
    }

    private void unlink(int ci) {
        byte list = flags[ci];
        if (prev[ci] == NO_CLUSTER) {
            head[list] = next[ci];
        } else {
            next[prev[ci]] = next[ci];
        }
        if (next[ci] == NO_CLUSTER) {
            tail[list] = prev[ci];
        } else {
            prev[next[ci]] = prev[ci];
        }
        length[list]--;
    }

    /** Walks every list both ways: each cluster is on the list its flag names, once. */
    void checkInvariants(String device) {
        int[] seen = new int[NAMES.length];
        for (byte list = FLAG_FREE; list <= FLAG_FULL; list++) {
            int last = NO_CLUSTER;
            for (int ci = head[list]; ci != NO_CLUSTER; ci = next[ci]) {
                if (flags[ci] != list || prev[ci] != last) {
                    throw new IllegalStateException(device + ": cluster " + ci + " flagged "
                            + NAMES[flags[ci]] + " is linked wrongly on the " + NAMES[list] + " list");
                }
                checkCountFits(device, ci, list);
                last = ci;
                seen[list]++;
            }
            if (tail[list] != last || seen[list] != length[list]) {
                throw new IllegalStateException(device + ": the " + NAMES[list] + " list holds " + seen[list]
                        + " clusters but records " + length[list]);
            }
        }
        for (int ci = 0; ci < nrClusters; ci++) {
            if (flags[ci] == FLAG_NONE) {
                throw new IllegalStateException(device + ": cluster " + ci + " is on no list");
            }
        }
    }

    private void checkCountFits(String device, int ci, byte list) {
        boolean ok = switch (list) {
            case FLAG_FREE -> count[ci] == 0;
            case FLAG_FULL -> count[ci] == SWAPFILE_CLUSTER;
            default -> count[ci] > 0 && count[ci] < SWAPFILE_CLUSTER;
        };
        if (!ok) {
            throw new IllegalStateException(device + ": cluster " + ci + " with " + count[ci]
                    + " slots in use sits on the " + NAMES[list] + " list");
        }
    }
}
