package io.mmspec.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.Metric;
import io.mmspec.dsl.ast.Predicate;
import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.diag.Diagnostic;
import io.mmspec.dsl.parse.ParseResult;
import io.mmspec.dsl.parse.ScenarioParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How names flow through the timeline: fork copies them, execve replaces them. */
class ScenarioCheckerTest {

    private static List<String> messages(String body) {
        ParseResult<Scenario> result = Frontend.load("scenario \"t\" {\n" + body + "\n}\n", "t.mms", Optional.empty());
        assertThat(result.value()).as("syntax").isPresent();
        return result.diagnostics().stream().map(Diagnostic::message).toList();
    }

    @Test
    void givesAForkedChildItsParentsRegions() {
        assertThat(messages("""
                process p pid 10
                at 1 s: p maps buf anon 4 KB rw private
                at 2 s: p forks c pid 11
                at 3 s: c touches buf
                expect: buf of c is resident
                """)).isEmpty();
    }

    @Test
    void givesAChildOnlyTheRegionsMappedBeforeTheFork() {
        assertThat(messages("""
                process p pid 10
                at 1 s: p forks c pid 11
                at 2 s: p maps buf anon 4 KB rw private
                at 3 s: c touches buf
                """)).containsExactly("unknown region 'buf' of c");
    }

    @Test
    void replacesRegionsOnExecWithTextDataBssHeapAndStack() {
        assertThat(messages("""
                file "/bin/x" size 1 MB { text 512 KB }
                process p pid 10 uses 4 MB as old
                at 1 s: p execs "/bin/x"
                at 2 s: p touches heap
                at 2 s: p touches stack
                at 3 s: p touches old
                """)).containsExactly("region 'old' of p is used at 3 s before any action maps it");
    }

    @Test
    void bindsTheNameOfAUsesMappingAndOfAnAllocation() {
        assertThat(messages("""
                process p pid 10 uses 4 MB as heap0
                at 1 s: p touches heap0
                at 1 s: p allocates 1 MB as more
                at 2 s: p frees more
                """)).isEmpty();
    }

    @Test
    void letsAWriteCreateAFileForLaterActions() {
        assertThat(messages("""
                process p pid 10
                at 1 s: p writes file "/tmp/new" "hello"
                at 2 s: p fsyncs "/tmp/new"
                expect: file "/tmp/new" holds "hello" at 0 B
                """)).isEmpty();
    }

    @Test
    void checksAFragmentAgainstProcessesDeclaredElsewhere() {
        List<Statement> actions = ScenarioParser.parseActions("""
                at 1 s: blender allocates 5 GB
                at 2 s: blendr allocates 5 GB
                at 3 s: blender touches anything
                """, "f.feature", 10).value().orElseThrow();
        List<Expectation> expectations = ScenarioParser.parseExpectations("""
                expect: blender killed by oom
                expect: systemd alive
                """, "f.feature", 20).value().orElseThrow();

        List<Diagnostic> diagnostics = ScenarioChecker.checkFragment(actions, expectations,
                List.of("blender", "chrome"), List.of());

        assertThat(diagnostics).map(Diagnostic::headline).containsExactly(
                "f.feature:11:9: error: unknown process 'blendr'; did you mean 'blender'?",
                "f.feature:21:9: error: unknown process 'systemd'");
    }

    @Test
    void givesEveryMetricAKindFromTheKernelsFormats() {
        List<Expectation> expectations = ScenarioParser.parseExpectations("""
                expect: p.rss > 0 B
                expect: p.faults.major > 0
                expect: meminfo.MemFree > 0 B
                expect: meminfo.HugePages_Free > 0
                expect: vmstat.nr_free_pages > 0
                expect: slab "kmalloc-64".objsize > 0 B
                expect: zone "Normal".high > 0 B
                """, "t", 1).value().orElseThrow();

        assertThat(expectations).extracting(e -> MetricCatalog.kindOf(((Predicate.Compare) e.predicate()).left())
                .orElseThrow()).containsExactly(MetricCatalog.Kind.SIZE, MetricCatalog.Kind.COUNT,
                MetricCatalog.Kind.SIZE, MetricCatalog.Kind.COUNT, MetricCatalog.Kind.COUNT,
                MetricCatalog.Kind.SIZE, MetricCatalog.Kind.SIZE);
        assertThat(MetricCatalog.kindOf(new Metric.Vmstat(
                new io.mmspec.dsl.ast.Name("nope", expectations.get(0).span()), expectations.get(0).span()))).isEmpty();
    }

    @Test
    void namesTheCostsOfTheRuntimesCostModel() {
        assertThat(Vocabulary.COSTS).containsExactly("tlb_hit", "page_walk", "minor_fault", "zero_page", "copy_page",
                "memory_access", "tlb_flush", "ipi", "syscall", "local_node", "remote_node");
    }

    @Test
    void mapsAKmallocCacheNamedInBytesToItsSizeClass() {
        assertThat(Vocabulary.kmallocCacheFor("kmalloc-2048")).contains("kmalloc-2k");
        assertThat(Vocabulary.kmallocCacheFor("kmalloc-100")).contains("kmalloc-128");
        assertThat(Vocabulary.kmallocCacheFor("dma-kmalloc-150")).contains("dma-kmalloc-192");
        assertThat(Vocabulary.kmallocCacheFor("kmalloc-9000")).isEmpty();
    }
}
