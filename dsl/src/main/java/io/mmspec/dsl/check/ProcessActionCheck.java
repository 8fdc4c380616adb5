package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Access;
import io.mmspec.dsl.ast.FileAccess;
import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.dsl.ast.ProcessAction.Exec;
import io.mmspec.dsl.ast.ProcessAction.Fork;
import io.mmspec.dsl.ast.ProcessAction.Mmap;
import io.mmspec.dsl.ast.StringLit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks the actions of a process (whose existence the caller has established). */
final class ProcessActionCheck {

    /** What execve() leaves a process with (the names of its new mappings). */
    static final List<String> EXEC_REGIONS = List.of("text", "data", "bss", "heap", "stack");

    private final References refs;
    private final Findings findings;
    private final World world;
    private final DeclarationCheck declarations;
    private final Map<Long, String> pids;
    private final Optional<Path> baseDir;

    ProcessActionCheck(References refs, DeclarationCheck declarations, Map<Long, String> pids, Optional<Path> baseDir) {
        this.refs = refs;
        this.findings = refs.findings();
        this.world = refs.world();
        this.declarations = declarations;
        this.pids = pids;
        this.baseDir = baseDir;
    }

    void check(ProcessAction action, String time) {
        String p = action.process().text();
        if (action instanceof Fork fork) {
            fork(fork);
        } else if (action instanceof Exec exec) {
            refs.file(exec.path(), time);
            world.replaceRegions(p, EXEC_REGIONS);
        } else if (action instanceof ProcessAction.Exit exit) {
            exit.code().ifPresent(code -> findings.range(code, "an exit code", 0, 255));
        } else if (action instanceof Mmap mmap) {
            mmap(mmap, time);
        } else if (action instanceof ProcessAction.Malloc malloc) {
            refs.length(malloc.size(), "an allocation");
            malloc.name().ifPresent(name -> world.bind(p, name.text()));
        } else if (action instanceof ProcessAction.Mremap mremap) {
            refs.region(p, mremap.region(), time);
            refs.length(mremap.newLength(), "a new length");
        } else if (action instanceof ProcessAction.Madvise madvise) {
            refs.region(p, madvise.region(), time);
            findings.oneOf("madvise advice", madvise.advice(), Vocabulary.MADVISE);
        } else if (action instanceof ProcessAction.Write write) {
            refs.region(p, write.region(), time);
            notEmpty(write.data());
        } else if (action instanceof ProcessAction.Read read) {
            refs.region(p, read.region(), time);
            access(read.access());
        } else if (action instanceof ProcessAction.Execute execute) {
            refs.region(p, execute.region(), time);
            access(execute.access());
        } else {
            checkFileOrRegion(action, p, time);
        }
    }

    /** The actions on a region alone, and those on files. */
    private void checkFileOrRegion(ProcessAction action, String p, String time) {
        if (action instanceof ProcessAction.Munmap a) {
            refs.region(p, a.region(), time);
        } else if (action instanceof ProcessAction.Mprotect a) {
            refs.region(p, a.region(), time);
        } else if (action instanceof ProcessAction.Mlock a) {
            refs.region(p, a.region(), time);
        } else if (action instanceof ProcessAction.Munlock a) {
            refs.region(p, a.region(), time);
        } else if (action instanceof ProcessAction.Free a) {
            refs.region(p, a.region(), time);
        } else if (action instanceof ProcessAction.Touch a) {
            refs.region(p, a.region(), time);
        } else if (action instanceof ProcessAction.FileRead read) {
            fileRead(read, time);
        } else if (action instanceof ProcessAction.FileWrite write) {
            write.size().ifPresent(size -> findings.positive(size, "a write", Findings.ONE_TB, "1 TB"));
            write.data().ifPresent(this::notEmpty);
            write.offset().ifPresent(offset -> {
                if (offset.bytes() < 0) {
                    findings.error(offset.span(), "an offset cannot be negative ('" + offset.text() + "')");
                }
            });
            world.createFile(write.path().value(), write.span());
        } else if (action instanceof ProcessAction.Fsync fsync) {
            refs.file(fsync.path(), time);
        } else if (action instanceof ProcessAction.Fadvise fadvise) {
            refs.file(fadvise.path(), time);
            findings.oneOf("fadvise advice", fadvise.advice(), Vocabulary.FADVISE);
        } else if (action instanceof ProcessAction.Replay replay) {
            replay(replay.path());
        }
    }

    private void fork(Fork fork) {
        declarations.checkName(fork.child());
        String child = fork.child().text();
        if (world.everProcesses().contains(child)) {
            findings.error(fork.child().span(), "a process named '" + child + "' already exists (created on line "
                    + world.createdAt(child).line() + ")");
            return;
        }
        fork.pid().ifPresent(pid -> {
            declarations.checkPid(pid);
            String owner = pids.putIfAbsent(pid.value(), child);
            if (owner != null) {
                findings.error(pid.span(), "pid " + pid.text() + " is already " + owner + "'s");
            }
        });
        world.createProcess(child, fork.child().span());
        world.copyRegions(fork.process().text(), child);
    }

    private void mmap(Mmap mmap, String time) {
        mmap.file().ifPresent(file -> refs.file(file, time));
        refs.length(mmap.length(), "a mapping");
        mmap.offset().ifPresent(offset -> {
            if (offset.bytes() < 0) {
                findings.error(offset.span(), "an offset cannot be negative ('" + offset.text() + "')");
            }
            if (mmap.file().isEmpty()) {
                findings.error(offset.span(), "an anonymous mapping has no file offset");
            }
        });
        world.bind(mmap.process().text(), mmap.name().text());
    }

    private void fileRead(ProcessAction.FileRead read, String time) {
        refs.file(read.path(), time);
        if (read.access() instanceof FileAccess.Range range) {
            findings.positive(range.length(), "a read", Findings.ONE_TB, "1 TB");
            range.offset().ifPresent(offset -> refs.fileOffset(read.path(), offset));
        } else if (read.access() instanceof FileAccess.Random random) {
            findings.atLeastOne(random.times(), "a count");
        }
    }

    private void access(Access access) {
        if (access instanceof Access.Sequential sequential) {
            sequential.length().ifPresent(length -> refs.length(length, "a length"));
        } else if (access instanceof Access.Random random) {
            findings.atLeastOne(random.times(), "a count");
        } else if (access instanceof Access.Stride stride) {
            refs.length(stride.stride(), "a stride");
        } else if (access instanceof Access.Repeated repeated) {
            findings.atLeastOne(repeated.times(), "a count");
        }
    }

    private void notEmpty(StringLit data) {
        if (data.value().isEmpty()) {
            findings.error(data.span(), "nothing to write: the string is empty");
        }
    }

    /** A trace lies inside the scenario's folder tree, named relative to the scenario file. */
    private void replay(StringLit path) {
        String text = path.value();
        Path relative = Path.of(text).normalize();
        if (text.startsWith("/") || Path.of(text).isAbsolute() || relative.startsWith("..") || text.isEmpty()) {
            findings.error(path.span(), "a trace is named relative to the scenario's folder and stays inside it: \""
                    + text + "\"");
            return;
        }
        baseDir.ifPresent(dir -> {
            if (!Files.isRegularFile(dir.resolve(relative))) {
                findings.error(path.span(), "no trace file \"" + text + "\" next to the scenario");
            }
        });
    }
}
