package io.mmspec.runtime.mm.mmap;

/**
 * The address space execve built: the new mm and where each part went (half-open ranges).
 * The heap starts empty at {@code mm.layout().startBrk()}. In Linux the top page of the stack
 * is already resident after execve (it holds argv, envp and the auxiliary vector); faulting it
 * in is the caller's choice.
 *
 * @param entry where the CPU starts: the start of text (e_entry)
 */
public record ExecLayout(MmStruct mm, long entry, long textStart, long textEnd, long dataStart,
        long dataEnd, long bssStart, long bssEnd, long stackStart, long stackEnd) {
}
