package io.mmspec.runtime;

import io.mmspec.runtime.mm.kmalloc.Kmalloc;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.mm.slub.SlabAllocator;
import io.mmspec.runtime.mm.slub.SlubConfig;
import io.mmspec.runtime.mm.vmalloc.Vmalloc;
import io.mmspec.runtime.mm.vmalloc.VmallocConfig;
import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.MmuConfig;
import io.mmspec.runtime.arch.PageTableAllocator;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.fs.RequestQueue;
import io.mmspec.runtime.fs.FileSystem;
import io.mmspec.runtime.mm.filemap.PageCache;
import io.mmspec.runtime.mm.memory.AnonFault;
import io.mmspec.runtime.mm.memory.CopyPageRange;
import io.mmspec.runtime.mm.memory.FaultHandler;
import io.mmspec.runtime.mm.memory.FileFault;
import io.mmspec.runtime.mm.memory.HugeAnonFault;
import io.mmspec.runtime.mm.memory.LruPages;
import io.mmspec.runtime.mm.memory.SwapPages;
import io.mmspec.runtime.mm.memory.Migrate;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.memory.Overcommit;
import io.mmspec.runtime.mm.memory.PageRefs;
import io.mmspec.runtime.mm.memory.Rmap;
import io.mmspec.runtime.mm.memory.WpFault;
import io.mmspec.runtime.mm.memory.Zap;
import io.mmspec.runtime.mm.memory.ZeroPages;
import io.mmspec.runtime.mm.mmap.Mmap;
import io.mmspec.runtime.mm.mmap.MmapConfig;
import io.mmspec.runtime.mm.mprotect.Mprotect;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageAllocConfig;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.WatermarkTriple;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.RandomStreams;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEventCounters;
import io.mmspec.runtime.task.Exec;
import io.mmspec.runtime.task.Exit;
import io.mmspec.runtime.task.Fork;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.task.TaskExecutor;
import io.mmspec.runtime.task.TaskList;
import io.mmspec.runtime.task.TaskMemory;
import io.mmspec.runtime.task.UserAccess;

/**
 * One simulated machine: the clock and the event queue, the CPUs' MMU, and every mm/
 * mechanism wired together as the kernel wires them at boot (start_kernel → mm_core_init).
 * Its public surface is what a scenario drives: {@link #syscalls()} for processes,
 * {@link #kernel()} for kernel actions, {@link #proc()} for what a person reads, and
 * {@link #checkInvariants()} for the tests.
 */
public final class Machine {
    private final MachineConfig config;
    private final SimClock clock = new SimClock();
    private final EventQueue queue = new EventQueue(clock);
    private final CostMeter meter = new CostMeter();
    private final Current current = new Current();
    private final VmEventCounters vmEvents = new VmEventCounters();
    private final KernelLog log = new KernelLog(clock);
    private final RandomStreams random;
    private final TaskList tasks;
    private final Trace trace;
    private final FileSystem fs = new FileSystem();
    private final PageAllocator allocator;
    private final Mmu mmu;
    private final SlabAllocator slab;
    private final Kmalloc kmalloc;
    private final Vmalloc vmalloc;
    private final TaskMemory taskMemory;
    private final PageCache pageCache;
    private final io.mmspec.runtime.mm.swap.Swap swap;
    private final io.mmspec.runtime.mm.vmscan.Vmscan vmscan;
    private final LruGlue lruGlue;
    private final io.mmspec.runtime.mm.filemap.FileIo fileIo;
    private final PageRefs refs;
    private final ZeroPages zeroPages;
    private final Overcommit overcommit;
    private final MmOps mmOps;
    private final Mmap mmap;
    private final FaultHandler faultHandler;
    private final Rmap rmap;
    private final Migrate migrate;
    private final Mprotect mprotect;
    private final Exit exit;
    private final Fork fork;
    private final Exec exec;
    private final UserAccess userAccess;
    private final TaskExecutor executor;
    private final io.mmspec.runtime.mm.oom.OomKiller oomKiller;
    private Task kernelThread;
    private final Syscalls syscalls;
    private final KernelCalls kernel;
    private final ProcFs proc;

