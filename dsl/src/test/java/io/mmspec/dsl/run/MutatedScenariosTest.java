package io.mmspec.dsl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mmspec.dsl.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never crashes mmspec: seeded random edits of the small examples (a character
 * replaced, a word deleted or repeated, a line dropped, doubled or swapped, the file cut short)
 * either get diagnostics, each placed on a line of the file and formatted with its caret, or
 * compile and run to a verdict within small limits. No edit may end in an exception.
 */
class MutatedScenariosTest {
    private static final List<String> SMALL = List.of("01-first-fault.mms", "02-zero-page.mms",
            "03-cow-after-fork.mms", "04-transparent-huge-pages.mms", "05-vma-merge-split.mms", "06-jit-and-wx.mms",
            "07-buddy-allocator.mms", "08-watermarks.mms", "09-file-fault-around.mms", "10-exec-demand-paging.mms",
            "13-kernel-allocators.mms");
    private static final String PALETTE = "@#'\"{}[]:;.,+-*\\x0123456789 \tKMGBsmunpr";
    private static final String[] WORDS = {"at", "expect", "kernel", "as", "every", "0x1000", "-5", "0 B",
            "999999 TB", "1e9", "\"\"", "pages", "by 0 s", "[", "]", "..", "{", "}", "fork", "execs", "p"};

    static Stream<Integer> seeds() {
        return IntStream.range(0, 100).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRandomlyEditedExampleGetsDiagnosticsOrAVerdictNeverAnException(int seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (String name : SMALL) {
            String original = Files.readString(Path.of("..", "examples", name));
            String edited = mutate(original, random, 1 + random.nextInt(3));
            assertThatCode(() -> judge(edited, name)).as("seed %d, %s edited to:%n%s", seed, name, edited)
                    .doesNotThrowAnyException();
        }
    }

    private static void judge(String text, String name) {
        Scenarios.Loaded loaded = Scenarios.load(text, name, Optional.of(Path.of("..", "examples")));
        int lines = (int) text.lines().count() + 1;
        for (Diagnostic d : loaded.diagnostics()) {
            assertThat(d.span().line()).as(d.toString()).isBetween(1, lines);
        }
        if (!loaded.diagnostics().isEmpty()) {
            assertThat(loaded.report()).contains("error").contains("^");
            return;
        }
        if (loaded.scenario().isPresent()) {
            RunResult result = ScenarioRunner.run(loaded.scenario().get(), RunOptions.defaults().withLimits(300_000, 3_000));
            assertThat(result.scenario()).isNotNull();
        }
    }

    private static String mutate(String text, SplittableRandom random, int edits) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int i = 0; i < edits && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(7)) {
                case 0 -> lines.set(at, replaceChar(line, random));
                case 1 -> lines.set(at, dropWord(line, random));
                case 2 -> lines.set(at, insertWord(line, random));
                case 3 -> lines.remove(at);
                case 4 -> lines.add(at, line);
                case 5 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                default -> {
                    String joined = String.join("\n", lines);
                    return joined.substring(0, random.nextInt(joined.length() + 1));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String replaceChar(String line, SplittableRandom random) {
        if (line.isEmpty()) {
            return line;
        }
        int i = random.nextInt(line.length());
        return line.substring(0, i) + PALETTE.charAt(random.nextInt(PALETTE.length())) + line.substring(i + 1);
    }

    private static String dropWord(String line, SplittableRandom random) {
        String[] words = line.trim().split(" +");
        if (words.length < 2) {
            return line;
        }
        int drop = random.nextInt(words.length);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (i != drop) {
                kept.add(words[i]);
            }
        }
        return "  " + String.join(" ", kept);
    }

    private static String insertWord(String line, SplittableRandom random) {
        String[] words = line.trim().split(" +");
        int at = random.nextInt(words.length + 1);
        List<String> out = new ArrayList<>(List.of(words));
        out.add(at, WORDS[random.nextInt(WORDS.length)]);
        return "  " + String.join(" ", out);
    }
}
