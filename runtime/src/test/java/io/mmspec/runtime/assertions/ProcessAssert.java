package io.mmspec.runtime.assertions;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.Peek;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.task.SignalRecord;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.task.TaskState;
import io.mmspec.runtime.uapi.Signal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one process: its fault counters (min_flt, maj_flt), its RSS as /proc/PID/status
 * counts it, how it ended, its VMAs and the bytes its memory holds (peeked, never faulted).
 * RSS is given in bytes and reported in kB, as /proc prints it.
 */
public final class ProcessAssert extends AbstractAssert<ProcessAssert, Task> {
    private final Machine machine;

    ProcessAssert(Machine machine, Task actual) {
        super(actual, ProcessAssert.class);
        this.machine = machine;
    }

    /** Back to the machine, to chain machine-level assertions. */
    public MachineAssert machine() {
        return new MachineAssert(machine);
    }

    public ProcessAssert hasMinorFaults(long count) {
        if (actual.minFlt() != count) {
            failWithMessage("expected %s to have %d minor faults but had %d", name(), count, actual.minFlt());
        }
        return this;
    }

    public ProcessAssert hasMajorFaults(long count) {
        if (actual.majFlt() != count) {
            failWithMessage("expected %s to have %d major faults but had %d", name(), count, actual.majFlt());
        }
        return this;
    }

    /** VmRSS: anonymous, file and shmem pages mapped, in bytes (0 once the task has exited). */
    public ProcessAssert hasRss(long bytes) {
        return hasPages("an RSS", bytes, counter(MmCounter.MM_ANONPAGES) + counter(MmCounter.MM_FILEPAGES)
                + counter(MmCounter.MM_SHMEMPAGES));
    }

    /** RssAnon in bytes. */
    public ProcessAssert hasAnonRss(long bytes) {
        return hasPages("an anonymous RSS", bytes, counter(MmCounter.MM_ANONPAGES));
    }

    /** RssFile in bytes. */
    public ProcessAssert hasFileRss(long bytes) {
        return hasPages("a file RSS", bytes, counter(MmCounter.MM_FILEPAGES));
    }

    private ProcessAssert hasPages(String what, long bytes, long pages) {
        if (pages << 12 != bytes) {
            failWithMessage("expected %s to have %s of %d kB but had %d kB", name(), what, bytes >> 10, pages << 2);
        }
        return this;
    }

    private long counter(MmCounter counter) {
        MmStruct mm = actual.mm();
        return mm == null ? 0 : mm.counter(counter);
    }

    public ProcessAssert isAlive() {
        if (!actual.isAlive()) {
            failWithMessage("expected %s to be alive but it %s", name(), ending());
        }
        return this;
    }

    /** Ended by exit(2) with {@code code}. */
    public ProcessAssert hasExitedWith(int code) {
        if (actual.state() != TaskState.EXITED || actual.exitCode() != code) {
            failWithMessage("expected %s to have exited with code %d but it %s", name(), code, ending());
        }
        return this;
    }

    public ProcessAssert wasKilledBy(Signal signal) {
        SignalRecord fatal = actual.fatalSignal().orElse(null);
        if (fatal == null || fatal.signal() != signal) {
            failWithMessage("expected %s to have been killed by %s but it %s", name(), signal, ending());
        }
        return this;
    }

    /** SIGSEGV with si_addr {@code address}, whichever si_code. */
    public ProcessAssert wasKilledBySegvAt(long address) {
        return wasKilledByFaultAt(Signal.SIGSEGV, -1, address);
    }

    /** SIGSEGV, SEGV_MAPERR (no VMA) at {@code address}. */
    public ProcessAssert wasKilledBySegvMapErrAt(long address) {
        return wasKilledByFaultAt(Signal.SIGSEGV, Signal.SEGV_MAPERR, address);
    }

