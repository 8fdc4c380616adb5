package io.mmspec.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.CheckedMachine;
import io.mmspec.runtime.mm.slub.KmemCache;
import io.mmspec.runtime.mm.slub.SlubStat;
import org.junit.jupiter.api.Test;

/**
 * fork's dup_task_struct() runs in the parent, so the child's task_struct comes from the slab of
 * the parent's CPU, even though the child will run on another CPU.
 */
class TaskMemoryCpuTest {
    @Test
    void theChildsTaskStructIsAllocatedOnTheParentsCpu() {
        CheckedMachine c = CheckedMachine.boot(64, 2, b -> b);
        c.spawn("first", 100);
        Task parent = c.spawn("parent", 101);
        KmemCache taskStruct = c.machine().slab().cache("task_struct").orElseThrow();
        int parentCpu = parent.cpu();
        long before = allocs(taskStruct, parentCpu);
        long otherBefore = allocs(taskStruct, 1 - parentCpu);

        Task child = c.step(() -> c.sys().fork(parent, "child", 0));

        assertThat(child.cpu()).as("the child runs elsewhere").isNotEqualTo(parentCpu);
        assertThat(allocs(taskStruct, parentCpu)).isEqualTo(before + 1);
        assertThat(allocs(taskStruct, child.cpu())).isEqualTo(otherBefore);
    }

    private static long allocs(KmemCache cache, int cpu) {
        return cache.statOnCpu(SlubStat.ALLOC_FASTPATH, cpu) + cache.statOnCpu(SlubStat.ALLOC_SLOWPATH, cpu);
    }
}