    /** vm.stat_interval: vmstat_update() runs once a second (HZ). */
    private static final long VMSTAT_INTERVAL_NS = 1_000_000_000L;

    private Machine(MachineConfig config) {
        this.config = config;
        this.random = new RandomStreams(config.seed());
        this.tasks = new TaskList(config.cpus());
        this.trace = new Trace(clock, pid -> tasks.byPid(pid).map(t -> t.comm()).orElse("?"),
                Trace.DEFAULT_CAPACITY);
        for (BlockDevice disk : config.disks()) {
            fs.addDevice(disk);
        }
        this.allocator = new PageAllocator(pageAllocConfig(config));
        RequestQueue requests = new RequestQueue(); // the disks, shared by the page cache and swap
        allocator.setPcpDecayTimer(() -> queue.after(VMSTAT_INTERVAL_NS, allocator::vmstatUpdate));
        this.mmu = new Mmu(MmuConfig.defaults(config.cpus()));
        // mm_core_init(): kmem_cache_init() with the kmalloc caches, then vmalloc_init()
        this.slab = new SlabAllocator(allocator, SlubConfig.defaults(config.cpus()).withSlubDebug(config.slubDebug()),
                log, trace);
        slab.setTaskOfEvents(current::pid);
        this.kmalloc = new Kmalloc(slab, allocator);
        this.vmalloc = new Vmalloc(allocator, VmallocConfig.of(config.cpus()), mmu::flushTlbKernelRange, trace, log,
                current, pid -> pid == 0 ? "swapper/0" : tasks.byPid(pid).map(Task::comm).orElse("?"));
        this.taskMemory = new TaskMemory(slab, vmalloc, config.cpus());
        taskMemory.setCurrentCpu(current::cpu);
        tasks.setKernelMemory(taskMemory);
        PressureConfig pressure = config.pressure();
        this.pageCache = new PageCache(allocator, clock, queue, meter, vmEvents, trace,
                new io.mmspec.runtime.mm.filemap.DirtyConfig(pressure.dirtyBackgroundRatio(), 0,
                        pressure.dirtyRatio(), 0, (int) (pressure.dirtyWritebackNs() / 10_000_000L),
                        (int) (pressure.dirtyExpireNs() / 10_000_000L)), requests);
        this.fileIo = new io.mmspec.runtime.mm.filemap.FileIo(pageCache, allocator.memMap(), meter, config.costs());
        this.refs = new PageRefs(allocator, meter, config.costs());
        this.swap = new io.mmspec.runtime.mm.swap.Swap(refs, meter, vmEvents, trace, current, config.cpus(),
                clock, queue, requests);
        swap.setPageCluster(pressure.pageCluster());
        for (PressureConfig.SwapArea area : pressure.swaps()) {
            swap.swapon(area.disk(), area.bytes(), area.priority(), fs.device(area.disk()).orElseThrow(() ->
                    new IllegalArgumentException("swap on an unknown disk " + area.disk())));
        }
        this.zeroPages = new ZeroPages(allocator, vmEvents, 0);
        this.overcommit = new Overcommit(config.overcommit(), config.overcommitRatio(),
                allocator.totalramPages(), swap::totalSwapPages);
        Zap zap = new Zap(refs, zeroPages, pageCache, mmu, current);
        SwapPages swapPages = ReclaimLinks.swap(swap);
        zap.setSwap(swapPages);
        CopyPageRange copy = new CopyPageRange(refs, zeroPages, mmu, current);
        copy.setSwap(swapPages);
        this.mmOps = new MmOps(zap, copy, mmu, current, overcommit, tableAllocator());
        this.mmap = new Mmap(mmapConfig(config), mmOps);
        mmOps.setShmem(pageCache, mmap.fileRmap());
        HugeAnonFault hugePages = new HugeAnonFault(refs, zeroPages, vmEvents, config.thp(), mmu);
        mmOps.setHugePages(hugePages);
        this.faultHandler = new FaultHandler(mmap, vmEvents, trace, meter, config.costs(),
                new AnonFault(refs, zeroPages),
                hugePages,
                new FileFault(pageCache, refs, config.faultAroundBytes()),
                new WpFault(refs, zeroPages, pageCache, vmEvents, mmu));
        faultHandler.setSwap(swapPages);
        this.rmap = new Rmap(allocator.memMap(), mmap.fileRmap());
        this.migrate = new Migrate(allocator, rmap, pageCache, mmu, current, meter, config.costs(), vmEvents, trace);
        this.lruGlue = new LruGlue(current);
        LruGlue glue = lruGlue;
        this.vmscan = new io.mmspec.runtime.mm.vmscan.Vmscan(allocator, refs, rmap, mmu, swap, glue, queue, meter,
                config.costs(), vmEvents, trace, current, config.swappiness());
        glue.setLruvec(vmscan.lruvec());
        glue.setPageCache(pageCache);
        pageCache.setFileLru(glue);
        swap.setLru(vmscan.lruvec());
        LruPages lruPages = ReclaimLinks.lru(vmscan.lruvec());
        refs.setReclaim(lruPages, swapPages);
        migrate.setReclaim(lruPages, swapPages);
        this.mprotect = new Mprotect(mmap, mmu, current, trace,
                (mm, start, end, flags) -> hugePages.splitStraddling(mm, start, end, flags, current.cpu()));
        this.exit = new Exit(mmap, mmu, current, clock, trace, log);
        exit.setKernelMemory(taskMemory);
        this.fork = new Fork(tasks, mmap, mmOps, trace, exit);
        this.exec = new Exec(mmap, mmOps, exit, random, config.aslr(), trace);
        this.userAccess = new UserAccess(mmu, faultHandler, allocator.memMap(), meter, config.costs(), exit);
        this.oomKiller = new io.mmspec.runtime.mm.oom.OomKiller(tasks, exit, mmOps, queue, clock, current, log,
                trace, vmEvents, oomMemory());
        allocator.setReclaimHooks(new MachineReclaimHooks(this));
        userAccess.setOomState(() -> oomKiller.nextReapAt().isPresent());
        this.syscalls = new Syscalls(this);
        this.executor = new TaskExecutor(queue, clock, meter, syscalls::switchTo);
        this.kernel = new KernelCalls(this);
        this.proc = new ProcFs(this);
    }

