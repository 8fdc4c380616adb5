/**
 * The vmalloc allocator: mirrors mm/vmalloc.c on x86-64 with 4-level paging. The public
 * entry is {@link io.mmspec.runtime.mm.vmalloc.Vmalloc}.
 *
 * <p>What it models, as Linux 6.18 does it:
 * <ul>
 * <li>The vmalloc range VMALLOC_START 0xffffc90000000000 .. VMALLOC_END 0xffffe8ffffffffff
 *     (32 TiB, RANDOMIZE_MEMORY off), its free space with lowest-address first fit
 *     (__alloc_vmap_area) and merging on free (merge_or_add_vmap_area).</li>
 * <li>vmalloc() and vmalloc_huge(): size rounded to the page (or to 2 MB for huge), a guard
 *     page after every area, order-0 pages one at a time from the buddy allocator with
 *     GFP|__GFP_HIGHMEM|__GFP_NOWARN, PMD-order pages split into small ones for huge areas with
 *     the fall-back to 4 KB pages, the pages array vmalloc'd itself above one page
 *     (" vpages"), the "exceeds total pages", "vm_struct allocation failed", "failed to
 *     allocated page array size" and "failed to allocate pages" warn_alloc() lines.</li>
 * <li>vfree(): PTEs cleared at once, pages freed, the range put on the lazy list;
 *     vmap_lazy_nr above lazy_max_pages() = fls(cpus) * 32 MiB of pages purges every lazy
 *     area with one flush_tlb_kernel_range() over their span; vm_unmap_aliases();
 *     the WARN for a nonexistent area.</li>
 * <li>Kernel accesses through the mapping: hits, the guard-page oops (show_fault_oops()),
 *     data read back; vmalloc_nr_pages() (VmallocUsed) and /proc/vmallocinfo.</li>
 * </ul>
 *
 * <p>Left out: the per-node VA pools of 6.9+ (node_alloc(), decay_va_pool_node(): purged
 * areas go straight back to the free space, so small ranges are reused by first fit rather
 * than from the CPU's pool); vmap blocks and vm_map_ram(); vmap()/ioremap()/VM_USERMAP and
 * the module area; the kmalloc'd pages array of areas up to 512 pages (slab is not this
 * package's to call); kernel page-table pages (the PTE and PMD tables vmalloc populates
 * take no memory here); KASAN, kmemleak, memcg accounting; __GFP_NOFAIL retry loops; the
 * printk rate limits, stack dumps and show_mem() after a warning; the oops beyond its first
 * three lines; NUMA (one node, N0). The purge work runs when the vfree that scheduled it
 * returns, not on a workqueue. Pointers the kernel prints with %p are printed in full, as
 * under the no_hash_pointers boot option.
 */
package io.mmspec.runtime.mm.vmalloc;
