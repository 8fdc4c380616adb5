package io.mmspec.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.mmspec.dsl.ast.Time;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.mm.slub.KmemCache;
import io.mmspec.runtime.mm.slub.SlubStat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Then steps on the kernel allocators that the scenario language has no metric for: the lines
 * of /proc/slabinfo and /proc/vmallocinfo as a person reads them, SLUB's SLUB_STATS counters
 * (/sys/kernel/slab/NAME/alloc_fastpath ...), how often a cache took its node's list lock, and
 * its node partial list. Each may look at a moment of the run; without one, at its end.
 */
public final class SlabSteps {
    private final World world;

    public SlabSteps(World world) {
        this.world = world;
    }

    /**
     * /proc/slabinfo lines of the caches the doc string lists (name first), compared with runs
     * of blanks counted as one; the other caches are not compared.
     */
    @Then("{at}\\/proc\\/slabinfo shows:")
    public void slabinfo(Optional<Time> at, String expected) {
        String actual = machine(at).proc().slabinfo();
        Map<String, String> byName = new LinkedHashMap<>();
        Text.normalize(actual).lines().forEach(line -> byName.put(line.split(" ")[0], line));
        StringBuilder shown = new StringBuilder();
        Text.normalize(expected).lines().forEach(line -> {
            String name = line.split(" ")[0];
            shown.append(byName.getOrDefault(name, name + " (no such cache)")).append('\n');
        });
        assertThat(shown.toString()).as("/proc/slabinfo%s is:%n%s", when(at), actual)
                .isEqualTo(Text.normalize(expected));
    }

    /** A SLUB_STATS counter as /sys/kernel/slab/CACHE/NAME shows its total. */
    @Then("{at}the SLUB counter {word} of {string} is {long}")
    public void slubStat(Optional<Time> at, String counter, String cache, long expected) {
        SlubStat stat = SlubStat.bySysfsName(counter).orElseThrow(() ->
                new AssertionError("no SLUB counter " + counter));
        assertThat(cache(at, cache).stat(stat)).as("%s of %s%s", counter, cache, when(at)).isEqualTo(expected);
    }

    /** How many times the cache took its node's list_lock (the slow paths that need the node). */
    @Then("{at}the cache {string} took its node list lock {long} time(s)")
    public void listLock(Optional<Time> at, String cache, long expected) {
        assertThat(cache(at, cache).listLockTaken()).as("list_lock of %s taken%s", cache, when(at))
                .isEqualTo(expected);
    }

    /** Slabs on the node partial list (n->nr_partial): slabs with free objects no CPU holds. */
    @Then("{at}the cache {string} has {int} slab(s) on its node partial list")
    public void nodePartial(Optional<Time> at, String cache, int expected) {
        assertThat(cache(at, cache).nrPartial()).as("nr_partial of %s%s", cache, when(at)).isEqualTo(expected);
    }

    /** Some /proc/vmallocinfo line contains the text (addresses differ from run to run of a layout). */
    @Then("{at}\\/proc\\/vmallocinfo has a line with {string}")
    public void vmallocinfo(Optional<Time> at, String text) {
        String actual = machine(at).proc().vmallocinfo();
        assertThat(actual.lines().anyMatch(line -> line.contains(text)))
                .as("a line of /proc/vmallocinfo%s with \"%s\"; it is:%n%s", when(at), text, actual).isTrue();
    }

    /**
     * The pages behind a vmalloc area (found by its caller, as /proc/vmallocinfo names it) are
     * not one physically contiguous run: some page's frame does not follow the previous one.
     */
    @Then("{at}the pages of the vmalloc area {string} are not physically contiguous")
    public void scattered(Optional<Time> at, String caller) {
        Machine machine = machine(at);
        io.mmspec.runtime.mm.vmalloc.VmallocInfoLine area = machine.vmalloc().vmallocinfoLines().stream()
                .filter(line -> !line.unpurged() && line.caller().equals(caller)).findFirst()
                .orElseThrow(() -> new AssertionError("no vmalloc area of " + caller + when(at)));
        int runs = 1;
        long previous = -1;
        for (int i = 0; i < area.pages(); i++) {
            long pfn = machine.vmalloc().translate(area.start() + (long) i * 4096).orElseThrow();
            if (previous >= 0 && pfn != previous + 1) {
                runs++;
            }
            previous = pfn;
        }
        assertThat(runs).as("physically contiguous runs of the %d pages of %s%s", area.pages(), caller, when(at))
                .isGreaterThan(1);
    }

    private KmemCache cache(Optional<Time> at, String name) {
        return machine(at).slab().cache(name).orElseThrow(() -> new AssertionError("no slab cache " + name));
    }

    private Machine machine(Optional<Time> at) {
        return at.map(t -> world.machineAt(t.nanos())).orElseGet(world::machine);
    }

    private static String when(Optional<Time> at) {
        return at.map(t -> " at " + t.text()).orElse(" at the end");
    }
}
