package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Region;
import io.mmspec.runtime.task.Task;

/**
 * A region of the scenario to an address range of a process: a name is the whole range it was
 * bound to, {@code name + OFF} one byte at that offset, {@code name[A .. B]} the half-open range,
 * a hex number that address.
 */
final class RegionResolver {
    private RegionResolver() {
    }

    /** The range, as {start, length}; throws if the name was never bound. */
    static long[] resolve(Task task, Region region) {
        if (region instanceof Region.At at) {
            return new long[] {at.address().value(), 1};
        }
        String name = region.nameOrNull().text();
        io.mmspec.runtime.task.Region bound = task.region(name).orElseThrow(() ->
                new IllegalStateException("region '" + name + "' of " + task.comm()
                        + " is not bound (its mapping failed or has not happened yet)"));
        if (region instanceof Region.Offset offset) {
            return new long[] {bound.start() + offset.offset().bytes(), 1};
        }
        if (region instanceof Region.Slice slice) {
            long from = slice.from().bytes();
            return new long[] {bound.start() + from, slice.to().bytes() - from};
        }
        return new long[] {bound.start(), bound.length()};
    }
}
