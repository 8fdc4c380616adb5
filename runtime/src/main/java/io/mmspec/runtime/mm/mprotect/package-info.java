/**
 * Permission changes (mm/mprotect.c): mprotect(2) splits and merges VMAs at the edges of the
 * range, rewrites the PTEs (change_protection) and flushes the stale translations from every
 * CPU that ran the address space. W^X is not enforced by default, as in Linux; a machine
 * option refuses any mapping or mprotect that makes memory writable and executable at once.
 * That option is W^X proper, a little narrower than Linux's MDWE (prctl PR_SET_MDWE), which
 * also refuses memory that was never executable becoming executable: under MDWE the seed's JIT
 * sequence (write, then mprotect r-x) fails too; under our option it works.
 * Not modelled: protection keys, PROT_GROWSDOWN/UP, PROT_SEM, READ_IMPLIES_EXEC, mseal.
 */
package io.mmspec.runtime.mm.mprotect;
