package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.FileDecl;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.ProcessDecl;
import io.mmspec.dsl.ast.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks the files and the processes declared before the timeline starts. */
final class DeclarationCheck {

    /** include/linux/threads.h: PID_MAX_LIMIT on 64-bit. */
    static final long PID_MAX_LIMIT = 4L * 1024 * 1024;

    private final Findings findings;

    DeclarationCheck(Findings findings) {
        this.findings = findings;
    }

    void checkFiles(List<FileDecl> files, List<String> disks) {
        Map<String, FileDecl> seen = new LinkedHashMap<>();
        for (FileDecl file : files) {
            String path = file.path().value();
            FileDecl first = seen.putIfAbsent(path, file);
            if (first != null) {
                findings.error(file.path().span(), "the file \"" + path + "\" is declared twice (first on line "
                        + first.span().line() + ")");
            }
            if (!path.startsWith("/")) {
                findings.error(file.path().span(), "a file path starts with '/': \"" + path + "\"");
            }
            file.disk().ifPresent(disk -> {
                if (!disks.contains(disk.text())) {
                    findings.unknown("disk", disk, disks);
                }
            });
            file.size().ifPresent(size -> checkFileSize(file, size));
            file.layout().ifPresent(layout -> checkLayout(file, layout));
        }
    }

    private void checkFileSize(FileDecl file, Size size) {
        if (size.bytes() < 0) {
            findings.error(size.span(), "a file's size cannot be negative ('" + size.text() + "')");
        } else if (size.bytes() > Findings.ONE_TB) {
            findings.error(size.span(), "a file of more than 1 TB is not supported ('" + size.text() + "')");
        }
        file.contents().ifPresent(contents -> {
            int length = contents.bytes().length;
            if (length > size.bytes()) {
                findings.error(contents.span(), "the contents (" + length + " bytes) do not fit in the file's size ("
                        + size.text() + ")");
            }
        });
    }

    /** text and data are stored in the file; bss is not (an ELF .bss takes no room in the file). */
    private void checkLayout(FileDecl file, FileDecl.Layout layout) {
        long stored = 0;
        for (Size section : List.of(layout.text(), layout.data(), layout.bss()).stream()
                .flatMap(java.util.Optional::stream).toList()) {
            if (section.bytes() <= 0) {
                findings.error(section.span(), "a section's size must be more than 0, not '" + section.text() + "'");
            }
        }
        stored += layout.text().map(Size::bytes).orElse(0L) + layout.data().map(Size::bytes).orElse(0L);
        long fileSize = fileSize(file);
        if (stored > fileSize) {
            findings.error(layout.span(), "text and data (" + SizeText.of(stored) + ") are larger than the file ("
                    + SizeText.of(fileSize) + "); bss takes no room in the file");
        }
        if (layout.text().isEmpty()) {
            findings.error(layout.span(), "an executable's layout needs a text section");
        }
    }

    /** The declared size, or the length of the contents, or 0. */
    static long fileSize(FileDecl file) {
        return file.size().map(Size::bytes)
                .orElse(file.contents().map(c -> (long) c.bytes().length).orElse(0L));
    }

    void checkProcesses(List<ProcessDecl> processes) {
        Map<String, ProcessDecl> names = new LinkedHashMap<>();
        Map<Long, ProcessDecl> pids = new LinkedHashMap<>();
        for (ProcessDecl process : processes) {
            checkName(process.name());
            ProcessDecl first = names.putIfAbsent(process.name().text(), process);
            if (first != null) {
                findings.error(process.name().span(), "the process '" + process.name().text()
                        + "' is declared twice (first on line " + first.span().line() + ")");
            }
            process.pid().ifPresent(pid -> {
                checkPid(pid);
                ProcessDecl other = pids.putIfAbsent(pid.value(), process);
                if (other != null) {
                    findings.error(pid.span(), "pid " + pid.text() + " is already " + other.name().text() + "'s");
                }
            });
            process.parent().ifPresent(parent -> {
                if (parent.text().equals(process.name().text())) {
                    findings.error(parent.span(), "a process cannot be its own parent");
                } else if (!names.containsKey(parent.text())) {
                    reportParent(parent, processes);
                }
            });
            process.uid().ifPresent(uid -> findings.range(uid, "a uid", 0, 4294967294L));
            process.oomScoreAdj().ifPresent(adj -> findings.range(adj, "oom_score_adj", -1000, 1000));
            process.nice().ifPresent(nice -> findings.range(nice, "nice", -20, 19));
            process.uses().ifPresent(uses -> findings.positive(uses, "uses", Findings.ONE_TB, "1 TB"));
        }
    }

    /** A parent must be declared before its child (declaration order is creation order). */
    private void reportParent(Name parent, List<ProcessDecl> processes) {
        List<String> all = processes.stream().map(p -> p.name().text()).toList();
        if (all.contains(parent.text())) {
            findings.error(parent.span(), "the parent '" + parent.text() + "' must be declared before its child");
        } else {
            findings.unknown("process", parent, all);
        }
    }

    void checkPid(io.mmspec.dsl.ast.Count pid) {
        findings.range(pid, "a pid", 1, PID_MAX_LIMIT);
    }

    /** Predicate heads cannot name a process: {@code event ...} would read two ways. */
    void checkName(Name name) {
        if (Vocabulary.FORBIDDEN_PROCESS_NAMES.contains(name.text())) {
            findings.error(name.span(), "a process cannot be named '" + name.text()
                    + "': the word starts a predicate (" + String.join(", ", Vocabulary.FORBIDDEN_PROCESS_NAMES) + ")");
        }
    }
}
