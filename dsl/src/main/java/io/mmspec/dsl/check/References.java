package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Count;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Region;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.StringLit;
import java.util.List;
import java.util.Map;

/**
 * Checks the names an action uses against the {@link World} as it is when the action runs,
 * deferring those that do not exist yet, and the values shared by many actions (regions'
 * offsets, NUMA nodes, GFP flags).
 */
final class References {

    private final Findings findings;
    private final World world;
    private final long numaNodes;
    private final Map<String, Long> declaredFileSizes;
    private final List<String> writtenFiles;

    References(Findings findings, World world, long numaNodes, Map<String, Long> declaredFileSizes,
               List<String> writtenFiles) {
        this.findings = findings;
        this.world = world;
        this.numaNodes = numaNodes;
        this.declaredFileSizes = declaredFileSizes;
        this.writtenFiles = writtenFiles;
    }

    Findings findings() {
        return findings;
    }

    World world() {
        return world;
    }

    /** True when the process exists now; otherwise the name is deferred. */
    boolean process(Name name, String time) {
        if (world.processExists(name.text())) {
            return true;
        }
        world.defer("process", null, name, time);
        return false;
    }

    /** A region of a process that exists: its name must be bound now; offsets must make sense. */
    void region(String process, Region region, String time) {
        Name name = region.nameOrNull();
        if (name != null && !world.regionBound(process, name.text())) {
            world.defer("region", process, name, time);
        }
        offsets(region);
    }

    void offsets(Region region) {
        if (region instanceof Region.Offset offset && offset.offset().bytes() < 0) {
            findings.error(offset.offset().span(), "an offset cannot be negative ('" + offset.offset().text() + "')");
        }
        if (region instanceof Region.Slice slice) {
            if (slice.from().bytes() < 0) {
                findings.error(slice.from().span(), "an offset cannot be negative ('" + slice.from().text() + "')");
            }
            if (slice.to().bytes() <= slice.from().bytes()) {
                findings.error(slice.span(), "an empty or backwards range: [" + slice.from().text() + " .. "
                        + slice.to().text() + "] (ranges are half-open: the end comes after the start)");
            }
        }
    }

    /** True when the file exists now (declared, or written by an earlier action). */
    boolean file(StringLit path, String time) {
        if (world.fileExists(path.value())) {
            return true;
        }
        world.defer("file", null, new Name(path.value(), path.span()), time);
        return false;
    }

    /**
     * An offset into a file that is only read: past the declared end, a read finds nothing.
     * Files some action writes may grow, so they are not judged here.
     */
    void fileOffset(StringLit path, Size offset) {
        if (offset.bytes() < 0) {
            findings.error(offset.span(), "an offset cannot be negative ('" + offset.text() + "')");
            return;
        }
        Long size = declaredFileSizes.get(path.value());
        if (size != null && !writtenFiles.contains(path.value()) && offset.bytes() >= size) {
            findings.error(offset.span(), "the offset " + offset.text() + " is beyond the end of \"" + path.value()
                    + "\" (" + SizeText.of(size) + ")");
        }
    }

    /** A kernel object that must exist now and have been allocated by {@code expected}. */
    void kernelObject(Name name, World.KernelKind expected, String time) {
        World.KernelKind kind = world.kernelObject(name.text());
        if (kind == null) {
            world.defer("kernel object", null, name, time);
        } else if (expected != null && kind != expected) {
            findings.error(name.span(), "'" + name.text() + "' was allocated by " + kind.allocator
                    + "; free it with '" + kind.freer + "'");
        }
    }

    void cache(StringLit cache, String time) {
        if (!world.cacheExists(cache.value())) {
            world.defer("cache", null, new Name(cache.value(), cache.span()), time);
        }
    }

    void node(Count node) {
        if (node.value() < 0 || node.value() >= numaNodes) {
            findings.error(node.span(), "node " + node.text() + " does not exist: the machine has " + numaNodes
                    + (numaNodes == 1 ? " node (node 0)" : " nodes (0 to " + (numaNodes - 1) + ")"));
        }
    }

    void gfp(List<Name> flags) {
        for (Name flag : flags) {
            findings.oneOf("GFP flag", flag, Vocabulary.GFP);
        }
    }

    /** A size an action works on: more than 0 and within the user address space. */
    void length(Size size, String what) {
        findings.positive(size, what, Findings.USER_SPACE, "128 TB (the user address space)");
    }
}
