package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SHIFT;
import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SIZE;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.SplittableRandom;

/**
 * The mapping half of execve. Mirrors fs/binfmt_elf.c load_elf_binary() / elf_load() and
 * fs/exec.c setup_new_exec() / setup_arg_pages(), in the kernel's order (which is also the
 * order the random numbers are drawn in):
 *
 * <ol>
 *   <li>a new mm with arch_pick_mmap_layout() (mmap_base);</li>
 *   <li>the stack: randomize_stack_top(STACK_TOP), arch_align_stack(), then one page of
 *       arguments plus stack_expand (128 KB), VM_STACK_FLAGS, shown as [stack];</li>
 *   <li>text r-xp and data rw-p, private mappings of the file (data at file offset text),
 *       MAP_FIXED_NOREPLACE at 0x400000, or for a PIE at ELF_ET_DYN_BASE + arch_mmap_rnd();</li>
 *   <li>bss: anonymous rw-p right after data (vm_brk_flags());</li>
 *   <li>start_brk = brk = end of bss; with randomize_va_space 2 one page further and then
 *       arch_randomize_brk() (up to 1 GB).</li>
 * </ol>
 * Not modelled: the interpreter (ld.so) and shared libraries, the vDSO, the vvar page.
 */
final class ElfLoader {
    private ElfLoader() {
    }

    static ExecLayout loadElfBinary(Mmap ctx, ElfBinary elf, SplittableRandom random) {
        MmapConfig config = ctx.config();
        if (config.randomize() && random == null) {
            throw new IllegalArgumentException("ASLR is on: a random stream is needed");
        }
        long text = X86MmapLayout.pageAlign(elf.textSize());
        long data = X86MmapLayout.pageAlign(elf.dataSize());
        long bss = X86MmapLayout.pageAlign(elf.bssSize());
        MmStruct mm = ctx.mmAlloc(random);
        long stackTop = X86MmapLayout.randomizeStackTop(X86MmapLayout.STACK_TOP, config, random);
        Vma stack = setupArgPages(ctx, mm, stackTop, random);

        long base = X86MmapLayout.ELF_EXEC_BASE;
        if (elf.pie()) {
            base = (X86MmapLayout.ELF_ET_DYN_BASE
                    + X86MmapLayout.archRnd(config, random, config.mmapRndBits()))
                    & X86MmapLayout.PAGE_MASK;
        }
        int fixed = MapFlags.PRIVATE | MapFlags.FIXED_NOREPLACE;
        ctx.doMmap(mm, base, text, Prot.READ | Prot.EXEC, fixed, elf.file(), 0);
        long dataStart = base + text;
        if (data > 0) {
            ctx.doMmap(mm, dataStart, data, Prot.READ | Prot.WRITE, fixed, elf.file(),
                    text >>> PAGE_SHIFT);
        }
        long bssStart = dataStart + data;
        if (bss > 0) {
            Munmap.doVmiMunmap(ctx, mm, bssStart, bssStart + bss, true);
            Brk.doBrkFlags(ctx, mm, mm.vmaBefore(bssStart), bssStart, bss, 0);
        }
        MmLayout layout = mm.layout();
        layout.setCode(base, base + text);
        layout.setData(dataStart, dataStart + data);
        layout.setStartBrk(setBrk(config, bssStart + bss, random));
        return new ExecLayout(mm, base, base, base + text, dataStart, dataStart + data,
                bssStart, bssStart + bss, stack.start(), stack.end());
    }

    /** The start of the heap: right after bss, or one page later and randomised. */
    private static long setBrk(MmapConfig config, long elfBrk, SplittableRandom random) {
        long brk = X86MmapLayout.pageAlign(elfBrk);
        if (config.randomizeVaSpace() > 1) {
            brk = X86MmapLayout.archRandomizeBrk(brk + PAGE_SIZE, random);
        }
        return brk;
    }

    /**
     * setup_arg_pages(): the argument page at the (aligned) stack top, expanded down by
     * stack_expand within RLIMIT_STACK. The argument page has been written, so the stack VMA
     * already has its anon_vma.
     */
    private static Vma setupArgPages(Mmap ctx, MmStruct mm, long stackTop,
            SplittableRandom random) {
        MmapConfig config = ctx.config();
        stackTop = X86MmapLayout.pageAlign(
                X86MmapLayout.archAlignStack(stackTop, config, random));
        long argPages = PAGE_SIZE;
        long stackBase = argPages + X86MmapLayout.STACK_EXPAND > config.stackRlimit()
                ? stackTop - X86MmapLayout.pageAlign(config.stackRlimit())
                : stackTop - argPages - X86MmapLayout.STACK_EXPAND;
        if (!ctx.ops().vmEnoughMemory(mm, (stackTop - stackBase) >>> PAGE_SHIFT)) {
            throw new SyscallException(Errno.ENOMEM, "not enough memory to commit the stack");
        }
        Vma stack = new Vma(stackBase, stackTop, VmFlags.VM_STACK_FLAGS | mm.defFlags(), null,
                stackBase >>> PAGE_SHIFT, ctx.newAnonVma(), null);
        mm.insert(stack);
        mm.layout().setStartStack(stackTop - argPages);
        return stack;
    }
}
