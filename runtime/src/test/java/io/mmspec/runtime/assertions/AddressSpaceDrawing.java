package io.mmspec.runtime.assertions;

import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.ProcMaps;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.task.Region;
import io.mmspec.runtime.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A process's address space drawn one line per VMA, in address order, the way tests and
 * features write it (a /proc/PID/maps line cut down to what a reader compares):
 *
 * <pre>
 * 0x7f0000001000 rw-p buf                      short form: start, permissions, name
 * 0x7f0000002000-0x7f0000003000 r--p buf       long form: start-end, permissions, name
 * 0x7f0000003000 rw-p
 * </pre>
 *
 * <ul>
 *   <li>Addresses are hexadecimal with {@code 0x}, in lower case without padding when drawn;
 *       an expected drawing may pad them ({@code 0x00007f0000001000} reads the same).</li>
 *   <li>Permissions are the four characters of /proc/PID/maps ({@code r-xp}, {@code rw-s}).</li>
 *   <li>The name is the process's region (its {@code bind}) that contains the VMA's start:
 *       the innermost one (latest start, then shortest) if several do; otherwise the name
 *       /proc/PID/maps gives (the file's path, {@code [heap]}, {@code [stack]},
 *       {@code [anon:NAME]}); otherwise nothing.</li>
 *   <li>An expected line may use either form; the end is compared only where it is written.
 *       Blank lines and the spaces around and between columns do not matter.</li>
 * </ul>
 */
public final class AddressSpaceDrawing {
    private AddressSpaceDrawing() {
    }

    /** One VMA as a drawing line: where it starts and ends, its permissions, its name ("" if none). */
    public record Line(long start, long end, String permissions, String name) {
        /** The line in the short form ({@code 0x7f0000001000 rw-p buf}). */
        public String shortForm() {
            return join(String.format("0x%x", start), permissions, name);
        }

        /** The line in the long form ({@code 0x7f0000001000-0x7f0000002000 rw-p buf}). */
        public String longForm() {
            return join(String.format("0x%x-0x%x", start, end), permissions, name);
        }

        private static String join(String where, String permissions, String name) {
            return name.isEmpty() ? where + " " + permissions : where + " " + permissions + " " + name;
        }
    }

    /** An expected line: {@code end} is -1 when the short form was written. */
    record Expected(long start, long end, String permissions, String name) {
        boolean matches(Line actual) {
            return start == actual.start() && (end < 0 || end == actual.end())
                    && permissions.equals(actual.permissions()) && name.equals(actual.name());
        }
    }

    /** Every VMA of {@code task}, drawn; empty once the task has released its address space. */
    public static List<Line> lines(Task task) {
        List<Line> lines = new ArrayList<>();
        MmStruct mm = task.mm();
        if (mm == null) {
            return lines;
        }
        for (Vma vma : mm.vmas()) {
            lines.add(new Line(vma.start(), vma.end(), VmFlags.permissions(vma.flags()), name(task, mm, vma)));
        }
        return lines;
    }

    /** The whole drawing in the long form, one line per VMA, each ending in a newline. */
    public static String draw(Task task) {
        StringBuilder out = new StringBuilder();
        for (Line line : lines(task)) {
            out.append(line.longForm()).append('\n');
        }
        return out.toString();
    }

    /**
     * The actual drawing in the shape of the expected one: line i in the form expected line i
     * was written in (the last expected line's form past the end, the long form if none).
     */
    static String drawLike(List<Line> actual, List<Expected> expected) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < actual.size(); i++) {
            boolean shortForm = !expected.isEmpty() && expected.get(Math.min(i, expected.size() - 1)).end() < 0;
            out.append(shortForm ? actual.get(i).shortForm() : actual.get(i).longForm()).append('\n');
        }
        return out.toString();
    }

    static boolean matches(List<Line> actual, List<Expected> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!expected.get(i).matches(actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Parses an expected drawing; a line that is not {@code 0xSTART[-0xEND] PERMS [NAME]} is an error. */
    static List<Expected> parse(String drawing) {
        List<Expected> out = new ArrayList<>();
        for (String raw : drawing.split("\n")) {
            String text = raw.strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] columns = text.split("\\s+", 3);
            if (columns.length < 2 || !columns[1].matches("[r-][w-][x-][ps]")) {
                throw new IllegalArgumentException("not a drawing line (0xSTART[-0xEND] PERMS [NAME]): " + text);
            }
            String[] range = columns[0].split("-", 2);
            long start = address(range[0], text);
            long end = range.length == 2 ? address(range[1], text) : -1;
            out.add(new Expected(start, end, columns[1], columns.length == 3 ? columns[2].strip().replaceAll("\\s+", " ") : ""));
        }
        return out;
    }

    private static long address(String text, String line) {
        if (!text.startsWith("0x")) {
            throw new IllegalArgumentException("addresses are written 0x...: " + line);
        }
        return Long.parseUnsignedLong(text.substring(2), 16);
    }

    private static String name(Task task, MmStruct mm, Vma vma) {
        String best = null;
        Region bestRegion = null;
        for (Map.Entry<String, Region> entry : task.regions().entrySet()) {
            Region r = entry.getValue();
            boolean contains = r.start() <= vma.start() && vma.start() < Math.max(r.end(), r.start() + 1);
            if (contains && (bestRegion == null || r.start() > bestRegion.start()
                    || (r.start() == bestRegion.start() && r.length() < bestRegion.length()))) {
                best = entry.getKey();
                bestRegion = r;
            }
        }
        return best != null ? best : mapsName(mm, vma);
    }

    /** The name column of the /proc/PID/maps line (the sixth field), or "" if it has none. */
    private static String mapsName(MmStruct mm, Vma vma) {
        String[] fields = ProcMaps.line(mm, vma).strip().split("\\s+", 6);
        return fields.length == 6 ? fields[5] : "";
    }
}
