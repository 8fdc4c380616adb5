package io.mmspec.runtime.task;

import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.slub.KmemCache;
import io.mmspec.runtime.mm.slub.SlabAllocator;
import io.mmspec.runtime.mm.slub.SlabFlag;
import io.mmspec.runtime.mm.vmalloc.Vmalloc;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's kernel memory, from the allocators the kernel takes it from. Mirrors kernel/fork.c:
 * fork_init() and proc_caches_init() (the task_struct, mm_struct caches), dup_task_struct()
 * (alloc_task_struct_node(), alloc_thread_stack_node() with CONFIG_VMAP_STACK: a THREAD_SIZE
 * vmalloc area with its guard page, reused from the per-CPU cached_stacks when one is there),
 * free_task() / free_thread_stack(), mm_alloc() / __mmdrop(), and mm/vma_init.c's
 * vm_area_struct cache with vm_area_alloc() / vm_area_free() for each VMA.
 *
 * <p>Object sizes depend on the build. These are those of a typical 6.x x86-64 distribution
 * kernel: task_struct 12376 bytes (arch_task_struct_size with the AVX-512 FPU state, as
 * slabinfo shows it on such a machine: 2 objects per order-3 slab), mm_struct 1344 bytes
 * (struct mm_struct plus the cpumask and mm_cid areas), vm_area_struct 176 bytes. task_struct
 * and mm_struct are usercopy caches and vm_area_struct is SLAB_TYPESAFE_BY_RCU: none of them
 * is ever merged (slab_unmergeable()).
 *
 * <p>Not modelled: the other caches copy_process() uses (signal_cache, sighand_cache, cred_jar,
 * files_cache, pid, anon_vma...). The vm_area_struct objects follow the VMA count when
 * {@link #sync(Task)} runs (after fork, exec and each mm system call), not inside every split
 * and merge.
 */
public final class TaskMemory implements TaskKernelMemory {
    /** The caches fork_init(), proc_caches_init() and vma_init() create at boot. */
    public static final java.util.List<String> CACHE_NAMES = java.util.List.of("task_struct", "mm_struct",
            "vm_area_struct");
    /** THREAD_SIZE on x86-64 (PAGE_SIZE &lt;&lt; THREAD_SIZE_ORDER 2): 16 KiB. */
    public static final long THREAD_SIZE = 16 << 10;
    /** kernel/fork.c: NR_CACHED_STACKS, freed stacks kept per CPU for the next fork. */
    static final int NR_CACHED_STACKS = 2;
    static final long TASK_STRUCT_SIZE = 12376;
    static final long MM_STRUCT_SIZE = 1344;
    static final long VM_AREA_STRUCT_SIZE = 176;
    /** L1_CACHE_BYTES, ARCH_MIN_TASKALIGN's floor in fork_init(). */
    private static final long L1_CACHE_BYTES = 64;
    /** THREADINFO_GFP: GFP_KERNEL_ACCOUNT | __GFP_ZERO. */
    private static final Gfp THREADINFO_GFP = Gfp.GFP_KERNEL_ACCOUNT.or(Gfp.__GFP_ZERO);

    private final SlabAllocator slab;
    private final Vmalloc vmalloc;
    private final KmemCache taskStruct;
    private final KmemCache mmStruct;
    private final KmemCache vmAreaStruct;
    private final Deque<Long>[] cachedStacks;
    private final Map<Task, Held> held = new LinkedHashMap<>();
    private long liveStacks;
    private java.util.function.IntSupplier currentCpu = () -> -1;

    /** What one task holds: addresses of its objects, and the mm they describe. */
    private static final class Held {
        long taskStruct;
        long stack;
        int cpu;
        MmStruct mm;
        long mmStruct;
        final Deque<Long> vmas = new ArrayDeque<>();
    }

    @SuppressWarnings("unchecked")
    public TaskMemory(SlabAllocator slab, Vmalloc vmalloc, int cpus) {
        this.slab = slab;
        this.vmalloc = vmalloc;
        this.taskStruct = slab.createCache("task_struct", TASK_STRUCT_SIZE, L1_CACHE_BYTES,
                EnumSet.of(SlabFlag.SLAB_PANIC, SlabFlag.SLAB_ACCOUNT, SlabFlag.SLAB_NO_MERGE));
        this.mmStruct = slab.createCache("mm_struct", MM_STRUCT_SIZE, 0, EnumSet.of(SlabFlag.SLAB_HWCACHE_ALIGN,
                SlabFlag.SLAB_PANIC, SlabFlag.SLAB_ACCOUNT, SlabFlag.SLAB_NO_MERGE));
        this.vmAreaStruct = slab.createCache("vm_area_struct", VM_AREA_STRUCT_SIZE, 0,
                EnumSet.of(SlabFlag.SLAB_HWCACHE_ALIGN, SlabFlag.SLAB_PANIC, SlabFlag.SLAB_TYPESAFE_BY_RCU,
                        SlabFlag.SLAB_ACCOUNT));
        this.cachedStacks = new Deque[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            cachedStacks[cpu] = new ArrayDeque<>();
        }
    }

    /**
     * The CPU the calling code runs on: the kernel allocates and frees on the CPU that runs it
     * (fork's dup_task_struct() on the parent's, exit's free_task() on the dying task's), so the
     * objects come from and go to that CPU's slab and stack cache. Without a machine telling,
     * the task's own CPU.
     */
    public void setCurrentCpu(java.util.function.IntSupplier cpu) {
        this.currentCpu = cpu;
    }

    private int cpu(Held h) {
        int cpu = currentCpu.getAsInt();
        return cpu >= 0 && cpu < cachedStacks.length ? cpu : h.cpu;
    }

    @Override
    public void allocate(Task task) {
        Held h = new Held();
        h.cpu = task.cpu();
        int cpu = cpu(h);
        h.taskStruct = slab.alloc(taskStruct, Gfp.GFP_KERNEL, cpu);
        if (h.taskStruct == 0) {
            throw new SyscallException(Errno.ENOMEM, "fork: no memory for a task_struct");
        }
        h.stack = allocThreadStack(cpu);
        if (h.stack == 0) {
            slab.free(taskStruct, h.taskStruct, cpu);
            throw new SyscallException(Errno.ENOMEM, "fork: no memory for a kernel stack");
        }
        liveStacks++;
        held.put(task, h);
        sync(task);
    }

    /** alloc_thread_stack_node(): a cached stack of this CPU, else a new vmalloc area. */
    private long allocThreadStack(int cpu) {
        Long cached = cachedStacks[cpu].pollFirst();
        if (cached != null) {
            return cached;
        }
        return vmalloc.vmalloc(THREAD_SIZE, THREADINFO_GFP, "copy_process");
    }

    /** free_thread_stack(): into this CPU's cache when it has room, else vfree(). */
    private void freeThreadStack(long stack, int cpu) {
        if (cachedStacks[cpu].size() < NR_CACHED_STACKS) {
            cachedStacks[cpu].addLast(stack);
        } else {
            vmalloc.vfree(stack);
        }
    }

    @Override
    public void sync(Task task) {
        Held h = held.get(task);
        if (h == null) {
            return;
        }
        if (h.mm != task.mm()) {
            dropMm(h);
            if (task.mm() != null) {
                h.mmStruct = slab.alloc(mmStruct, Gfp.GFP_KERNEL, cpu(h));
                if (h.mmStruct == 0) {
                    throw new SyscallException(Errno.ENOMEM, "no memory for an mm_struct");
                }
                h.mm = task.mm();
            }
        }
        int want = h.mm == null ? 0 : h.mm.mapCount();
        while (h.vmas.size() > want) {
            slab.free(vmAreaStruct, h.vmas.pollLast(), cpu(h));
        }
        while (h.vmas.size() < want) {
            long vma = slab.alloc(vmAreaStruct, Gfp.GFP_KERNEL, cpu(h));
            if (vma == 0) {
                throw new SyscallException(Errno.ENOMEM, "no memory for a vm_area_struct");
            }
            h.vmas.addLast(vma);
        }
    }

    private void dropMm(Held h) {
        while (!h.vmas.isEmpty()) {
            slab.free(vmAreaStruct, h.vmas.pollLast(), cpu(h));
        }
        if (h.mmStruct != 0) {
            slab.free(mmStruct, h.mmStruct, cpu(h));
        }
        h.mmStruct = 0;
        h.mm = null;
    }

    @Override
    public void release(Task task) {
        Held h = held.remove(task);
        if (h == null) {
            return;
        }
        dropMm(h);
        freeThreadStack(h.stack, cpu(h));
        liveStacks--;
        slab.free(taskStruct, h.taskStruct, cpu(h));
    }

    /** NR_KERNEL_STACK_KB: THREAD_SIZE for every task holding a stack (cached stacks do not count). */
    public long kernelStackKb() {
        return liveStacks * (THREAD_SIZE >>> 10);
    }

    /** Tasks holding kernel memory now. */
    public int tasks() {
        return held.size();
    }

    /** Each task holds one task_struct and stack, and an mm_struct exactly when it has an mm. */
    public void checkInvariants() {
        if (liveStacks != held.size()) {
            throw new IllegalStateException("invariant violated: " + liveStacks + " kernel stacks for "
                    + held.size() + " tasks");
        }
        for (Map.Entry<Task, Held> e : held.entrySet()) {
            Held h = e.getValue();
            if ((h.mm == null) != (h.mmStruct == 0) || h.mm == null && !h.vmas.isEmpty()) {
                throw new IllegalStateException("invariant violated: " + e.getKey()
                        + " holds vm_area_structs or an mm_struct without an mm");
            }
            if (vmalloc.translate(h.stack).isEmpty()) {
                throw new IllegalStateException("invariant violated: the kernel stack of " + e.getKey()
                        + " is not mapped");
            }
        }
    }
}
