package io.mmspec.runtime.mm.mmap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * struct anon_vma (mm/rmap.c): the object an anonymous page points to, so that reclaim can find
 * every PTE that maps it. A VMA gets one lazily, on its first anonymous fault
 * ({@link Mmap#anonVmaPrepare}); a fork child's VMA gets a new one whose {@link #parent()} is the
 * parent VMA's (anon_vma_fork()).
 *
 * <p>The anon_vma_chain is modelled by linking each VMA into its own anon_vma and into every
 * ancestor of it: an rmap walk from the parent's anon_vma therefore finds the parent's VMA and
 * every child VMA forked from it (pages shared copy-on-write), while a walk from a child's
 * anon_vma finds only the child and its descendants (pages it copied after fork). Not modelled:
 * anon_vma reuse by a later fork (anon_vma_clone()'s num_children/num_active_vmas heuristic).
 */
public final class AnonVma {
    private final long id;
    private final AnonVma parent;
    private final AnonVma root;
    /** The interval tree of anon_vma_chain entries; insertion order keeps walks deterministic. */
    private final Map<Vma, MmStruct> vmas = new LinkedHashMap<>();

    AnonVma(long id, AnonVma parent) {
        this.id = id;
        this.parent = parent;
        this.root = parent == null ? this : parent.root;
    }

    /** A stable number for traces and tests (the kernel would print a pointer). */
    public long id() {
        return id;
    }

    /** The anon_vma this one was forked from, or null for a root. */
    public AnonVma parent() {
        return parent;
    }

    /** The root of the fork tree (anon_vma->root), whose lock the kernel takes. */
    public AnonVma root() {
        return root;
    }

    /** How many VMAs are linked here, own and descendants'. */
    public int linkedVmaCount() {
        return vmas.size();
    }

    /**
     * rmap_walk_anon(): calls {@code visitor} for each VMA linked here whose pages cover
     * {@code pgoff} (the page's index, {@link Vma#pgoffAt}).
     */
    public void rmapWalk(long pgoff, RmapVisitor visitor) {
        for (Map.Entry<Vma, MmStruct> link : vmas.entrySet()) {
            Vma vma = link.getKey();
            if (vma.coversPgoff(pgoff)) {
                visitor.visit(link.getValue(), vma, vma.addressOf(pgoff));
            }
        }
    }

    boolean isLinked(Vma vma) {
        return vmas.containsKey(vma);
    }

    /** anon_vma_chain_link() for the VMA's own anon_vma and every ancestor. */
    static void linkChain(Vma vma, MmStruct mm) {
        for (AnonVma a = vma.anonVma(); a != null; a = a.parent) {
            a.vmas.put(vma, mm);
        }
    }

    static void unlinkChain(Vma vma) {
        for (AnonVma a = vma.anonVma(); a != null; a = a.parent) {
            a.vmas.remove(vma);
        }
    }

    @Override
    public String toString() {
        return parent == null ? "anon_vma#" + id : "anon_vma#" + id + "<-#" + parent.id;
    }
}
