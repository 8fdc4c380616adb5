package io.mmspec.runtime.mm.pagealloc;

/**
 * The boot-time sizing of the reserves, as pure functions of the zones' managed pages.
 * Mirrors mm/page_alloc.c: calculate_min_free_kbytes(), __setup_per_zone_wmarks(),
 * setup_per_zone_lowmem_reserve(), calculate_totalreserve_pages(), nr_free_buffer_pages(), and
 * mm/khugepaged.c: set_recommended_min_free_kbytes().
 *
 * <p>Boot order, as init_per_zone_wmark_min() and then hugepage_init() run it: min_free_kbytes
 * from int_sqrt(lowmem_kB * 16), watermarks from it; with THP enabled khugepaged raises it to
 * pageblock_nr_pages * nr_zones * (2 + MIGRATE_PCPTYPES^2), capped at 5% of the pages above the
 * high watermarks, and the watermarks are set again. A user's vm.min_free_kbytes is written
 * after boot and wins. An explicit triple replaces the watermarks last.
 */
final class Watermarks {
    static final int WATERMARK_SCALE_FACTOR = 10;
    static final int WATERMARK_BOOST_FACTOR = 15000;
    static final int SWAP_CLUSTER_MAX = 32;
    /** sysctl vm.lowmem_reserve_ratio: DMA, DMA32, Normal, Movable. */
    static final int[] LOWMEM_RESERVE_RATIO = {256, 256, 32, 0};

    private static final int MOVABLE = ZoneType.MOVABLE.ordinal();
    private static final int NORMAL = ZoneType.NORMAL.ordinal();

    /** The outcome of the boot-time setup. */
    record Setup(int minFreeKbytes, long[][] watermarks, long[][] lowmemReserve, long totalreservePages) {
    }

    private Watermarks() {
    }

    static Setup compute(long[] managed, PageAllocConfig config) {
        int minFreeKbytes = calculateMinFreeKbytes(managed);
        long[][] wmarks = setupPerZoneWmarks(managed, minFreeKbytes);
        if (config.thpEnabled()) {
            minFreeKbytes = setRecommendedMinFreeKbytes(managed, wmarks, minFreeKbytes);
            wmarks = setupPerZoneWmarks(managed, minFreeKbytes);
        }
        if (config.minFreeKbytes() != null) {
            minFreeKbytes = (int) Math.min(Integer.MAX_VALUE, config.minFreeKbytes());
            wmarks = setupPerZoneWmarks(managed, minFreeKbytes);
        }
        if (config.watermarks() != null) {
            wmarks = explicitWatermarks(managed, config.watermarks());
        }
        long[][] reserve = lowmemReserve(managed);
        return new Setup(minFreeKbytes, wmarks, reserve, totalreservePages(managed, wmarks, reserve));
    }

    /** calculate_min_free_kbytes() at boot, when no watermark is set yet. */
    static int calculateMinFreeKbytes(long[] managed) {
        long lowmemKbytes = nrFreeBufferPages(managed, new long[managed.length][Zone.NR_WMARK]) * 4;
        long value = intSqrt(lowmemKbytes * 16);
        return (int) Math.max(128, Math.min(262144, value));
    }

    /** set_recommended_min_free_kbytes() with THP enabled. */
    static int setRecommendedMinFreeKbytes(long[] managed, long[][] wmarks, int minFreeKbytes) {
        int nrZones = 0;
        for (int zone = 0; zone <= NORMAL; zone++) {
            if (managed[zone] > 0) {
                nrZones++;
            }
        }
        long pageblock = PageAllocator.PAGEBLOCK_NR_PAGES;
        long pcptypes = MigrateType.MIGRATE_PCPTYPES;
        long recommended = pageblock * nrZones * 2 + pageblock * nrZones * pcptypes * pcptypes;
        recommended = Math.min(recommended, nrFreeBufferPages(managed, wmarks) / 20);
        recommended <<= MemMap.PAGE_SHIFT - 10;
        return recommended > minFreeKbytes ? (int) recommended : minFreeKbytes;
    }

    /** nr_free_buffer_pages(): pages above the high watermark in zones up to Normal. */
    static long nrFreeBufferPages(long[] managed, long[][] wmarks) {
        long sum = 0;
        for (int zone = 0; zone <= NORMAL; zone++) {
            long high = wmarks[zone][Zone.WMARK_HIGH];
            if (managed[zone] > high) {
                sum += managed[zone] - high;
            }
        }
        return sum;
    }

