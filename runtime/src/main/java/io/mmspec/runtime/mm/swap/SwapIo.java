package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Reading and writing swap slots. Mirrors mm/page_io.c: swap_writeout() with
 * is_folio_zero_filled() (a page of zeros is only marked in si->zeromap, swpout_zero, and
 * written nowhere), __swap_writepage() (one request of 4 KB, pswpout, pgpgout in KB), and
 * swap_read_folio() (swap_read_folio_zeromap(): swpin_zero without I/O; otherwise pswpin,
 * pgpgin).
 *
 * <p>A slot keeps the page's bytes up to the last non-zero one, so memory follows what was
 * written rather than the page size. I/O is synchronous here: a write is complete when it returns, so the page is clean at
 * once and reclaim can free it in the same pass (as the kernel does for a synchronous device),
 * and PG_writeback is never set. The device's time (latency plus transfer) is charged to
 * whoever does the I/O: the reclaiming task, kswapd, or the faulting task.
 *
 * <p>Writes issued between {@link #startPlug()} and {@link #finishPlug()} are one request per
 * swap area, as blk_start_plug() / blk_finish_plug() around shrink_lruvec() merge the bios for
 * adjacent slots (the cluster allocator hands them out in order): the latency is paid once
 * per batch, the transfer per page.
 */
final class SwapIo {
    private final MemMap memMap;
    private final CostMeter meter;
    private final VmEventCounters events;

    /** Bytes written under the current plug, by swap type, and the areas they went to. */
    private final long[] pluggedBytes = new long[SwapEntry.MAX_SWAPFILES];
    private final SwapInfo[] pluggedAreas = new SwapInfo[SwapEntry.MAX_SWAPFILES];
    private boolean plugging;

    SwapIo(MemMap memMap, CostMeter meter, VmEventCounters events) {
        this.memMap = memMap;
        this.meter = meter;
        this.events = events;
    }

    /**
     * swap_writeout(): the page's bytes to its slot. Returns the bytes that went to the device
     * (0 for a zero page). Unplugged, the request is charged at once; plugged, at {@link #finishPlug()}.
     */
    long writeout(SwapInfo si, long offset, long pfn) {
        byte[] bytes = memMap.hasData(pfn) ? new byte[MemMap.PAGE_SIZE] : null;
        if (bytes != null) {
            memMap.readBytes(pfn, 0, bytes, 0, bytes.length);
        }
        int used = bytes == null ? 0 : usedLength(bytes);
        if (used == 0) {
            si.store(offset, SwapInfo.ZERO);
            events.count(VmEvent.SWPOUT_ZERO);
            return 0;
        }
        si.store(offset, used == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, used));
        events.count(VmEvent.PSWPOUT);
        events.count(VmEvent.PGPGOUT, MemMap.PAGE_SIZE / 1024);
        if (plugging) {
            pluggedBytes[si.type()] += MemMap.PAGE_SIZE; // no allocation per page on the reclaim path
            pluggedAreas[si.type()] = si;
        } else {
            meter.charge(si.device().requestNs(MemMap.PAGE_SIZE));
        }
        return MemMap.PAGE_SIZE;
    }

    /** blk_start_plug(): writes from here on are held and merged. Plugs do not nest. */
    void startPlug() {
        if (plugging) {
            throw new IllegalStateException("swap writes are already plugged");
        }
        plugging = true;
    }

    /** blk_finish_plug(): one request per swap area for what was held. Returns the device time. */
    long finishPlug() {
        long total = 0;
        for (int type = 0; type < pluggedBytes.length; type++) {
            if (pluggedBytes[type] > 0) {
                long cost = pluggedAreas[type].device().requestNs(pluggedBytes[type]);
                meter.charge(cost);
                total += cost;
                pluggedBytes[type] = 0;
                pluggedAreas[type] = null;
            }
        }
        plugging = false;
        return total;
    }

    /**
     * swap_read_folio(): the slot's bytes into the page. Returns the bytes that went through
     * the device (0 for a zeromap slot); the caller charges the plugged batch once.
     */
    int read(SwapInfo si, long offset, long pfn) {
        byte[] bytes = si.stored(offset);
        if (bytes == null) {
            throw new IllegalStateException(si + ": reading slot " + offset + ", which was never written");
        }
        if (bytes == SwapInfo.ZERO) {
            memMap.clearPage(pfn);
            events.count(VmEvent.SWPIN_ZERO);
            return 0;
        }
        memMap.clearPage(pfn);
        memMap.writeBytes(pfn, 0, bytes, 0, bytes.length);
        events.count(VmEvent.PSWPIN);
        events.count(VmEvent.PGPGIN, MemMap.PAGE_SIZE / 1024);
        return MemMap.PAGE_SIZE;
    }

    /** One plugged read request of {@code bytes}: the device's latency once, plus the transfer. */
    long chargeRead(SwapInfo si, long bytes) {
        if (bytes == 0) {
            return 0;
        }
        long cost = si.device().requestNs(bytes);
        meter.charge(cost);
        return cost;
    }

    /**
     * The page's length without its trailing zeros: 0 for a page is_folio_zero_filled() finds
     * empty. The slot keeps only that much (the rest reads back as zeros).
     */
    private static int usedLength(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end;
    }
}
