package io.mmspec.runtime.mm.pagealloc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Reclaim hooks that count their calls; reclaim and the OOM killer run a test's lambda. */
final class RecordingHooks implements ReclaimHooks {
    final List<String> kswapdWakes = new ArrayList<>();
    int directReclaims;
    int ooms;
    int warnings;
    LongSupplier reclaim = () -> 0;
    LongSupplier oom = () -> 0;
    long reclaimable;

    @Override
    public void wakeKswapd(ZoneType zone, Gfp gfp, int order, ZoneType highestZone) {
        kswapdWakes.add(zone.kernelName() + " order " + order + " highest " + highestZone.kernelName());
    }

    @Override
    public long directReclaim(int order, Gfp gfp) {
        directReclaims++;
        return reclaim.getAsLong();
    }

    @Override
    public boolean outOfMemory(int order, Gfp gfp) {
        ooms++;
        return oom.getAsLong() != 0;
    }

    @Override
    public long zoneReclaimablePages(ZoneType zone) {
        return reclaimable;
    }

    @Override
    public void warnAlloc(int order, Gfp gfp) {
        warnings++;
    }
}
