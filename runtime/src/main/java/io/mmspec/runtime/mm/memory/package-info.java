/**
 * The page-fault handler and what hangs off it (mm/memory.c, mm/huge_memory.c, mm/rmap.c,
 * mm/migrate.c): VMA lookup and access checks as arch/x86/mm/fault.c does them, the shared
 * zero page, anonymous faults, file faults through the page cache with fault-around, copy on
 * write with reuse of exclusive pages, transparent huge pages on anonymous faults, fork's copy
 * of page tables, unmapping (zap), reverse mapping and page migration.
 * Not modelled: userfaultfd, KSM, mTHP sizes between 4 KB and 2 MB, device memory, NUMA
 * balancing hinting faults, huge pages of the page cache.
 */
package io.mmspec.runtime.mm.memory;
