package io.mmspec.runtime.mm.slub;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The boot parameters SLUB reads. Mirrors mm/slub.c: setup_slub_debug() and
 * parse_slub_debug_flags() for {@code slub_debug=}, kmem_cache_flags() for the per-cache form
 * {@code slub_debug=FZ,kmalloc-2k,dentry;P,kmalloc-*}, and the {@code slub_min_objects=} and
 * {@code slub_max_order=} tunables.
 *
 * @param cpus           present CPUs (num_present_cpus()), which size min_objects
 * @param slubDebug      the slub_debug string; "" is debugging off. The kernel's bare
 *                       {@code slub_debug} (full debugging) is written "FZPU" here.
 * @param slubMinObjects slub_min_objects, 0 for the kernel's 4 * (fls(cpus) + 1)
 * @param slubMaxOrder   slub_max_order, default 3 (PAGE_ALLOC_COSTLY_ORDER)
 */
public record SlubConfig(int cpus, String slubDebug, int slubMinObjects, int slubMaxOrder) {
    public static final int DEFAULT_MAX_ORDER = 3;

    public SlubConfig {
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1: " + cpus);
        }
        if (slubMinObjects < 0 || slubMaxOrder < 0 || slubMaxOrder > 10) {
            throw new IllegalArgumentException("slub_min_objects " + slubMinObjects + " or slub_max_order "
                    + slubMaxOrder + " out of range");
        }
        slubDebug = slubDebug == null ? "" : slubDebug;
        for (Block block : parse(slubDebug)) {
            block.flags(); // rejects unknown letters early
        }
    }

    /** The kernel's defaults: no debugging, derived min_objects, max order 3. */
    public static SlubConfig defaults(int cpus) {
        return new SlubConfig(cpus, "", 0, DEFAULT_MAX_ORDER);
    }

    public SlubConfig withSlubDebug(String debug) {
        return new SlubConfig(cpus, debug, slubMinObjects, slubMaxOrder);
    }

    /**
     * kmem_cache_flags(): the debug flags slub_debug gives the cache called {@code name}. The
     * first block whose slab list names the cache wins (a trailing '*' is a prefix match);
     * otherwise the global block (one without a list) applies.
     */
    public Set<SlabFlag> debugFlagsFor(String name) {
        Set<SlabFlag> global = EnumSet.noneOf(SlabFlag.class);
        for (Block block : parse(slubDebug)) {
            if (block.slabs.isEmpty()) {
                global = block.flags();
                continue;
            }
            for (String pattern : block.slabs) {
                boolean glob = pattern.endsWith("*");
                String stem = glob ? pattern.substring(0, pattern.length() - 1) : pattern;
                if (glob ? name.startsWith(stem) : name.equals(stem)) {
                    return block.flags();
                }
            }
        }
        return global;
    }

    /** One ';'-separated block: option letters, then optionally ",slab1,slab2". */
    private record Block(String letters, List<String> slabs) {
        Set<SlabFlag> flags() {
            Set<SlabFlag> flags = EnumSet.noneOf(SlabFlag.class);
            if (letters.isEmpty() && !slabs.isEmpty()) {
                return EnumSet.of(SlabFlag.SLAB_CONSISTENCY_CHECKS, SlabFlag.SLAB_RED_ZONE,
                        SlabFlag.SLAB_POISON, SlabFlag.SLAB_STORE_USER); // DEBUG_DEFAULT_FLAGS
            }
            for (char c : letters.toLowerCase(Locale.ROOT).toCharArray()) {
                switch (c) {
                    case '-': flags.clear(); break;
                    case 'f': flags.add(SlabFlag.SLAB_CONSISTENCY_CHECKS); break;
                    case 'z': flags.add(SlabFlag.SLAB_RED_ZONE); break;
                    case 'p': flags.add(SlabFlag.SLAB_POISON); break;
                    case 'u': flags.add(SlabFlag.SLAB_STORE_USER); break;
                    case 't': flags.add(SlabFlag.SLAB_TRACE); break;
                    case 'a': flags.add(SlabFlag.SLAB_FAILSLAB); break;
                    case 'o': break; // disable_higher_order_debug: not modelled
                    default:
                        throw new IllegalArgumentException("slab_debug option '" + c + "' unknown");
                }
            }
            return flags;
        }
    }

    private static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        for (String part : text.split(";")) {
            if (part.isEmpty()) {
                continue;
            }
            String[] fields = part.split(",", -1);
            List<String> slabs = new ArrayList<>();
            for (int i = 1; i < fields.length; i++) {
                if (!fields[i].isEmpty()) {
                    slabs.add(fields[i]);
                }
            }
            blocks.add(new Block(fields[0], slabs));
        }
        return blocks;
    }
}
