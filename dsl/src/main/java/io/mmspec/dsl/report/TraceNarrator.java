package io.mmspec.dsl.report;

import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.TraceEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Tells the timeline the way the seed's Firefox journey does: one line per thing the kernel
 * did, with the time, the task, and the path it took ("page fault at 0x400000, file-backed read
 * -> page cache miss -> order-0 page -> disk read 10 ms -> mapped r-x"). A run of faults of the
 * same kind by the same task is told once, with its count and address range; kernel log lines
 * are told where they were printed.
 */
public final class TraceNarrator {
    private TraceNarrator() {
    }

    /** Something to tell at a time besides trace events and log lines (a failed action). */
    public record Note(long timeNs, String text) {
    }

    public static List<String> narrate(List<TraceEvent> allEvents, List<KernelLog.Line> log) {
        return narrate(allEvents, log, List.of());
    }

    /** The narration with {@code notes} told in their place in time. */
    public static List<String> narrate(List<TraceEvent> allEvents, List<KernelLog.Line> kernelLog, List<Note> notes) {
        List<KernelLog.Line> log = new ArrayList<>(kernelLog);
        for (Note note : notes) {
            log.add(new KernelLog.Line(note.timeNs(), KernelLog.Level.INFO, "\u0000" + note.text()));
        }
        log.sort(java.util.Comparator.comparingLong(KernelLog.Line::time));
        // a page-cache miss is told as part of the fault (or read) that caused it
        List<TraceEvent> events = allEvents.stream().filter(e -> e.kind() != EventKind.PAGE_CACHE_MISS).toList();
        List<String> out = new ArrayList<>();
        int logIndex = 0;
        int i = 0;
        while (i < events.size()) {
            TraceEvent first = events.get(i);
            while (logIndex < log.size() && log.get(logIndex).time() <= first.time()) {
                out.add(logLine(log.get(logIndex++)));
            }
            int j = i + 1;
            while (j < events.size() && sameRun(first, events.get(j)) && events.get(j).time() >= first.time()) {
                j++;
            }
            out.add(j - i > 1 ? runLine(events.subList(i, j)) : line(first));
            i = j;
        }
        while (logIndex < log.size()) {
            out.add(logLine(log.get(logIndex++)));
        }
        return collapseRepeats(out);
    }

    /** The same line several times in a row (same time, same words) is told once, with a count. */
    private static List<String> collapseRepeats(List<String> lines) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int j = i + 1;
            while (j < lines.size() && lines.get(j).equals(lines.get(i))) {
                j++;
            }
            out.add(j - i > 1 ? lines.get(i) + " (" + (j - i) + " times)" : lines.get(i));
            i = j;
        }
        return out;
    }

    static String time(long ns) {
        BigDecimal seconds = BigDecimal.valueOf(ns / 1000, 6).stripTrailingZeros(); // to the microsecond
        if (seconds.scale() < 3) {
            seconds = seconds.setScale(3);
        }
        return "T=" + seconds.toPlainString() + "s";
    }

    private static boolean sameRun(TraceEvent a, TraceEvent b) {
        if (a.kind() == EventKind.SWAP_OUT) {
            return b.kind() == EventKind.SWAP_OUT && a.pid() == b.pid() && a.longField("type") == b.longField("type");
        }
        return a.kind() == EventKind.PAGE_FAULT && b.kind() == EventKind.PAGE_FAULT && a.pid() == b.pid()
                && Objects.equals(a.field("kind"), b.field("kind")) && Objects.equals(a.field("cache"), b.field("cache"))
                && Objects.equals(a.field("result"), b.field("result")) && Objects.equals(a.field("access"), b.field("access"));
    }

    private static String who(TraceEvent e) {
        return time(e.time()) + " " + e.comm() + ": ";
    }

    private static String line(TraceEvent e) {
        return who(e) + switch (e.kind()) {
            case PAGE_FAULT -> "page fault at " + hex(e.longField("address")) + ", " + faultPath(e);
            case MMAP -> "mmap " + size(e.longField("length")) + " " + e.stringField("prot")
                    + (e.stringField("file").isEmpty() ? " anonymous" : " of " + e.stringField("file"))
                    + " at " + hex(e.longField("address")) + " (a VMA, no memory yet)";
            case MUNMAP -> "munmap " + size(e.longField("length")) + " at " + hex(e.longField("address"));
            case MREMAP -> "mremap " + hex(e.longField("old")) + " -> " + hex(e.longField("new"))
                    + ", " + size(e.longField("length"));
            case MPROTECT -> "mprotect " + hex(e.longField("start")) + "-" + hex(e.longField("end")) + " "
                    + e.stringField("prot") + ": " + e.longField("pages") + " pages rewritten, TLB flushed, "
                    + e.longField("ipis") + " shootdown IPI" + (e.longField("ipis") == 1 ? "" : "s");
            case MADVISE -> "madvise " + size(e.longField("length")) + " at " + hex(e.longField("address"))
                    + " " + e.stringField("advice").toUpperCase(Locale.ROOT);
            case MLOCK -> "mlock " + size(e.longField("length")) + " at " + hex(e.longField("address"));
            case FORK -> "fork -> " + e.stringField("child") + " (pid " + e.longField("child_pid")
                    + "): VMAs copied, anonymous pages shared copy-on-write";
            case EXEC -> "execve " + e.stringField("file") + ": text, data, bss, heap and stack mapped, "
                    + "entry " + hex(e.longField("entry")) + ", nothing loaded yet";
            case EXIT -> e.stringField("state") + " (exit status " + e.longField("code") + ")";
            case OOM_KILL -> "chosen by the OOM killer (badness " + e.longField("points") + " points, "
                    + size(e.longField("anon_rss") << 10) + " anonymous) for " + e.stringField("invoked_by")
                    + "'s order-" + e.longField("order") + " allocation; SIGKILL, its memory goes to the reaper";
            case OOM_REAP -> "oom_reaper: " + e.longField("freed") + " pages freed (" + e.longField("reaped")
                    + " unmapped), the allocation waiting for them retries";
            case SIGNAL -> e.stringField("signal") + " at " + hex(e.longField("address")) + ": " + e.stringField("cause");
            case MIGRATE -> "page migrated pfn " + e.longField("from_pfn") + " -> " + e.longField("to_pfn")
                    + ", " + e.longField("ptes") + " PTE(s) rewritten, TLBs flushed";
            case WRITEBACK -> "writeback (" + e.stringField("reason") + ") " + e.stringField("file") + " pages "
                    + e.longField("index") + ".." + (e.longField("index") + Math.max(1, e.longField("pages")) - 1)
                    + " -> one disk write, " + ms(e.longField("io_ns"));
            case READAHEAD -> (e.field("sync") instanceof Boolean sync && sync ? "readahead " : "async readahead ")
                    + e.stringField("file") + " pages " + e.longField("start") + ".."
                    + (e.longField("start") + e.longField("size") - 1) + " (" + e.longField("size")
                    + " pages, " + (e.longField("async_size") == 0 ? "no PG_readahead marker"
                    : "PG_readahead on page " + (e.longField("start") + e.longField("size") - e.longField("async_size")))
                    + ") in one disk request";
            case FSYNC -> "fsync " + e.stringField("file");
            case DROP_CACHES -> "drop_caches " + e.longField("what") + ": " + e.longField("pages") + " clean pages freed";
            case KSWAPD_WAKE -> "kswapd woken: an allocation found a zone below its low watermark (the node has "
                    + e.longField("free") + " free pages); it reclaims in the background until the zones are"
                    + " above their high watermarks";
            case KSWAPD_SLEEP -> "kswapd goes back to sleep: the zones are balanced again (the node has "
                    + e.longField("free") + " free pages)" + (e.longField("failures") > 0 ? ", or hopeless after "
                    + e.longField("failures") + " runs without progress" : "");
            case DIRECT_RECLAIM -> "direct reclaim: no free page above the min watermark for this order-"
                    + e.longField("order") + " allocation (" + e.stringField("gfp") + "), so the task reclaimed "
                    + e.longField("nr_reclaimed") + " pages itself, down to scan priority " + e.longField("priority");
            case SWAP_OUT -> "swap out: pfn " + e.longField("pfn") + " -> swap area " + e.longField("type")
                    + " slot " + e.longField("offset") + (e.field("zero") instanceof Boolean z && z
                    ? " (all zeros: marked, not written)" : " (write queued; freed once it completes)");
            case VMSCAN_THROTTLED -> "reclaim throttled (" + e.stringField("reason") + "): slept "
                    + ms(e.longField("usec_delayed") * 1000) + " of at most " + ms(e.longField("usec_timeout") * 1000);
            case SWAP_IN -> "swap in " + e.fields();
            default -> allocatorLine(e);
        };
    }

    /** The kernel allocators' events (slub.c, kmalloc, vmalloc.c), and whatever has no line of its own. */
    private static String allocatorLine(TraceEvent e) {
        return switch (e.kind()) {
            case KMALLOC -> "kmalloc(" + e.longField("bytes_req") + ", " + e.stringField("gfp_flags") + ") -> "
                    + e.longField("bytes_alloc") + "-byte object at " + hex(e.longField("ptr"))
                    + (e.longField("bytes_alloc") > 8192 ? " (compound pages from the buddy allocator)" : "");
            case KFREE -> "kfree(" + hex(e.longField("ptr")) + ")";
            case KMEM_CACHE_ALLOC -> "kmem_cache_alloc " + e.stringField("cache") + " -> " + hex(e.longField("ptr"));
            case KMEM_CACHE_FREE -> "kmem_cache_free " + e.stringField("cache") + " <- " + hex(e.longField("ptr"));
            case SLAB_ALLOC -> "new slab for " + e.stringField("cache") + ": order-" + e.longField("order")
                    + " pages at pfn " + e.longField("pfn") + ", " + e.longField("objects") + " objects";
            case SLAB_FREE -> "empty slab of " + e.stringField("cache") + " back to the buddy allocator (order-"
                    + e.longField("order") + " at pfn " + e.longField("pfn") + ")";
            case SLUB_REPORT -> "SLUB " + e.stringField("cache") + ": " + e.stringField("kind") + " at "
                    + hex(e.longField("addr"));
            case VMALLOC -> "vmalloc " + size(e.longField("size")) + " for " + e.stringField("caller") + ": "
                    + e.longField("pages") + " order-" + e.longField("order") + " pages from the buddy allocator, "
                    + "mapped at " + hex(e.longField("addr")) + " with a guard page after";
            case VFREE -> "vfree " + hex(e.longField("addr")) + ": " + e.longField("pages") + " pages freed, "
                    + "unmapped, TLB flush deferred (" + e.longField("lazy") + " lazy pages)";
            case VMAP_PURGE -> "lazy vmap purge: " + e.longField("areas") + " areas, " + e.longField("pages")
                    + " pages, one TLB flush over " + hex(e.longField("start")) + "-" + hex(e.longField("end"));
            case OOPS -> "oops: kernel page fault at " + hex(e.longField("address")) + " (not present)";
            default -> e.kind().eventName() + " " + e.fields();
        };
    }

    private static String runLine(List<TraceEvent> run) {
        TraceEvent first = run.get(0);
        TraceEvent last = run.get(run.size() - 1);
        if (first.kind() == EventKind.SWAP_OUT) {
            long zeros = run.stream().filter(e -> e.field("zero") instanceof Boolean z && z).count();
            return who(first) + run.size() + " inactive anonymous pages, unreferenced since their last scan,"
                    + " swapped out to swap area " + first.longField("type") + " slots " + first.longField("offset")
                    + ".." + last.longField("offset") + " (until " + time(last.time()).substring(2) + "): "
                    + (run.size() - zeros) + " written (one request per batch, freed when it completes), "
                    + zeros + " all-zero pages only marked";
        }
        long io = run.stream().mapToLong(e -> e.longField("io_ns")).sum();
        return who(first) + run.size() + " page faults " + hex(first.longField("address")) + " .. "
                + hex(last.longField("address")) + " (until " + time(last.time()).substring(2) + "), each "
                + faultPath(first) + (io > 0 ? "; " + ms(io) + " of disk reads in all" : "");
    }

    private static String faultPath(TraceEvent e) {
        String result = e.stringField("result");
        if (!result.equals("ok")) {
            return e.stringField("access") + " -> " + result;
        }
        String kind = e.stringField("kind");
        StringBuilder path = new StringBuilder();
        switch (kind) {
            case "file_read", "file_cow", "file_shared_write" -> {
                path.append("file-backed ").append(e.stringField("access"));
                path.append(" -> page cache ").append(e.stringField("cache"));
                if ("miss".equals(e.stringField("cache"))) {
                    path.append(" -> order-0 page -> disk read ").append(ms(e.longField("io_ns")));
                }
                if (kind.equals("file_cow")) {
                    path.append(" -> copied to a private page");
                }
            }
            case "anon_zero_page" -> path.append("read of untouched anonymous memory -> shared zero page");
            case "anon_new_page" -> path.append("write to untouched anonymous memory -> order-0 page, zeroed");
            case "thp_new_page" -> path.append("aligned 2 MB range -> order-9 page (THP), zeroed");
            case "thp_zero_page" -> path.append("read of an aligned 2 MB range -> huge zero page");
            case "cow_copy" -> path.append("write to a shared page -> copy on write");
            case "cow_zero" -> path.append("write to the zero page -> order-0 page, zeroed");
            case "wp_reuse" -> path.append("write to a page it alone maps -> reused, no copy");
            case "wp_shared" -> path.append("write to a shared file mapping -> page dirtied");
            default -> path.append(kind);
        }
        String prot = e.stringField("prot");
        return path.append(" -> mapped ").append(prot.length() > 3 ? prot.substring(0, 3) : prot).toString();
    }

    private static String logLine(KernelLog.Line line) {
        if (line.text().startsWith("\u0000")) {
            return time(line.time()) + " " + line.text().substring(1);
        }
        return time(line.time()) + " kernel: " + line.text();
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static String ms(long ns) {
        BigDecimal ms = BigDecimal.valueOf(ns / 1000, 3).stripTrailingZeros(); // to the microsecond
        return ms.toPlainString() + " ms";
    }

    private static String size(long bytes) {
        return io.mmspec.dsl.run.Sizes.describe(bytes);
    }
}
