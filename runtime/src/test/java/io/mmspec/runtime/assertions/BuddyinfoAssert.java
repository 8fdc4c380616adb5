package io.mmspec.runtime.assertions;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import org.assertj.core.api.AbstractAssert;

/** Assertions on /proc/buddyinfo: free blocks per zone and order, or the whole text. */
public final class BuddyinfoAssert extends AbstractAssert<BuddyinfoAssert, Machine> {

    BuddyinfoAssert(Machine actual) {
        super(actual, BuddyinfoAssert.class);
    }

    /** {@code zone}'s free list of {@code order} holds {@code count} blocks (the buddyinfo column). */
    public BuddyinfoAssert hasFreeBlocks(ZoneType zone, int order, long count) {
        if (order < 0 || order >= PageAllocator.NR_PAGE_ORDERS) {
            throw new IllegalArgumentException("no order " + order + " (0.." + PageAllocator.MAX_PAGE_ORDER + ")");
        }
        long observed = actual.pageAllocator().zone(zone).freeBlocks(order);
        if (observed != count) {
            failWithMessage("expected zone %s to have %d free blocks of order %d but had %d; buddyinfo:%n%s",
                    zone.kernelName(), count, order, observed, actual.proc().buddyinfo());
        }
        return this;
    }

    /** The text is {@code expected}, line by line; runs of spaces compare as one. */
    public BuddyinfoAssert hasText(String expected) {
        String observed = actual.proc().buddyinfo();
        if (!normalise(observed).equals(normalise(expected))) {
            failWithMessage("expected buddyinfo to be%n%s%nbut was%n%s", expected.strip(), observed.stripTrailing());
        }
        return this;
    }

    private static String normalise(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.strip().split("\n")) {
            if (!line.isBlank()) {
                out.append(line.strip().replaceAll("\\s+", " ")).append('\n');
            }
        }
        return out.toString();
    }
}
