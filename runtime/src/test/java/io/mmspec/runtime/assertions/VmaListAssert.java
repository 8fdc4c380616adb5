package io.mmspec.runtime.assertions;

import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.task.Task;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a process's VMAs; failures draw the address space ({@link AddressSpaceDrawing}). */
public final class VmaListAssert extends AbstractAssert<VmaListAssert, List<Vma>> {
    private final Task task;

    VmaListAssert(Task task, List<Vma> actual) {
        super(actual, VmaListAssert.class);
        this.task = task;
    }

    public VmaListAssert hasSize(int count) {
        if (actual.size() != count) {
            failWithMessage("expected %s to have %d VMAs but had %d:%n%s", task.comm(), count, actual.size(),
                    indent(AddressSpaceDrawing.draw(task)));
        }
        return this;
    }

    /** The VMAs are drawn as {@code drawing} (short or long form per line, see {@link AddressSpaceDrawing}). */
    public VmaListAssert hasAddressSpace(String drawing) {
        List<AddressSpaceDrawing.Expected> expected = AddressSpaceDrawing.parse(drawing);
        List<AddressSpaceDrawing.Line> observed = AddressSpaceDrawing.lines(task);
        if (!AddressSpaceDrawing.matches(observed, expected)) {
            StringBuilder want = new StringBuilder();
            for (String line : drawing.strip().split("\n")) {
                if (!line.isBlank()) {
                    want.append(line.strip()).append('\n');
                }
            }
            failWithMessage("expected the address space of %s to be%n%sbut it was%n%s", task.comm(),
                    indent(want.toString()), indent(AddressSpaceDrawing.drawLike(observed, expected)));
        }
        return this;
    }

    private static String indent(String lines) {
        if (lines.isEmpty()) {
            return "  (no VMA)\n";
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines.split("\n")) {
            out.append("  ").append(line).append('\n');
        }
        return out.toString();
    }
}
