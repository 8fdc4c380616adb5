package io.mmspec.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.mmspec.dsl.ast.Time;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.arch.Walk;
import io.mmspec.runtime.assertions.MmAssertions;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.task.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Then steps that show what a person would look at: the address space drawn VMA by VMA,
 * /proc/buddyinfo, /proc/PID/maps, and the page-table walk of an address. Each may look at a
 * moment of the run ({@code Then at 1.5 ms, /proc/buddyinfo shows:}); without one, at its end.
 * Text is compared line by line with runs of blanks counted as one.
 */
public final class KernelViewSteps {
    private final World world;

    public KernelViewSteps(World world) {
        this.world = world;
    }

    /**
     * The VMAs of the process, one a line, as the runtime's assertions draw them
     * ({@link io.mmspec.runtime.assertions.AddressSpaceDrawing}):
     * {@code 0x7f0000001000-0x7f0000002000 rw-p buf}, or without the end.
     */
    @Then("{at}the address space of {process} is:")
    public void addressSpace(Optional<Time> at, String process, String drawing) {
        MmAssertions.assertThat(machine(at)).process(process).hasAddressSpace(drawing);
    }

    /**
     * /proc/buddyinfo: free blocks per order (0..10), one line per populated zone. Only the
     * zones the doc string lists are compared, so a scenario about DMA need not spell out Normal.
     */
    @Then("{at}\\/proc\\/buddyinfo shows:")
    public void buddyinfo(Optional<Time> at, String expected) {
        String actual = machine(at).proc().buddyinfo();
        Map<String, String> byZone = new LinkedHashMap<>();
        Text.normalize(actual).lines().forEach(line -> byZone.put(zoneOf(line), line));
        StringBuilder shown = new StringBuilder();
        Text.normalize(expected).lines().forEach(line ->
                shown.append(byZone.getOrDefault(zoneOf(line), zoneOf(line) + " (no such zone)")).append('\n'));
        assertThat(shown.toString()).as("/proc/buddyinfo%s is:%n%s", when(at), actual)
                .isEqualTo(Text.normalize(expected));
    }

    /** "Node 0, zone DMA": the first four words of a buddyinfo line. */
    private static String zoneOf(String line) {
        String[] words = line.split(" ");
        return String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(4, words.length)));
    }

    /** /proc/PID/maps of the process, as fs/proc/task_mmu.c prints it. */
    @Then("{at}\\/proc\\/PID\\/maps of {process} shows:")
    public void maps(Optional<Time> at, String process, String expected) {
        Machine machine = machine(at);
        compare("/proc/PID/maps of " + process + when(at), machine.proc().maps(world.task(machine, process)), expected);
    }

    /**
     * The indices the MMU cuts from the address, as the page walk reads them:
     * {@code PML4[0] PDPT[0] PD[2] PT[0] offset 0x000}.
     */
    @Then("{at}the page walk of {region} in {process} goes through {string}")
    public void pageWalk(Optional<Time> at, String address, String process, String indices) {
        Walk walk = walk(at, address, process);
        String actual = walk.indices().substring(walk.indices().indexOf("→") + 1).strip();
        assertThat(actual).as("the page walk of %s in %s%s:%n%s", address, process, when(at), walk.describe())
                .isEqualTo(indices);
    }

    /** How many paging-structure entries the walk reads: 4 down to a 4 KB page, 3 to a 2 MB page. */
    @Then("{at}the page walk of {region} in {process} reads {int} table entry/entries")
    public void pageWalkLevels(Optional<Time> at, String address, String process, int levels) {
        Walk walk = walk(at, address, process);
        assertThat(walk.levelsRead()).as("table entries read by the page walk of %s in %s%s:%n%s", address,
                process, when(at), walk.describe()).isEqualTo(levels);
    }

    /** Where the region the scenario named starts (the address mmap or malloc returned). */
    @Then("{at}{word} of {process} starts at {address}")
    public void regionStart(Optional<Time> at, String region, String process, Long address) {
        long start = start(machine(at), region, process);
        assertThat(start).as("the start of %s of %s%s: 0x%x", region, process, when(at), start).isEqualTo(address);
    }

    /** The region starts within [low, high]: where a randomised address may land. */
    @Then("{word} of {process} starts between {address} and {address}")
    public void regionStartBetween(String region, String process, Long low, Long high) {
        long start = start(world.machine(), region, process);
        assertThat(start).as("the start of %s of %s: 0x%x", region, process, start).isBetween(low, high);
    }

    /** Two runs that differ only in their seed put the region at two different addresses. */
    @Then("{word} of {process} starts at different addresses with seeds {int} and {int}")
    public void regionMovesWithSeed(String region, String process, int seed1, int seed2) {
        long first = start(seeded(seed1), region, process);
        long second = start(seeded(seed2), region, process);
        assertThat(first).as("the start of %s of %s with seed %d (0x%x) and with seed %d (0x%x)", region, process,
                seed1, first, seed2, second).isNotEqualTo(second);
    }

    private Machine seeded(int seed) {
        Runs.Run run = world.runWithSeed(seed);
        run.requireFinished();
        return run.machine();
    }

    private long start(Machine machine, String region, String process) {
        Task task = world.task(machine, process);
        return task.region(region).orElseThrow(() -> new AssertionError(process + " has no region " + region
                + "; it has " + task.regions().keySet())).start();
    }

    /** The walk of an address (0x400000) or of the first byte of a region (buf). */
    private Walk walk(Optional<Time> at, String where, String process) {
        Machine machine = machine(at);
        Task task = world.task(machine, process);
        if (task.mm() == null) {
            throw new AssertionError(process + " has no address space" + when(at));
        }
        long address = where.startsWith("0x") ? Long.parseUnsignedLong(where.substring(2), 16)
                : start(machine, where, process);
        return MmOps.context(task.mm()).pageTable().walk(address);
    }

    private Machine machine(Optional<Time> at) {
        return at.map(t -> world.machineAt(t.nanos())).orElseGet(world::machine);
    }

    private static String when(Optional<Time> at) {
        return at.map(t -> " at " + t.text()).orElse(" at the end");
    }

    private static void compare(String what, String actual, String expected) {
        assertThat(Text.normalize(actual)).as("%s is:%n%s", what, actual)
                .isEqualTo(Text.normalize(expected));
    }
}
