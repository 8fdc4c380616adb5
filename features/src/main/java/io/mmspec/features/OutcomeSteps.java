package io.mmspec.features;

import io.cucumber.java.en.Then;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.run.ExpectationResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Then steps about outcomes. Each is a predicate of the scenario language
 * ({@code "chrome" is OOM-killed} is {@code chrome killed by oom}), decided by the language's
 * predicates on the machine at the end of the run; a failure says what was observed.
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

    @Then("{process} is alive")
    public void alive(String process) {
        world.require(process + " alive");
    }

    @Then("{process} is OOM-killed")
    public void oomKilled(String process) {
        world.require(process + " killed by oom");
    }

    /** Killed by a signal: SIGSEGV, SIGBUS, SIGKILL. */
    @Then("{process} is killed by {word}")
    public void killedBy(String process, String signal) {
        world.require(process + " killed by " + signal);
    }

    /** Killed by a signal whose faulting address lies in a region. */
    @Then("{process} is killed by {word} at {region}")
    public void killedByAt(String process, String signal, String region) {
        world.require(process + " killed by " + signal + " at " + region);
    }

    @Then("{process} has exited")
    public void exited(String process) {
        world.require(process + " exited");
    }

    /** Faults counted in the task's min_flt (/proc/PID/stat). */
    @Then("{process} has {long} minor fault(s)")
    public void minorFaults(String process, long faults) {
        world.require(process + ".faults.minor == " + faults);
    }

    /** Faults counted in the task's maj_flt: those that needed I/O. */
    @Then("{process} has {long} major fault(s)")
    public void majorFaults(String process, long faults) {
        world.require(process + ".faults.major == " + faults);
    }

    /** VmRSS of /proc/PID/status. */
    @Then("the RSS of {process} is {size}")
    public void rss(String process, Size rss) {
        world.require(process + ".rss == " + rss);
    }

    /** The lines of /proc/PID/maps. */
    @Then("{process} has {long} VMA(s)")
    public void vmas(String process, long vmas) {
        world.require(process + ".vmas == " + vmas);
    }

    /** Every page of the region resident, swapped, unmapped, or mapped by huge pages. */
    @Then("{region} of {process} is {word}")
    public void regionIs(String region, String process, String state) {
        world.require(region + " of " + process + " is " + state);
    }

    @Then("{region} of {process} has {long} VMA(s)")
    public void regionVmas(String region, String process, long vmas) {
        world.require(region + " of " + process + " has " + vmas + " vmas");
    }

    /** The bytes at the region are the string's (peeked, never faulted in). */
    @Then("{process} reads {string} at {region}")
    public void readsBack(String process, String data, String region) {
        world.require(process + " reads " + Language.quote(data) + " at " + region);
    }

    /** A /proc/vmstat counter. */
    @Then("vmstat {word} is {long}")
    public void vmstat(String counter, long value) {
        world.require("vmstat." + counter + " == " + value);
    }

    /** A /proc/meminfo field. */
    @Then("meminfo {word} is {size}")
    public void meminfo(String field, Size value) {
        world.require("meminfo." + field + " == " + value);
    }

    /** A zone's watermarks as /proc/zoneinfo prints them, in pages. */
    @Then("zone {string} has watermarks min {long}, low {long} and high {long} pages")
    public void zoneWatermarks(String zone, long min, long low, long high) {
        String z = "zone " + Language.quote(zone);
        world.require(z + ".min == " + min + " pages");
        world.require(z + ".low == " + low + " pages");
        world.require(z + ".high == " + high + " pages");
    }

    /** NR_FREE_PAGES of a zone: buddy free pages, not those on per-CPU lists. */
    @Then("zone {string} has {long} free pages")
    public void zoneFree(String zone, long pages) {
        world.require("zone " + Language.quote(zone) + ".free == " + pages + " pages");
    }

    @Then("the kernel log contains {string}")
    public void dmesgContains(String text) {
        world.require("dmesg contains " + Language.quote(text));
    }

    /** The action of the last When step ran without an error. */
    @Then("the action succeeded")
    public void lastActionSucceeded() {
        world.require("action " + Language.quote(world.lastActionLabel()) + " succeeded");
    }

    /** The action of the last When step failed with this errno (ENOMEM, EACCES, EFAULT). */
    @Then("the action failed with {word}")
    public void lastActionFailed(String errno) {
        world.require("action " + Language.quote(world.lastActionLabel()) + " failed with " + errno);
    }

    /**
     * The TLB counters of the CPU the process runs on (a process stays on one CPU; the first
     * process created runs on CPU 0, the next on CPU 1, and so on).
     */
    @Then("{process} has {long} TLB hit(s) and {long} TLB miss(es)")
    public void tlb(String process, long hits, long misses) {
        world.require(process + ".tlb.hits == " + hits);
        world.require(process + ".tlb.misses == " + misses);
    }

    /** A labelled action's system call returned without error. */
    @Then("the action {string} succeeded")
    public void actionSucceeded(String label) {
        world.require("action " + Language.quote(label) + " succeeded");
    }

    @Then("the action {string} failed with {word}")
    public void actionFailed(String label, String errno) {
        world.require("action " + Language.quote(label) + " failed with " + errno);
    }
}
