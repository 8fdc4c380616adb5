/**
 * The x86-64 MMU as Linux 6.x drives it: page-table entries and swap entries
 * (asm/pgtable_types.h, asm/pgtable_64.h), sparse 4-level page tables whose table pages come
 * from the page allocator ({@link io.mmspec.runtime.arch.PageTable}), one PCID-tagged TLB per
 * CPU ({@link io.mmspec.runtime.arch.Tlb}), and the kernel's TLB management of
 * arch/x86/mm/tlb.c: ASID choice on context switch, tlb_gen, mm_cpumask, lazy TLB, and
 * shootdown IPIs ({@link io.mmspec.runtime.arch.Mmu}). A translation reports the #PF error
 * code of arch/x86/include/asm/trap_pf.h ({@link io.mmspec.runtime.arch.PfErrorCode}).
 *
 * <p>Where the seed simplifies, the kernel wins: the TLB is not flushed on every context switch
 * (six ASIDs per CPU keep their entries; a slot is flushed only when it is taken over round-robin
 * or its tlb_gen is stale), a range of more than 33 pages is flushed whole, and only CPUs running
 * the mm get an IPI unless page tables were freed.
 *
 * <p>Not modelled: the kernel half of the address space (init_mm's tables, global TLB entries,
 * supervisor-mode accesses, SMEP/SMAP), 5-level paging, 1 GB pages, PAT and caching modes,
 * protection keys, shadow stacks and SavedDirty, memory encryption, PTI and its user PCIDs,
 * INVLPGB broadcast flushes and global ASIDs, the periodic mm_cpumask trim, set-associative TLB
 * geometry, the split L1 TLBs and the paging-structure caches.
 */
package io.mmspec.runtime.arch;
