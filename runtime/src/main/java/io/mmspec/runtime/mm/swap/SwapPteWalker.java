package io.mmspec.runtime.mm.swap;

import java.util.function.LongConsumer;

/**
 * Reports every swap PTE of every page table to the swap checker, which recounts the swap map
 * from them. The caller walks the address spaces (for example with PageTable.forEachLeaf over
 * each VMA, passing the entries that are {@code Pte.isSwapEntry}).
 */
@FunctionalInterface
public interface SwapPteWalker {
    void forEachSwapPte(LongConsumer swapPte);
}
