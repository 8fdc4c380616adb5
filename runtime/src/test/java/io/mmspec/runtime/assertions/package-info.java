/**
 * mmspec's own AssertJ assertions on a simulated {@link io.mmspec.runtime.Machine}, published
 * in the runtime's test-jar for the features and dsl tests. {@link
 * io.mmspec.runtime.assertions.MmAssertions#assertThat(io.mmspec.runtime.Machine)} is the entry;
 * each assertion reads what a person could read on a real machine (/proc, the task's counters,
 * memory peeked without faulting) and fails with what it observed. The address-space drawing
 * format is {@link io.mmspec.runtime.assertions.AddressSpaceDrawing}'s.
 */
package io.mmspec.runtime.assertions;
