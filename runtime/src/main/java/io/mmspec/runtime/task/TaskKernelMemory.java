package io.mmspec.runtime.task;

/**
 * The kernel memory a task holds besides its user pages: its task_struct, its kernel stack,
 * its mm_struct and one vm_area_struct per VMA. {@link TaskList} and {@link Exit} call these at
 * copy_process(), exec and exit time; {@link #NONE} keeps none (for tests of other mechanisms).
 */
public interface TaskKernelMemory {
    /** dup_task_struct() and mm_alloc(): throws SyscallException(ENOMEM) when it cannot. */
    void allocate(Task task);

    /** Brings the task's mm_struct and vm_area_struct objects in line with its address space. */
    void sync(Task task);

    /** free_task() and mmdrop(): everything the task held. */
    void release(Task task);

    /** Keeps no kernel memory. */
    TaskKernelMemory NONE = new TaskKernelMemory() {
        @Override
        public void allocate(Task task) {
        }

        @Override
        public void sync(Task task) {
        }

        @Override
        public void release(Task task) {
        }
    };
}
