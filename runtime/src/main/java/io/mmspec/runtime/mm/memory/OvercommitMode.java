package io.mmspec.runtime.mm.memory;

/** vm.overcommit_memory (mm/util.c: __vm_enough_memory). */
public enum OvercommitMode {
    /** 0: refuse only a single request larger than RAM + swap. */
    HEURISTIC,
    /** 1: never refuse. */
    ALWAYS,
    /** 2: refuse beyond CommitLimit = RAM * overcommit_ratio / 100 + swap. */
    NEVER
}