    /** Boots a machine: memory handed to the buddy allocator, the zero page reserved, no tasks. */
    public static Machine boot(MachineConfig config) {
        return new Machine(config);
    }

    private static PageAllocConfig pageAllocConfig(MachineConfig c) {
        PageAllocConfig pa = PageAllocConfig.of(c.ramBytes() & ~0xfffL, c.cpus()).withThp(c.thp() != ThpMode.NEVER);
        if (c.minFreeKbytes() != null) {
            pa = pa.withMinFreeKbytes(c.minFreeKbytes());
        }
        if (c.watermarks() != null) {
            pa = pa.withWatermarks(new WatermarkTriple(c.watermarks().min(), c.watermarks().low(), c.watermarks().high()));
        }
        return pa;
    }

    private static MmapConfig mmapConfig(MachineConfig c) {
        return MmapConfig.defaults()
                .withMaxMapCount(c.maxMapCount())
                .withThpAlignment(c.thp() != ThpMode.NEVER)
                .withDenyWriteExec(c.denyWriteExec())
                .withRandomizeVaSpace(c.aslr() ? 2 : 0);
    }

    private io.mmspec.runtime.mm.oom.OomMemory oomMemory() {
        return new io.mmspec.runtime.mm.oom.OomMemory() {
            @Override
            public long totalramPages() {
                return allocator.totalramPages();
            }

            @Override
            public long totalSwapPages() {
                return swap.totalSwapPages();
            }

            @Override
            public io.mmspec.runtime.mm.oom.ShowMem showMem() {
                return io.mmspec.runtime.mm.oom.ShowMem.fromVmstat(proc.vmstat(), allocator.pcpPages());
            }
        };
    }

