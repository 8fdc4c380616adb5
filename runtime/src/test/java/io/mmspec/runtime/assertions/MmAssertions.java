package io.mmspec.runtime.assertions;

import io.mmspec.runtime.Machine;

/**
 * Entry point of mmspec's own AssertJ assertions on a simulated machine:
 *
 * <pre>
 * assertThat(machine).process("chrome").hasMinorFaults(2560).hasAnonRss(10 &lt;&lt; 20);
 * assertThat(machine).hasVmstat("thp_fault_alloc", 5).satisfiesInvariants();
 * </pre>
 *
 * Every assertion reads the state the way a person would (/proc, the task's counters, the
 * page tables without faulting) and says in its failure what it observed.
 */
public final class MmAssertions {
    private MmAssertions() {
    }

    public static MachineAssert assertThat(Machine machine) {
        return new MachineAssert(machine);
    }
}
