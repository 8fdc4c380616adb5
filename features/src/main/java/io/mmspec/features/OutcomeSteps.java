package io.mmspec.features;

import io.cucumber.java.en.Then;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Time;
import io.mmspec.dsl.run.ExpectationResult;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.assertions.MmAssertions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Then steps about outcomes. Each is a predicate of the scenario language
 * ({@code "chrome" is OOM-killed} is {@code chrome killed by oom}), decided by the language's
 * predicates on the machine at the end of the run, or at a time written in front
 * ({@code Then at 5 ms, "p" has 3 VMAs}: the expectation {@code expect at 5 ms:}); a failure says
 * what was observed.
 */
public final class OutcomeSteps {
    private final World world;

    public OutcomeSteps(World world) {
        this.world = world;
    }

    /** Expectations written in the language; timed ones ({@code expect at 2 ms:}) are decided during a run. */
    @Then("these expectations hold:")
    public void theseExpectationsHold(String expectations) {
        List<ExpectationResult> verdicts = world.expect(Fragments.expectations(expectations));
        List<ExpectationResult> failed = verdicts.stream().filter(v -> !v.passed()).toList();
        if (!failed.isEmpty()) {
            throw new AssertionError(failed.size() + " of " + verdicts.size() + " expectations do not hold:\n"
                    + failed.stream().map(v -> "  " + v.text() + "\n      " + v.message())
                    .collect(Collectors.joining("\n")));
        }
    }

    @Then("{at}{process} is alive")
    public void alive(Optional<Time> at, String process) {
        world.require(at, process + " alive");
    }

    @Then("{at}{process} is OOM-killed")
    public void oomKilled(Optional<Time> at, String process) {
        world.require(at, process + " killed by oom");
    }

    /** Killed by a signal: SIGSEGV, SIGBUS, SIGKILL. */
    @Then("{at}{process} is killed by {word}")
    public void killedBy(Optional<Time> at, String process, String signal) {
        world.require(at, process + " killed by " + signal);
    }

    /** Killed by a signal whose faulting address lies in a region. */
    @Then("{at}{process} is killed by {word} at {region}")
    public void killedByAt(Optional<Time> at, String process, String signal, String region) {
        world.require(at, process + " killed by " + signal + " at " + region);
    }

    @Then("{at}{process} has exited")
    public void exited(Optional<Time> at, String process) {
        world.require(at, process + " exited");
    }

    /** Faults counted in the task's min_flt (/proc/PID/stat), by the runtime's assertions. */
    @Then("{at}{process} has {long} minor fault(s)")
    public void minorFaults(Optional<Time> at, String process, long faults) {
        MmAssertions.assertThat(machine(at)).process(process).hasMinorFaults(faults);
    }

    /** Faults counted in the task's maj_flt: those that needed I/O. */
    @Then("{at}{process} has {long} major fault(s)")
    public void majorFaults(Optional<Time> at, String process, long faults) {
        MmAssertions.assertThat(machine(at)).process(process).hasMajorFaults(faults);
    }

    /** VmRSS of /proc/PID/status. */
    @Then("{at}the RSS of {process} is {size}")
    public void rss(Optional<Time> at, String process, Size rss) {
        world.require(at, process + ".rss == " + rss);
    }

    /** The lines of /proc/PID/maps. */
    @Then("{at}{process} has {long} VMA(s)")
    public void vmas(Optional<Time> at, String process, long vmas) {
        world.require(at, process + ".vmas == " + vmas);
    }

    /** Every page of the region resident, swapped, unmapped, or mapped by huge pages. */
    @Then("{at}{region} of {process} is {word}")
    public void regionIs(Optional<Time> at, String region, String process, String state) {
        world.require(at, region + " of " + process + " is " + state);
    }

    @Then("{at}{region} of {process} has {long} VMA(s)")
    public void regionVmas(Optional<Time> at, String region, String process, long vmas) {
        world.require(at, region + " of " + process + " has " + vmas + " vmas");
    }

    /** The bytes at the region are the string's (peeked, never faulted in). */
    @Then("{at}{process} reads {string} at {region}")
    public void readsBack(Optional<Time> at, String process, String data, String region) {
        world.require(at, process + " reads " + Language.quote(data) + " at " + region);
    }

    /** The file's bytes at the offset, wherever they are (page cache or disk). */
    @Then("{at}the file {string} holds {string} at {size}")
    public void fileHolds(Optional<Time> at, String path, String data, Size offset) {
        world.require(at, "file " + Language.quote(path) + " holds " + Language.quote(data) + " at " + offset);
    }

    /** A /proc/vmstat counter. */
    @Then("{at}vmstat {word} is {long}")
    public void vmstat(Optional<Time> at, String counter, long value) {
        world.require(at, "vmstat." + counter + " == " + value);
    }

    /** A /proc/meminfo field. */
    @Then("{at}meminfo {word} is {size}")
    public void meminfo(Optional<Time> at, String field, Size value) {
        world.require(at, "meminfo." + field + " == " + value);
    }

    /** A zone's watermarks as /proc/zoneinfo prints them, in pages. */
    @Then("{at}zone {string} has watermarks min {long}, low {long} and high {long} pages")
    public void zoneWatermarks(Optional<Time> at, String zone, long min, long low, long high) {
        String z = "zone " + Language.quote(zone);
        world.require(at, z + ".min == " + min + " pages");
        world.require(at, z + ".low == " + low + " pages");
        world.require(at, z + ".high == " + high + " pages");
    }

    /** NR_FREE_PAGES of a zone: buddy free pages, not those on per-CPU lists. */
    @Then("{at}zone {string} has {long} free pages")
    public void zoneFree(Optional<Time> at, String zone, long pages) {
        world.require(at, "zone " + Language.quote(zone) + ".free == " + pages + " pages");
    }

    @Then("{at}the kernel log contains {string}")
    public void dmesgContains(Optional<Time> at, String text) {
        world.require(at, "dmesg contains " + Language.quote(text));
    }

    /** The action of the last When step ran without an error. */
    @Then("{at}the action succeeded")
    public void lastActionSucceeded(Optional<Time> at) {
        world.require(at, "action " + Language.quote(world.lastActionLabel()) + " succeeded");
    }

    /** The action of the last When step failed with this errno (ENOMEM, EACCES, EFAULT). */
    @Then("{at}the action failed with {word}")
    public void lastActionFailed(Optional<Time> at, String errno) {
        world.require(at, "action " + Language.quote(world.lastActionLabel()) + " failed with " + errno);
    }

    /**
     * The TLB counters of the CPU the process runs on (a process stays on one CPU; the first
     * process created runs on CPU 0, the next on CPU 1, and so on).
     */
    @Then("{at}{process} has {long} TLB hit(s) and {long} TLB miss(es)")
    public void tlb(Optional<Time> at, String process, long hits, long misses) {
        world.require(at, process + ".tlb.hits == " + hits);
        world.require(at, process + ".tlb.misses == " + misses);
    }

    /** A labelled action's system call returned without error. */
    @Then("{at}the action {string} succeeded")
    public void actionSucceeded(Optional<Time> at, String label) {
        world.require(at, "action " + Language.quote(label) + " succeeded");
    }

    @Then("{at}the action {string} failed with {word}")
    public void actionFailed(Optional<Time> at, String label, String errno) {
        world.require(at, "action " + Language.quote(label) + " failed with " + errno);
    }

    private Machine machine(Optional<Time> at) {
        return at.map(t -> world.machineAt(t.nanos())).orElseGet(world::machine);
    }
}
