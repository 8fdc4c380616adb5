package io.mmspec.runtime.mm.pagealloc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A gfp_t: how the page allocator may allocate. Bit values are those of Linux 6.18 on x86-64
 * without KASAN or LOCKDEP (include/linux/gfp_types.h); {@link #zone()} is gfp_zone() and
 * {@link #migratetype()} is gfp_migratetype() (include/linux/gfp.h); {@link #toString()} prints
 * the mask the way the kernel's %pGg does (lib/vsprintf.c with the table of
 * include/trace/events/mmflags.h): composite names first, then single bits, then any leftover
 * bits in hex.
 *
 * <pre>
 *   Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_COMP)      0x140cca
 *   .toString()   "GFP_HIGHUSER_MOVABLE|__GFP_COMP"
 *   .describe()   "0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)"
 * </pre>
 */
public record Gfp(int mask) {
    public static final Gfp __GFP_DMA = new Gfp(0x01);
    public static final Gfp __GFP_HIGHMEM = new Gfp(0x02);
    public static final Gfp __GFP_DMA32 = new Gfp(0x04);
    public static final Gfp __GFP_MOVABLE = new Gfp(0x08);
    public static final Gfp __GFP_RECLAIMABLE = new Gfp(0x10);
    public static final Gfp __GFP_HIGH = new Gfp(0x20);
    public static final Gfp __GFP_IO = new Gfp(0x40);
    public static final Gfp __GFP_FS = new Gfp(0x80);
    public static final Gfp __GFP_ZERO = new Gfp(0x100);
    public static final Gfp __GFP_DIRECT_RECLAIM = new Gfp(0x400);
    public static final Gfp __GFP_KSWAPD_RECLAIM = new Gfp(0x800);
    public static final Gfp __GFP_WRITE = new Gfp(0x1000);
    public static final Gfp __GFP_NOWARN = new Gfp(0x2000);
    public static final Gfp __GFP_RETRY_MAYFAIL = new Gfp(0x4000);
    public static final Gfp __GFP_NOFAIL = new Gfp(0x8000);
    public static final Gfp __GFP_NORETRY = new Gfp(0x10000);
    public static final Gfp __GFP_MEMALLOC = new Gfp(0x20000);
    public static final Gfp __GFP_COMP = new Gfp(0x40000);
    public static final Gfp __GFP_NOMEMALLOC = new Gfp(0x80000);
    public static final Gfp __GFP_HARDWALL = new Gfp(0x100000);
    public static final Gfp __GFP_THISNODE = new Gfp(0x200000);
    public static final Gfp __GFP_ACCOUNT = new Gfp(0x400000);
    public static final Gfp __GFP_ZEROTAGS = new Gfp(0x800000);

    public static final Gfp __GFP_RECLAIM = __GFP_DIRECT_RECLAIM.or(__GFP_KSWAPD_RECLAIM);
    public static final Gfp GFP_ATOMIC = __GFP_HIGH.or(__GFP_KSWAPD_RECLAIM);
    public static final Gfp GFP_KERNEL = __GFP_RECLAIM.or(__GFP_IO).or(__GFP_FS);
    public static final Gfp GFP_KERNEL_ACCOUNT = GFP_KERNEL.or(__GFP_ACCOUNT);
    public static final Gfp GFP_NOWAIT = __GFP_KSWAPD_RECLAIM.or(__GFP_NOWARN);
    public static final Gfp GFP_NOIO = __GFP_RECLAIM;
    public static final Gfp GFP_NOFS = __GFP_RECLAIM.or(__GFP_IO);
    public static final Gfp GFP_USER = GFP_KERNEL.or(__GFP_HARDWALL);
    public static final Gfp GFP_DMA = __GFP_DMA;
    public static final Gfp GFP_DMA32 = __GFP_DMA32;
    public static final Gfp GFP_HIGHUSER = GFP_USER.or(__GFP_HIGHMEM);
    public static final Gfp GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER.or(__GFP_MOVABLE);
    public static final Gfp GFP_TRANSHUGE_LIGHT = GFP_HIGHUSER_MOVABLE.or(__GFP_COMP).or(__GFP_NOMEMALLOC)
            .or(__GFP_NOWARN).andNot(__GFP_RECLAIM);
    public static final Gfp GFP_TRANSHUGE = GFP_TRANSHUGE_LIGHT.or(__GFP_DIRECT_RECLAIM);

    private static final int GFP_ZONEMASK = 0x0f;
    private static final int GFP_MOVABLE_MASK = 0x18;
    private static final int GFP_MOVABLE_SHIFT = 3;

    /** __def_gfpflag_names: the order %pGg tries the names in. */
    private static final List<Named> NAMES = names();

    private record Named(String name, Gfp gfp) {
    }

    public Gfp or(Gfp other) {
        return new Gfp(mask | other.mask);
    }

    public Gfp andNot(Gfp other) {
        return new Gfp(mask & ~other.mask);
    }

    /** True if every bit of {@code bits} is set. */
    public boolean has(Gfp bits) {
        return (mask & bits.mask) == bits.mask;
    }

