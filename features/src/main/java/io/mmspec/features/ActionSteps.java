package io.mmspec.features;

import io.cucumber.java.en.When;
import io.mmspec.dsl.ast.Permission;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Time;
import java.util.Optional;

/**
 * When steps: each adds one timed action of the scenario language, one millisecond after the
 * previous action, or at the time written in front ({@code When at 5 ms, "p" touches buf}).
 * The action compiler of the language gives them their meaning.
 */
public final class ActionSteps {
    private final World world;

    public ActionSteps(World world) {
        this.world = world;
    }

    /** Timeline statements written in the language, with their own times. */
    @When("these actions happen:")
    public void theseActions(String statements) {
        world.actions(statements);
    }

    /** mmap(2) of anonymous memory: {@code "p" maps buf anon 10 MB rw- private}. */
    @When("{at}{process} maps {word} anon {size} {permission} {sharing}")
    public void mapsAnon(Optional<Time> at, String process, String region, Size length, Permission perm, String sharing) {
        world.act(at, process + " maps " + region + " anon " + length + " " + perm + " " + sharing);
    }

    /** MAP_FIXED_NOREPLACE at an address. */
    @When("{at}{process} maps {word} anon {size} {permission} {sharing} at {address}")
    public void mapsAnonAt(Optional<Time> at, String process, String region, Size length, Permission perm,
                           String sharing, Long address) {
        world.act(at, process + " maps " + region + " anon " + length + " " + perm + " " + sharing
                + String.format(" at 0x%x", address));
    }

    /** mmap(2) of a file from offset 0. */
    @When("{at}{process} maps {word} from {string} {size} {permission} {sharing}")
    public void mapsFile(Optional<Time> at, String process, String region, String path, Size length,
                         Permission perm, String sharing) {
        world.act(at, process + " maps " + region + " file " + Language.quote(path) + " " + length + " " + perm
                + " " + sharing);
    }

    /** One write per page, storing the byte already there. */
    @When("{at}{process} touches {region}")
    public void touches(Optional<Time> at, String process, String region) {
        world.act(at, process + " touches " + region);
    }

    /** One read per page, in order. */
    @When("{at}{process} reads {region}")
    public void reads(Optional<Time> at, String process, String region) {
        world.act(at, process + " reads " + region + " sequentially");
    }

    /** The same address read again and again. */
    @When("{at}{process} reads {region} {int} times")
    public void readsRepeatedly(Optional<Time> at, String process, String region, int times) {
        world.act(at, process + " reads " + region + " " + times + " times");
    }

    @When("{at}{process} writes {string} at {region}")
    public void writes(Optional<Time> at, String process, String data, String region) {
        world.act(at, process + " writes " + Language.quote(data) + " at " + region);
    }

    /** Instruction fetches, one per page. */
    @When("{at}{process} executes {region}")
    public void executes(Optional<Time> at, String process, String region) {
        world.act(at, process + " executes " + region);
    }

    /** libc malloc (brk below 128 KB, mmap from there up), then a write to every page. */
    @When("{at}{process} allocates {size}")
    public void allocates(Optional<Time> at, String process, Size size) {
        world.act(at, process + " allocates " + size);
    }

    @When("{at}{process} allocates {size} as {word}")
    public void allocatesAs(Optional<Time> at, String process, Size size, String region) {
        world.act(at, process + " allocates " + size + " as " + region);
    }

    @When("{at}{process} frees {region}")
    public void frees(Optional<Time> at, String process, String region) {
        world.act(at, process + " frees " + region);
    }

    @When("{at}{process} forks {process}")
    public void forks(Optional<Time> at, String process, String child) {
        world.act(at, process + " forks " + child);
    }

    @When("{at}{process} forks {process} with pid {int}")
    public void forks(Optional<Time> at, String process, String child, int pid) {
        world.act(at, process + " forks " + child + " pid " + pid);
    }

    @When("{at}{process} execs {string}")
    public void execs(Optional<Time> at, String process, String path) {
        world.act(at, process + " execs " + Language.quote(path));
    }

    /** mprotect(2). */
    @When("{at}{process} protects {region} {permission}")
    public void protects(Optional<Time> at, String process, String region, Permission perm) {
        world.act(at, process + " protects " + region + " " + perm);
    }

    /** madvise(2): dontneed, hugepage, ... */
    @When("{at}{process} advises {region} {word}")
    public void advises(Optional<Time> at, String process, String region, String advice) {
        world.act(at, process + " advises " + region + " " + advice);
    }

    @When("{at}{process} unmaps {region}")
    public void unmaps(Optional<Time> at, String process, String region) {
        world.act(at, process + " unmaps " + region);
    }

    @When("{at}{process} exits")
    public void exits(Optional<Time> at, String process) {
        world.act(at, process + " exits");
    }

    /** alloc_pages(GFP_KERNEL, order). */
    @When("{at}the kernel allocates pages of order {int} as {word}")
    public void allocPages(Optional<Time> at, int order, String name) {
        world.act(at, "kernel allocates pages order " + order + " as " + name);
    }

    /** alloc_pages(gfp, order). */
    @When("{at}the kernel allocates pages of order {int} with {gfp} as {word}")
    public void allocPages(Optional<Time> at, int order, ParameterTypes.Gfp gfp, String name) {
        world.act(at, "kernel allocates pages order " + order + " " + gfp.language() + " as " + name);
    }

    /** __free_pages(). */
    @When("{at}the kernel frees the pages {word}")
    public void freePages(Optional<Time> at, String name) {
        world.act(at, "kernel frees pages " + name);
    }

    /** migrate_pages() of every resident page of a region. */
    @When("{at}the kernel migrates {region} of {process}")
    public void migrate(Optional<Time> at, String region, String process) {
        world.act(at, "kernel migrates " + region + " of " + process);
    }
}
