package io.mmspec.dsl.run;

import java.util.List;
import java.util.Map;

/**
 * Everything a run produced, for the reporters.
 *
 * @param scenario     the scenario's name
 * @param file         the file it came from
 * @param seed         the seed it ran with
 * @param expectations one verdict per expectation, in source order
 * @param processes    every process, in creation order
 * @param vmstat       the final /proc/vmstat, in the kernel's order
 * @param meminfo      the final /proc/meminfo in kB (counts for HugePages_*), in order
 * @param dmesg        the kernel log lines as dmesg prints them
 * @param simulatedNs  simulated time when the run ended
 * @param events       simulation events processed
 * @param limit        the limit that stopped the run, or null if it ran to the end
 */
public record RunResult(String scenario, String file, long seed, List<ExpectationResult> expectations,
                        List<ProcessSummary> processes, Map<String, Long> vmstat,
                        Map<String, Long> meminfo, List<String> dmesg, long simulatedNs,
                        long events, String limit) {

    public RunResult {
        expectations = List.copyOf(expectations);
        processes = List.copyOf(processes);
        vmstat = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vmstat));
        meminfo = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(meminfo));
        dmesg = List.copyOf(dmesg);
    }

    /** True when every expectation holds and no limit stopped the run. */
    public boolean passed() {
        return limit == null && expectations.stream().allMatch(ExpectationResult::passed);
    }

    public int points() {
        return expectations.stream().mapToInt(ExpectationResult::points).sum();
    }

    public int maxPoints() {
        return expectations.stream().mapToInt(ExpectationResult::maxPoints).sum();
    }
}