    /** __setup_per_zone_wmarks(): [zone][min, low, high, promo]. */
    static long[][] setupPerZoneWmarks(long[] managed, long minFreeKbytes) {
        long pagesMin = minFreeKbytes >> (MemMap.PAGE_SHIFT - 10);
        long lowmemPages = 0;
        for (int zone = 0; zone < managed.length; zone++) {
            if (zone != MOVABLE) {
                lowmemPages += managed[zone];
            }
        }
        long[][] wmarks = new long[managed.length][Zone.NR_WMARK];
        for (int zone = 0; zone < managed.length; zone++) {
            long tmp = pagesMin * managed[zone] / lowmemPages;
            if (zone == MOVABLE) {
                wmarks[zone][Zone.WMARK_MIN] = Math.max(SWAP_CLUSTER_MAX, Math.min(128, managed[zone] / 1024));
            } else {
                wmarks[zone][Zone.WMARK_MIN] = tmp;
            }
            long delta = Math.max(tmp >> 2, multFrac(managed[zone], WATERMARK_SCALE_FACTOR, 10000));
            wmarks[zone][Zone.WMARK_LOW] = wmarks[zone][Zone.WMARK_MIN] + delta;
            wmarks[zone][Zone.WMARK_HIGH] = wmarks[zone][Zone.WMARK_LOW] + delta;
            wmarks[zone][Zone.WMARK_PROMO] = wmarks[zone][Zone.WMARK_HIGH] + delta;
        }
        return wmarks;
    }

    /**
     * A machine-wide triple split across every zone in proportion to its managed pages (rounded
     * down, so the zones' sum may fall short by a page or two); promo = high + (high - low).
     */
    static long[][] explicitWatermarks(long[] managed, WatermarkTriple triple) {
        long total = 0;
        for (long pages : managed) {
            total += pages;
        }
        long[][] wmarks = new long[managed.length][Zone.NR_WMARK];
        for (int zone = 0; zone < managed.length; zone++) {
            long[] w = wmarks[zone];
            w[Zone.WMARK_MIN] = triple.min() * managed[zone] / total;
            w[Zone.WMARK_LOW] = triple.low() * managed[zone] / total;
            w[Zone.WMARK_HIGH] = triple.high() * managed[zone] / total;
            w[Zone.WMARK_PROMO] = w[Zone.WMARK_HIGH] + (w[Zone.WMARK_HIGH] - w[Zone.WMARK_LOW]);
        }
        return wmarks;
    }

    /** setup_per_zone_lowmem_reserve(): [zone i][zone j] = sum(managed[i+1..j]) / ratio[i]. */
    static long[][] lowmemReserve(long[] managed) {
        int zones = managed.length;
        long[][] reserve = new long[zones][zones];
        for (int i = 0; i < zones - 1; i++) {
            int ratio = LOWMEM_RESERVE_RATIO[i];
            boolean clear = ratio == 0 || managed[i] == 0;
            long upper = 0;
            for (int j = i + 1; j < zones; j++) {
                upper += managed[j];
                reserve[i][j] = clear ? 0 : upper / ratio;
            }
        }
        return reserve;
    }

    /** calculate_totalreserve_pages(): per zone min(managed, high + largest lowmem reserve). */
    static long totalreservePages(long[] managed, long[][] wmarks, long[][] reserve) {
        long total = 0;
        for (int i = 0; i < managed.length; i++) {
            long max = 0;
            for (int j = managed.length - 1; j > i; j--) {
                if (reserve[i][j] != 0) {
                    max = reserve[i][j];
                    break;
                }
            }
            max += wmarks[i][Zone.WMARK_HIGH];
            total += Math.min(max, managed[i]);
        }
        return total;
    }

    /** int_sqrt(): floor of the square root. */
    static long intSqrt(long x) {
        long r = (long) Math.sqrt((double) x);
        while (r * r > x) {
            r--;
        }
        while ((r + 1) * (r + 1) <= x) {
            r++;
        }
        return r;
    }

    /** mult_frac(x, n, d) = x * n / d without overflow. */
    static long multFrac(long x, long n, long d) {
        return (x / d) * n + ((x % d) * n) / d;
    }
}