    /** Page-table pages come from the buddy allocator, zeroed, as pte_alloc_one() takes them. */
    private PageTableAllocator tableAllocator() {
        return new PageTableAllocator() {
            @Override
            public long allocTablePage() {
                long pfn = allocator.allocPages(0, Gfp.GFP_KERNEL.or(Gfp.__GFP_ZERO), current.cpu());
                if (pfn < 0) {
                    throw new UnsupportedOperationException("no memory for a page table: reclaim and the "
                            + "OOM killer (mm/vmscan.c, mm/oom_kill.c) arrive with the memory-pressure slice");
                }
                return pfn;
            }

            @Override
            public void freeTablePage(long pfn) {
                allocator.freePages(pfn, 0, current.cpu());
            }
        };
    }

    public MachineConfig config() { return config; }
    public SimClock clock() { return clock; }
    public EventQueue queue() { return queue; }
    public CostMeter meter() { return meter; }
    public Current current() { return current; }
    public VmEventCounters vmEvents() { return vmEvents; }
    public KernelLog log() { return log; }
    public Trace trace() { return trace; }
    public RandomStreams random() { return random; }
    public TaskList tasks() { return tasks; }
    public FileSystem fs() { return fs; }
    public PageAllocator pageAllocator() { return allocator; }
    public Mmu mmu() { return mmu; }
    /** SLUB: the kmem caches, /proc/slabinfo, Slab/SReclaimable/SUnreclaim. */
    public SlabAllocator slab() { return slab; }
    /** kmalloc() and kfree() over the kmalloc caches. */
    public Kmalloc kmalloc() { return kmalloc; }
    /** vmalloc(), vfree(), VmallocUsed and /proc/vmallocinfo. */
    public Vmalloc vmalloc() { return vmalloc; }
    /** Each task's task_struct, kernel stack, mm_struct and vm_area_structs. */
    public TaskMemory taskMemory() { return taskMemory; }
    public PageCache pageCache() { return pageCache; }
    public PageRefs pageRefs() { return refs; }
    public io.mmspec.runtime.mm.filemap.FileIo fileIo() { return fileIo; }
    public ZeroPages zeroPages() { return zeroPages; }
    public Overcommit overcommit() { return overcommit; }
    public MmOps mmOps() { return mmOps; }
    public Mmap mmap() { return mmap; }
    public FaultHandler faultHandler() { return faultHandler; }
    public Rmap rmap() { return rmap; }
    public Migrate migrate() { return migrate; }
    public Mprotect mprotect() { return mprotect; }
    public Exit exit() { return exit; }
    public Fork fork() { return fork; }
    public Exec exec() { return exec; }
    public UserAccess userAccess() { return userAccess; }
    public TaskExecutor executor() { return executor; }
    public io.mmspec.runtime.mm.oom.OomKiller oomKiller() { return oomKiller; }
    public io.mmspec.runtime.mm.swap.Swap swap() { return swap; }
    public io.mmspec.runtime.mm.vmscan.Vmscan vmscan() { return vmscan; }

    /**
     * Attaches another cache of file pages whose pages share the LRU lists and which reclaim
     * may drop (tests of reclaim use a minimal one instead of real files).
     */
    public void attachFileReclaim(io.mmspec.runtime.mm.vmscan.FileReclaim extra) {
        lruGlue.attach(extra);
    }

    /** The kernel thread that runs kernel work on a task's behalf (kthreadd), created on first use. */
    public Task kernelThread() {
        if (kernelThread == null) {
            kernelThread = syscalls.spawnKernelThread("kthreadd");
        }
        return kernelThread;
    }

    /** The system calls of processes. */
    public Syscalls syscalls() { return syscalls; }

    /** Kernel-side actions (alloc_pages, migration, drop_caches, ...). */
    public KernelCalls kernel() { return kernel; }

    /** The /proc views, computed from the state. */
    public ProcFs proc() { return proc; }

    /** Every mechanism's own consistency check, plus the ones that span mechanisms. */
    public void checkInvariants() {
        new InvariantChecker(this).check();
    }
}
