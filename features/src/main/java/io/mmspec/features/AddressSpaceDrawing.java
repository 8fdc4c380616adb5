package io.mmspec.features;

import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.ProcMaps;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.task.Region;
import io.mmspec.runtime.task.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A process's address space drawn one VMA a line, the way tools/testing/vma draws it before it
 * asserts: the range and permissions as /proc/PID/maps prints them, the names the scenario gave
 * the regions that lie in the VMA, then the name /proc/PID/maps shows, if any (a file,
 * {@code [heap]}, {@code [stack]}).
 *
 * <pre>
 * 00400000-03600000 r-xp text /usr/bin/firefox
 * 10000000-10001000 rw-p a
 * 10001000-10002000 r--p a
 * 10002000-10006000 rw-p a b
 * 7ffffffde000-7ffffffff000 rw-p stack [stack]
 * </pre>
 */
public final class AddressSpaceDrawing {
    private AddressSpaceDrawing() {
    }

    /** The drawing, one line per VMA in address order, each ending in a newline; empty without an mm. */
    public static String draw(Task task) {
        MmStruct mm = task.mm();
        if (mm == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Vma vma : mm.vmas()) {
            out.append(String.format("%08x-%08x %s", vma.start(), vma.end(), VmFlags.permissions(vma.flags())));
            for (String name : List.of(names(task, vma), mapsName(mm, vma))) {
                if (!name.isEmpty()) {
                    out.append(' ').append(name);
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The regions of the scenario that overlap the VMA, by address, then name. */
    private static String names(Task task, Vma vma) {
        List<Map.Entry<String, Region>> overlapping = new ArrayList<>();
        for (Map.Entry<String, Region> entry : task.regions().entrySet()) {
            Region region = entry.getValue();
            if (region.start() < vma.end() && region.end() > vma.start()) {
                overlapping.add(entry);
            }
        }
        overlapping.sort(Comparator.comparingLong((Map.Entry<String, Region> e) -> e.getValue().start())
                .thenComparing(Map.Entry::getKey));
        return String.join(" ", overlapping.stream().map(Map.Entry::getKey).toList());
    }

    /** The sixth field of the VMA's /proc/PID/maps line, or nothing. */
    private static String mapsName(MmStruct mm, Vma vma) {
        String[] fields = ProcMaps.line(mm, vma).strip().split("\\s+", 6);
        return fields.length == 6 ? fields[5] : "";
    }

    /** Lines stripped of surrounding blanks, runs of blanks made one, empty lines dropped: for comparing drawings. */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().map(line -> line.strip().replaceAll("\\s+", " ")).filter(line -> !line.isEmpty())
                .forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
