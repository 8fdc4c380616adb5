package io.mmspec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.slub.SlabInfoRow;
import io.mmspec.runtime.proc.MeminfoField;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SLUB, kmalloc and vmalloc as the machine wires them: KernelCalls, /proc and fork/exit. */
class KernelAllocatorsTest {

    private static SlabInfoRow row(Machine m, String cache) {
        return m.slab().slabinfo().stream().filter(r -> r.name().equals(cache)).findFirst().orElseThrow();
    }

    @Test
    void anAtomicKmallocOf1500BytesTakesAnOrder3SlabOfKmalloc2k() {
        CheckedMachine cm = CheckedMachine.boot(64, 2, b -> b);
        Machine m = cm.machine();
        long packet = cm.step(() -> m.kernel().kmalloc(1500, Gfp.GFP_ATOMIC, -1));
        // kmalloc_slab(): fls(1499) = 11 -> 2048; 2 CPUs: min_objects 12 -> order 3, 16 objects
        SlabInfoRow r = row(m, "kmalloc-2k");
        assertThat(r.objSize()).isEqualTo(2048);
        assertThat(r.objPerSlab()).isEqualTo(16);
        assertThat(r.pagesPerSlab()).isEqualTo(8);
        assertThat(r.numObjs()).isEqualTo(16);
        assertThat(r.activeObjs()).isEqualTo(16); // free objects of a CPU slab count as active
        // one order-3 slab = 32 kB, unreclaimable
        assertThat(m.proc().meminfo()).containsEntry(MeminfoField.SLAB, 32L)
                .containsEntry(MeminfoField.S_UNRECLAIM, 32L).containsEntry(MeminfoField.S_RECLAIMABLE, 0L);
        assertThat(m.proc().vmstat()).containsEntry("nr_slab_unreclaimable_B", 8L);
        cm.step(() -> { m.kernel().kfree(packet); return null; });
        cm.step(() -> { m.kernel().kfree(0); return null; }); // kfree(NULL)
        assertThat(m.proc().slabinfo()).contains("kmalloc-2k");
    }

    @Test
    void tenMegabytesOfVmallocUse2560PagesPlusTheirPageArray() {
        CheckedMachine cm = CheckedMachine.boot(64, 2, b -> b);
        Machine m = cm.machine();
        long area = cm.step(() -> m.kernel().vmalloc(10L << 20, "module_area"));
        // 2560 pages, and a 20480-byte pages array vmalloc'd itself: 5 pages
        assertThat(m.proc().meminfo()).containsEntry(MeminfoField.VMALLOC_USED, 2565L * 4)
                .containsEntry(MeminfoField.VMALLOC_TOTAL, 34359738367L);
        assertThat(m.proc().vmallocinfo()).contains("10489856 module_area pages=2560 vmalloc");
        assertThatThrownBy(() -> m.kernel().write(area + (10L << 20), "x".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(SyscallException.class).extracting(e -> ((SyscallException) e).errno())
                .isEqualTo(Errno.EFAULT);
        assertThat(m.log().lines()).anyMatch(l -> l.level() == KernelLog.Level.ALERT
                && l.text().startsWith("BUG: unable to handle page fault for address: "));
        cm.step(() -> { m.kernel().vfree(area); return null; });
        assertThat(m.vmalloc().nrPages()).isZero();
        assertThat(m.vmalloc().lazyPages()).isEqualTo(2561 + 6); // both areas with their guard pages
    }

    @Test
    void forkTakesATaskStructAKernelStackAndTheVmasObjectsAndExitGivesThemBack() {
        CheckedMachine cm = CheckedMachine.boot(64, 2, b -> b);
        Machine m = cm.machine();
        Task p = cm.spawn("p", 100);
        cm.mmapAnon(p, 0, 1 << 20, CheckedMachine.rw());
        Task child = cm.step(() -> m.syscalls().fork(p, "child", 101));
        // task_struct: 12376 bytes aligned to 64 = 12416; 2 fit in order 3 (min_objects capped to 2)
        SlabInfoRow tasks = row(m, "task_struct");
        assertThat(tasks.objPerSlab()).isEqualTo(2);
        assertThat(tasks.pagesPerSlab()).isEqualTo(8);
        assertThat(tasks.activeObjs()).isGreaterThanOrEqualTo(2);
        assertThat(m.proc().meminfo()).containsEntry(MeminfoField.KERNEL_STACK, 32L); // 2 tasks x 16 kB
        assertThat(m.proc().vmstat()).containsEntry("nr_kernel_stack", 32L);
        assertThat(m.proc().vmallocinfo()).contains("20480 copy_process pages=4 vmalloc");
        long vmasBefore = row(m, "vm_area_struct").activeObjs();
        cm.step(() -> { m.syscalls().exit(child, 0); return null; });
        assertThat(m.proc().meminfo()).containsEntry(MeminfoField.KERNEL_STACK, 16L);
        assertThat(m.taskMemory().tasks()).isEqualTo(1);
        assertThat(vmasBefore).isGreaterThanOrEqualTo(2 * p.mm().mapCount());
    }

    @Test
    void aWritePastAKmallocObjectIsReportedWhenItIsFreedUnderSlubDebug() {
        CheckedMachine cm = CheckedMachine.boot(64, 2, b -> b.slubDebug("FZPU"));
        Machine m = cm.machine();
        long obj = cm.step(() -> m.kernel().kmalloc(1500, Gfp.GFP_KERNEL, -1));
        // 1500 bytes asked: the kmalloc red zone starts at byte 1500 of the 2048-byte object
        cm.step(() -> { m.kernel().write(obj + 1600, "x".getBytes(StandardCharsets.US_ASCII)); return null; });
        cm.step(() -> { m.kernel().kfree(obj); return null; });
        assertThat(m.log().contains("kmalloc Redzone overwritten")).isTrue();
    }

    @Test
    void kmallocOfMoreThanTheMachineHasFailsWithEnomem() {
        CheckedMachine cm = CheckedMachine.boot(64, 2, b -> b);
        assertThatThrownBy(() -> cm.machine().kernel().kmalloc(8L << 20, Gfp.GFP_KERNEL, -1))
                .isInstanceOf(SyscallException.class).hasMessageContaining("kmalloc(8388608");
    }
}
