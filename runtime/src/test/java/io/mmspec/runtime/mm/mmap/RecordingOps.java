package io.mmspec.runtime.mm.mmap;

import java.util.ArrayList;
import java.util.List;

/** A PageRangeOps that records every call as a line of text and keeps a commit counter. */
final class RecordingOps implements PageRangeOps {
    final List<String> calls = new ArrayList<>();
    long committed;
    long commitLimit = Long.MAX_VALUE;

    @Override
    public void zap(MmStruct mm, Vma vma, long start, long end) {
        calls.add(String.format("zap %x-%x %s", start, end, VmFlags.permissions(vma.flags())));
    }

    @Override
    public void copyPageRange(MmStruct dst, Vma dstVma, MmStruct src, Vma srcVma) {
        calls.add(String.format("copy %x-%x", srcVma.start(), srcVma.end()));
    }

    @Override
    public void movePageTables(MmStruct mm, Vma oldVma, long oldAddr, Vma newVma, long newAddr,
            long len) {
        calls.add(String.format("move %x-%x to %x", oldAddr, oldAddr + len, newAddr));
    }

    @Override
    public boolean vmEnoughMemory(MmStruct mm, long pages) {
        if (committed + pages > commitLimit) {
            return false;
        }
        committed += pages;
        return true;
    }

    @Override
    public void vmUnacctMemory(long pages) {
        committed -= pages;
    }

    List<String> take() {
        List<String> out = new ArrayList<>(calls);
        calls.clear();
        return out;
    }
}
