package io.mmspec.features;

import io.cucumber.java.en.Given;
import io.mmspec.dsl.ast.Size;

/**
 * Given steps that describe the machine, its files and the processes already running: each
 * adds one line of the scenario language ({@code ram 16 GB}, {@code file "/x" size 2 MB},
 * {@code process chrome pid 3000 uses 600 MB}).
 */
public final class MachineSteps {
    private final World world;

    public MachineSteps(World world) {
        this.world = world;
    }

    @Given("a machine with {size} of RAM")
    @Given("a machine with {size} of RAM and no swap")
    public void machine(Size ram) {
        world.draft().setting("ram " + ram);
    }

    @Given("a machine with {size} of RAM and {int} CPU(s)")
    @Given("a machine with {size} of RAM, {int} CPU(s) and no swap")
    public void machine(Size ram, int cpus) {
        world.draft().setting("ram " + ram);
        world.draft().setting("cpus " + cpus);
    }

    /** Settings written in the language, one per line ({@code thp never}, {@code aslr off}). */
    @Given("this machine:")
    public void thisMachine(String settings) {
        Fragments.checkMachine(settings);
        settings.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(world.draft()::machine);
    }

    /** /sys/kernel/mm/transparent_hugepage/enabled: always, madvise or never. */
    @Given("transparent huge pages are {word}")
    public void thp(String mode) {
        world.draft().setting("thp " + mode);
    }

    /** kernel.randomize_va_space: on (2) or off (0). */
    @Given("ASLR is {word}")
    public void aslr(String onOff) {
        world.draft().setting("aslr " + onOff);
    }

    @Given("the seed is {int}")
    public void seed(int seed) {
        world.draft().seed(seed);
    }

    /** A W^X policy like prctl(PR_SET_MDWE): no mapping may be writable and executable at once. */
    @Given("the machine refuses writable and executable mappings")
    public void denyWriteExec() {
        world.draft().setting("wx deny");
    }

    /** A machine-wide triple, split across the zones in proportion to their managed pages. */
    @Given("the watermarks are min {int}, low {int} and high {int} pages")
    public void watermarks(int min, int low, int high) {
        world.draft().setting("watermarks min " + min + " low " + low + " high " + high + " pages");
    }

    /** vm.min_free_kbytes, set by the administrator. */
    @Given("min_free_kbytes is {int}")
    public void minFreeKbytes(int kbytes) {
        world.draft().setting("min_free_kbytes " + kbytes);
    }

    /**
     * Files and processes written as in a scenario file, one declaration a line ({@code file
     * "/usr/bin/firefox" size 100 MB on ssd { text 50 MB }}, {@code process bash pid 1000}):
     * for declarations the shorter steps cannot say (a file's disk, a process's every option).
     */
    @Given("these files and processes:")
    public void declarations(String lines) {
        for (String line : lines.strip().split("\n")) {
            String declaration = line.strip();
            if (declaration.startsWith("file ")) {
                world.draft().file(declaration);
            } else if (declaration.startsWith("process ")) {
                world.draft().process(declaration);
            } else if (!declaration.isEmpty() && !declaration.startsWith("#")) {
                throw new IllegalArgumentException("not a file or process declaration: " + declaration);
            }
        }
    }

    @Given("a file {string} of {size}")
    public void file(String path, Size size) {
        world.draft().file("file \"" + path + "\" size " + size);
    }

    @Given("a file {string} holding {string}")
    public void fileHolding(String path, String contents) {
        world.draft().file("file " + Language.quote(path) + " contents " + Language.quote(contents));
    }

    /** An ELF executable execve() maps: text and data from the file, bss anonymous. */
    @Given("an executable {string} of {size} with text {size}, data {size} and bss {size}")
    public void executable(String path, Size size, Size text, Size data, Size bss) {
        world.draft().file("file \"" + path + "\" size " + size
                + " { text " + text + ", data " + data + ", bss " + bss + " }");
    }

    @Given("a process {process}")
    public void process(String name) {
        world.draft().process("process " + name);
    }

    @Given("a process {process} with pid {int}")
    public void process(String name, int pid) {
        world.draft().process("process " + name + " pid " + pid);
    }

    /** A process with {@code size} of private anonymous memory, resident, counted in no fault. */
    @Given("a process {process} using {size}")
    public void process(String name, Size uses) {
        world.draft().process("process " + name + " uses " + uses);
    }

    @Given("a process {process} with pid {int} using {size}")
    public void process(String name, int pid, Size uses) {
        world.draft().process("process " + name + " pid " + pid + " uses " + uses);
    }

    @Given("a process {process} with pid {int} and oom_score_adj {int}")
    public void process(String name, int pid, int oomScoreAdj) {
        world.draft().process("process " + name + " pid " + pid + " oom_score_adj " + oomScoreAdj);
    }

    @Given("a process {process} with pid {int} and oom_score_adj {int} using {size}")
    public void process(String name, int pid, int oomScoreAdj, Size uses) {
        world.draft().process("process " + name + " pid " + pid + " oom_score_adj " + oomScoreAdj + " uses " + uses);
    }
}
