package io.mmspec.dsl.check;

import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.Madvise;
import io.mmspec.runtime.uapi.Signal;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The fixed words a scenario may use, taken from the runtime's registries where it has one
 * (madvise advice, signals, errno, cost model) and from the kernel's headers otherwise.
 */
final class Vocabulary {

    /** madvise(2) advice, as MADV_* in lower case: dontneed, willneed, hugepage, cold, pageout... */
    static final List<String> MADVISE = Arrays.stream(Madvise.values())
            .map(a -> a.name().toLowerCase(Locale.ROOT)).toList();

    /** posix_fadvise(2) advice, POSIX_FADV_* in lower case. */
    static final List<String> FADVISE = List.of("normal", "random", "sequential", "willneed", "dontneed", "noreuse");

    /** GFP flags and masks (include/linux/gfp_types.h) without GFP_ / __GFP_, in lower case. */
    static final List<String> GFP = List.of("kernel", "atomic", "nowait", "noio", "nofs", "user", "highuser",
            "highuser_movable", "kernel_account", "dma", "dma32", "movable", "reclaimable", "zero", "nowarn",
            "noretry", "retry_mayfail", "nofail", "account", "high", "memalloc", "nomemalloc", "thisnode",
            "comp", "io", "fs", "direct_reclaim", "kswapd_reclaim");

    /** kmem_cache_create() flags (SLAB_*), in lower case. */
    static final List<String> CACHE_FLAGS = List.of("hwcache_align", "red_zone", "poison", "store_user",
            "consistency_checks", "reclaim_account", "account", "panic", "typesafe_by_rcu", "cache_dma",
            "cache_dma32", "no_merge", "trace");

    /** What can kill a process in an expectation: the OOM killer or a signal. */
    static final List<String> KILL_CAUSES = causes();

    /** Signals a process can send with {@code kills P with SIGNAL}. */
    static final List<String> SIGNALS = Arrays.stream(Signal.values()).map(Enum::name).toList();

    /** Fault signals, the only ones with an address ({@code killed by SIGSEGV at R}). */
    static final List<String> FAULT_SIGNALS = List.of("SIGSEGV", "SIGBUS");

    static final List<String> ERRNOS = Arrays.stream(Errno.values()).map(Enum::name).toList();

    /** Zones of x86-64 (include/linux/mmzone.h: zone_type), as /proc/zoneinfo names them. */
    static final List<String> ZONES = List.of("DMA", "DMA32", "Normal", "Movable");

    /** Cost model entries: the CostModel components without their Ns suffix, in snake case. */
    static final List<String> COSTS = costNames();

    /** The kmalloc size classes (mm/slab_common.c: kmalloc_info), as their caches are named. */
    static final List<String> KMALLOC_SIZES = List.of("8", "16", "32", "64", "96", "128", "192", "256",
            "512", "1k", "2k", "4k", "8k");

    /**
     * Slab caches of the kernel that exist without a scenario creating them (besides kmalloc-*):
     * those the machine creates at boot for its tasks.
     */
    static final List<String> KERNEL_CACHES = io.mmspec.runtime.task.TaskMemory.CACHE_NAMES;

    /** Names a process may not take: the heads of predicates, which would read ambiguously. */
    static final List<String> FORBIDDEN_PROCESS_NAMES = List.of("event", "action", "dmesg", "vmstat",
            "meminfo", "slab", "file", "vma", "zone", "swap", "tlb", "buddyinfo");

    private Vocabulary() {
    }

    /** Every kmalloc cache name: kmalloc-N, with the -cg-, -rcl- and dma- families. */
    static List<String> kmallocCaches() {
        List<String> names = new ArrayList<>();
        for (String prefix : List.of("kmalloc-", "kmalloc-cg-", "kmalloc-rcl-", "dma-kmalloc-")) {
            for (String size : KMALLOC_SIZES) {
                names.add(prefix + size);
            }
        }
        return names;
    }

    /**
     * For a kmalloc cache named by its byte size ({@code kmalloc-2048}, {@code kmalloc-100}), the
     * cache the kernel really uses for that size (kmalloc-2k, kmalloc-128): mm/slab_common.c
     * rounds up to the next size class.
     */
    static java.util.Optional<String> kmallocCacheFor(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("((?:dma-)?kmalloc-(?:cg-|rcl-)?)(\\d+)")
                .matcher(name);
        if (!m.matches() || m.group(2).length() > 7) {
            return java.util.Optional.empty();
        }
        long bytes = Long.parseLong(m.group(2));
        long[] classes = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};
        for (int i = 0; i < classes.length; i++) {
            if (bytes <= classes[i]) {
                return java.util.Optional.of(m.group(1) + KMALLOC_SIZES.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    /** "; did you mean "kmalloc-2k"?" for a misspelt cache name, or "". */
    static String cacheHint(String name, List<String> known) {
        return kmallocCacheFor(name).or(() -> io.mmspec.dsl.diag.Suggestions.closest(name, known))
                .map(c -> "; did you mean \"" + c + "\"?").orElse("");
    }

    private static List<String> causes() {
        List<String> causes = new ArrayList<>();
        causes.add("oom");
        for (Signal signal : Signal.values()) {
            causes.add(signal.name());
        }
        return causes;
    }

    private static List<String> costNames() {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : CostModel.class.getRecordComponents()) {
            String name = component.getName().replaceFirst("Ns$", "");
            names.add(name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
