package io.mmspec.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.CheckedMachine;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import org.junit.jupiter.api.Test;

/**
 * A fork whose task_struct or kernel stack cannot be allocated fails with ENOMEM after the
 * address space was already copied (dup_mmap() runs first here): the copy is torn down again
 * (copy_process()'s bad_fork_cleanup_mm), so no page table, no extra mapcount and no task
 * is left behind.
 */
class ForkFailureTest {
    private static final int PROT_RW = 3;

    @Test
    void aForkThatCannotGetItsTaskStructLeavesNothingBehind() {
        CheckedMachine c = CheckedMachine.boot(64, 1, b -> b);
        Task parent = c.spawn("parent", 100);
        long buf = c.mmapAnon(parent, 0, 64 * 4096L, PROT_RW);
        c.writeEachPage(parent, buf, 64 * 4096L, 7);
        long free = c.freePagesWithPcp();
        int tasks = c.machine().tasks().all().size();
        c.machine().tasks().setKernelMemory(new TaskKernelMemory() {
            @Override
            public void allocate(Task task) {
                throw new SyscallException(Errno.ENOMEM, "dup_task_struct: no memory");
            }

            @Override
            public void sync(Task task) {
            }

            @Override
            public void release(Task task) {
            }
        });

        assertThatThrownBy(() -> c.sys().fork(parent, "child", 0)).isInstanceOf(SyscallException.class);

        assertThat(c.machine().tasks().all()).hasSize(tasks);
        assertThat(c.freePagesWithPcp()).as("the child's page tables are freed again").isEqualTo(free);
        for (int i = 0; i < 64; i++) {
            long pfn = io.mmspec.runtime.arch.Pte.pfn(io.mmspec.runtime.mm.memory.MmOps.context(parent.mm())
                    .pageTable().pte(buf + i * 4096L));
            assertThat(c.machine().pageAllocator().memMap().mapcount(pfn)).as("page %d", i).isEqualTo(1);
        }
        c.machine().checkInvariants();
    }
}