    /** SIGSEGV, SEGV_ACCERR (the VMA forbids the access) at {@code address}. */
    public ProcessAssert wasKilledBySegvAccErrAt(long address) {
        return wasKilledByFaultAt(Signal.SIGSEGV, Signal.SEGV_ACCERR, address);
    }

    /** SIGBUS, BUS_ADRERR (past the end of a mapped file) at {@code address}. */
    public ProcessAssert wasKilledBySigbusAt(long address) {
        return wasKilledByFaultAt(Signal.SIGBUS, Signal.BUS_ADRERR, address);
    }

    private ProcessAssert wasKilledByFaultAt(Signal signal, int code, long address) {
        SignalRecord fatal = actual.fatalSignal().orElse(null);
        if (fatal == null || fatal.signal() != signal || fatal.address() != address
                || (code >= 0 && fatal.code() != code)) {
            String expected = signal + (code >= 0 ? " (" + codeName(signal, code) + ")" : "")
                    + String.format(" at 0x%x", address);
            failWithMessage("expected %s to have been killed by %s but it %s", name(), expected, ending());
        }
        return this;
    }

    /** The VMAs of the process, drawn in a failure. */
    public VmaListAssert vmas() {
        MmStruct mm = actual.mm();
        return new VmaListAssert(actual, mm == null ? new ArrayList<>() : new ArrayList<>(mm.vmas()));
    }

    /** The address space is {@code drawing}; see {@link AddressSpaceDrawing} for the format. */
    public ProcessAssert hasAddressSpace(String drawing) {
        vmas().hasAddressSpace(drawing);
        return this;
    }

    /** The bytes of {@code text} (UTF-8) are at {@code address}, peeked without faulting. */
    public ProcessAssert reads(String text, long address) {
        return readsBytes(text.getBytes(StandardCharsets.UTF_8), address);
    }

    /** {@code expected} is at {@code address}, peeked without faulting anything in. */
    public ProcessAssert readsBytes(byte[] expected, long address) {
        Peek peek = new Peek(machine);
        byte[] observed = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            int b = peek.byteAt(actual, address + i);
            if (b < 0) {
                failWithMessage("expected %s to read %s at 0x%x but nothing is mapped at 0x%x", name(),
                        show(expected), address, address + i);
            }
            observed[i] = (byte) b;
        }
        if (!Arrays.equals(observed, expected)) {
            failWithMessage("expected %s to read %s at 0x%x but it holds %s", name(), show(expected), address,
                    show(observed));
        }
        return this;
    }

    private String name() {
        return actual.comm();
    }

    /** How the task ended, in words: "is alive", "exited with code 0", "was killed by SIGSEGV (SEGV_MAPERR) at 0x0". */
    private String ending() {
        if (actual.isAlive()) {
            return "is alive";
        }
        if (actual.state() == TaskState.EXITED) {
            return "exited with code " + actual.exitCode();
        }
        SignalRecord fatal = actual.fatalSignal().orElse(null);
        if (fatal == null) {
            return "was killed";
        }
        String code = codeName(fatal.signal(), fatal.code());
        return "was killed by " + fatal.signal() + (code.isEmpty() ? "" : " (" + code + ")")
                + (fatal.address() != 0 || fatal.code() != Signal.SI_KERNEL ? String.format(" at 0x%x", fatal.address()) : "");
    }

    static String codeName(Signal signal, int code) {
        if (code == Signal.SI_KERNEL) {
            return "SI_KERNEL";
        }
        if (signal == Signal.SIGSEGV) {
            return code == Signal.SEGV_MAPERR ? "SEGV_MAPERR" : code == Signal.SEGV_ACCERR ? "SEGV_ACCERR" : "code " + code;
        }
        if (signal == Signal.SIGBUS) {
            return code == Signal.BUS_ADRERR ? "BUS_ADRERR" : "code " + code;
        }
        return "";
    }

    static String show(byte[] bytes) {
        return io.mmspec.runtime.Peek.show(bytes);
    }
}
