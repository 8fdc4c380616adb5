package io.mmspec.dsl.ast;

import java.util.Optional;

/** An action done by a process (its system calls and memory accesses). */
public sealed interface ProcessAction extends Action {

    /** The process doing it. */
    Name process();

    /** {@code forks CHILD [pid N]}: fork(2). */
    record Fork(Name process, Name child, Optional<Count> pid, Span span) implements ProcessAction {
    }

    /** {@code execs "/usr/bin/firefox"}: execve(2) of a declared file. */
    record Exec(Name process, StringLit path, Span span) implements ProcessAction {
    }

    /** {@code exits [with code N]}: exit(2), code 0 when none is written. */
    record Exit(Name process, Optional<Count> code, Span span) implements ProcessAction {
    }

    /**
     * {@code maps R anon|file "F" SIZE [offset SIZE] PERM [shared|private] [populate]
     * [at 0xADDR] [huge]}: mmap(2). {@code file} empty means anonymous; {@code at} is
     * MAP_FIXED_NOREPLACE; {@code huge} asks for THP (madvise(MADV_HUGEPAGE) after mapping).
     */
    record Mmap(Name process, Name name, Optional<StringLit> file, Size length,
                Optional<Size> offset, Permission perm, boolean shared, boolean populate,
                Optional<Address> fixedAddress, boolean huge, Span span) implements ProcessAction {
    }

    /** {@code unmaps R}: munmap(2). */
    record Munmap(Name process, Region region, Span span) implements ProcessAction {
    }

    /** {@code remaps R SIZE}: mremap(2) with MREMAP_MAYMOVE; the region keeps its name. */
    record Mremap(Name process, Region region, Size newLength, Span span) implements ProcessAction {
    }

    /** {@code protects R PERM}: mprotect(2). */
    record Mprotect(Name process, Region region, Permission perm, Span span) implements ProcessAction {
    }

    /** {@code advises R ADVICE}: madvise(2) (dontneed, willneed, hugepage, cold, pageout...). */
    record Madvise(Name process, Region region, Name advice, Span span) implements ProcessAction {
    }

    /** {@code locks R [onfault]}: mlock(2), or mlock2(MLOCK_ONFAULT). */
    record Mlock(Name process, Region region, boolean onFault, Span span) implements ProcessAction {
    }

    /** {@code unlocks R}: munlock(2). */
    record Munlock(Name process, Region region, Span span) implements ProcessAction {
    }

    /** {@code allocates SIZE [as R]}: libc malloc (mmap from 128 KB up, brk below), then one write per page. */
    record Malloc(Name process, Size size, Optional<Name> name, Span span) implements ProcessAction {
    }

    /** {@code frees R}: libc free of an allocation. */
    record Free(Name process, Region region, Span span) implements ProcessAction {
    }

    /** {@code touches R}: one write per page of R, storing the byte already there. */
    record Touch(Name process, Region region, Span span) implements ProcessAction {
    }

    /** {@code reads R [pattern]}: loads from R. */
    record Read(Name process, Region region, Access access, Span span) implements ProcessAction {
    }

    /** {@code writes "data" at R}: stores the bytes of the string at R. */
    record Write(Name process, StringLit data, Region region, Span span) implements ProcessAction {
    }

    /** {@code executes R [pattern]}: instruction fetches from R. */
    record Execute(Name process, Region region, Access access, Span span) implements ProcessAction {
    }

    /** {@code reads file "F" [SIZE at OFF | sequentially | randomly N times]}: read(2). */
    record FileRead(Name process, StringLit path, FileAccess access, Span span) implements ProcessAction {
    }

    /**
     * {@code writes file "F" "data" [at OFF]} or {@code writes file "F" SIZE [at OFF]}: write(2)
     * of the string's bytes, or of SIZE bytes of a pattern derived from the seed. Exactly one of
     * data and size is present. Writing creates the file if it does not exist.
     */
    record FileWrite(Name process, StringLit path, Optional<StringLit> data, Optional<Size> size,
                     Optional<Size> offset, Span span) implements ProcessAction {
    }

    /** {@code fsyncs "F"}: fsync(2). */
    record Fsync(Name process, StringLit path, Span span) implements ProcessAction {
    }

    /** {@code advises file "F" ADVICE}: posix_fadvise(2) (normal, random, sequential, willneed, dontneed, noreuse). */
    record Fadvise(Name process, StringLit path, Name advice, Span span) implements ProcessAction {
    }

    /** {@code replays "traces/p.trace"}: the accesses of a trace file in the scenario's folder tree. */
    record Replay(Name process, StringLit path, Span span) implements ProcessAction {
    }
}