    /**
     * gfp_zone(): the highest zone the request may use. Mirrors GFP_ZONE_TABLE on x86-64 (no
     * HIGHMEM, so __GFP_HIGHMEM alone means Normal; only __GFP_MOVABLE|__GFP_HIGHMEM means
     * Movable). The combinations GFP_ZONE_BAD lists are rejected.
     */
    public ZoneType zone() {
        switch (mask & GFP_ZONEMASK) {
            case 0x0: case 0x2: case 0x8:
                return ZoneType.NORMAL;
            case 0x1: case 0x9:
                return ZoneType.DMA;
            case 0x4: case 0xc:
                return ZoneType.DMA32;
            case 0xa:
                return ZoneType.MOVABLE;
            default:
                throw new IllegalArgumentException("GFP_ZONE_BAD: conflicting zone modifiers in " + describe());
        }
    }

    /** gfp_migratetype(): __GFP_MOVABLE is MOVABLE, __GFP_RECLAIMABLE is RECLAIMABLE, else UNMOVABLE. */
    public MigrateType migratetype() {
        int value = (mask & GFP_MOVABLE_MASK) >>> GFP_MOVABLE_SHIFT;
        if (value >= MigrateType.MIGRATE_PCPTYPES) {
            throw new IllegalArgumentException("__GFP_MOVABLE and __GFP_RECLAIMABLE together in " + describe());
        }
        return MigrateType.of(value);
    }

    /** The %pGg text of the mask, e.g. "GFP_KERNEL|__GFP_ZERO"; "" for an empty mask. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        int left = mask;
        for (Named named : NAMES) {
            if (left == 0) {
                break;
            }
            int bits = named.gfp.mask;
            if ((left & bits) != bits) {
                continue;
            }
            out.append(named.name);
            left &= ~bits;
            if (left != 0) {
                out.append('|');
            }
        }
        if (left != 0) {
            out.append("0x").append(Integer.toHexString(left));
        }
        return out.toString();
    }

    /** "%#x(%pGg)" as warn_alloc() and the OOM report print it: "0xcc0(GFP_KERNEL)". */
    public String describe() {
        String hex = mask == 0 ? "0" : "0x" + Integer.toHexString(mask);
        return hex + "(" + this + ")";
    }

    /** Reads a mask written with the kernel's names joined by '|', e.g. "GFP_KERNEL|__GFP_ZERO". */
    public static Gfp parse(String text) {
        int result = 0;
        for (String part : text.split("\\|")) {
            String name = part.trim();
            result |= NAMES.stream().filter(n -> n.name.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown GFP flag '" + name + "'"))
                    .gfp.mask;
        }
        return new Gfp(result);
    }

    private static List<Named> names() {
        List<Named> names = new ArrayList<>();
        names.add(new Named("GFP_TRANSHUGE", GFP_TRANSHUGE));
        names.add(new Named("GFP_TRANSHUGE_LIGHT", GFP_TRANSHUGE_LIGHT));
        names.add(new Named("GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE));
        names.add(new Named("GFP_HIGHUSER", GFP_HIGHUSER));
        names.add(new Named("GFP_USER", GFP_USER));
        names.add(new Named("GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT));
        names.add(new Named("GFP_KERNEL", GFP_KERNEL));
        names.add(new Named("GFP_NOFS", GFP_NOFS));
        names.add(new Named("GFP_ATOMIC", GFP_ATOMIC));
        names.add(new Named("GFP_NOIO", GFP_NOIO));
        names.add(new Named("GFP_NOWAIT", GFP_NOWAIT));
        names.add(new Named("GFP_DMA", GFP_DMA));
        names.add(new Named("GFP_DMA32", GFP_DMA32));
        names.add(new Named("__GFP_RECLAIM", __GFP_RECLAIM));
        names.add(new Named("__GFP_DMA", __GFP_DMA));
        names.add(new Named("__GFP_HIGHMEM", __GFP_HIGHMEM));
        names.add(new Named("__GFP_DMA32", __GFP_DMA32));
        names.add(new Named("__GFP_MOVABLE", __GFP_MOVABLE));
        names.add(new Named("__GFP_RECLAIMABLE", __GFP_RECLAIMABLE));
        names.add(new Named("__GFP_HIGH", __GFP_HIGH));
        names.add(new Named("__GFP_IO", __GFP_IO));
        names.add(new Named("__GFP_FS", __GFP_FS));
        names.add(new Named("__GFP_ZERO", __GFP_ZERO));
        names.add(new Named("__GFP_DIRECT_RECLAIM", __GFP_DIRECT_RECLAIM));
        names.add(new Named("__GFP_KSWAPD_RECLAIM", __GFP_KSWAPD_RECLAIM));
        names.add(new Named("__GFP_WRITE", __GFP_WRITE));
        names.add(new Named("__GFP_NOWARN", __GFP_NOWARN));
        names.add(new Named("__GFP_RETRY_MAYFAIL", __GFP_RETRY_MAYFAIL));
        names.add(new Named("__GFP_NOFAIL", __GFP_NOFAIL));
        names.add(new Named("__GFP_NORETRY", __GFP_NORETRY));
        names.add(new Named("__GFP_MEMALLOC", __GFP_MEMALLOC));
        names.add(new Named("__GFP_COMP", __GFP_COMP));
        names.add(new Named("__GFP_NOMEMALLOC", __GFP_NOMEMALLOC));
        names.add(new Named("__GFP_HARDWALL", __GFP_HARDWALL));
        names.add(new Named("__GFP_THISNODE", __GFP_THISNODE));
        names.add(new Named("__GFP_ACCOUNT", __GFP_ACCOUNT));
        names.add(new Named("__GFP_ZEROTAGS", __GFP_ZEROTAGS));
        return Collections.unmodifiableList(names);
    }
}
