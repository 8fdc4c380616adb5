package io.mmspec.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.dsl.run.ExpectationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldTest {
    @TempDir
    Path dir;

    private final World world = new World();

    @BeforeEach
    void begin() {
        world.begin("touching 8 pages", dir.resolve("t.feature").toUri());
        world.draft().setting("ram 64 MB");
        world.draft().setting("thp never");
        world.draft().setting("aslr off");
        world.draft().process("process p pid 100");
    }

    @Test
    void actionsWithoutATimeFollowEachOtherOneMillisecondApart() {
        world.act(Optional.empty(), "p maps buf anon 32 KB rw private");
        world.act(Optional.of(Literals.time("5 ms")), "p touches buf");
        world.act(Optional.empty(), "p touches buf");

        assertThat(world.text().render(List.of()).source()).contains(
                "  at 1 ms \"p maps buf anon 32 KB rw private\": p maps buf anon 32 KB rw private\n"
                        + "  at 5 ms \"p touches buf\": p touches buf\n"
                        + "  at 6 ms \"p touches buf (2)\": p touches buf\n");
        assertThat(world.lastActionLabel()).isEqualTo("p touches buf (2)");
    }

    @Test
    void actionsOfADocStringMoveTheTimelinePastTheirLatestTime() {
        world.actions("at 1 ms: p maps buf anon 32 KB rw private\nevery 1 ms from 2 ms to 4 ms: p touches buf\n");
        world.act(Optional.empty(), "p exits");

        assertThat(world.text().render(List.of()).source()).contains("at 5 ms \"p exits\": p exits");
    }

    @Test
    void decidesEndOfRunPredicatesOnTheFinishedMachine() {
        touchEightPages();

        // 32 KB / 4 KB = 8 pages, one write fault each
        world.require("p.faults.minor == 8");
        assertThat(world.check("p.rss == 16 KB").message()).isEqualTo("expected == 16 KB, but it is 32 KB");
        assertThatThrownBy(() -> world.require("p.faults.minor == 9"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("p.faults.minor == 9: expected == 9, but it is 8");
    }

    @Test
    void runsTheScenarioOnceForManyPredicates() {
        touchEightPages();

        assertThat(world.run()).isSameAs(world.run());
        world.require("p alive");
        assertThat(world.machine()).isSameAs(world.run().machine());
    }

    @Test
    void decidesTimedExpectationsInANewRun() {
        touchEightPages();

        List<ExpectationResult> verdicts = world.expect(List.of("expect at 1.5 ms: p.rss == 0 KB",
                "expect at 1.5 ms: p.rss == 32 KB"));

        assertThat(verdicts).extracting(ExpectationResult::passed).containsExactly(true, false);
        assertThat(verdicts.get(1).message()).isEqualTo("expected == 32 KB, but it is 0 B");
    }

    @Test
    void showsTheMachineAtATime() {
        touchEightPages();

        assertThat(world.task(world.machineAt(1_500_000), "p").regions()).containsKey("buf");
        assertThat(io.mmspec.runtime.assertions.AddressSpaceDrawing.draw(world.task(world.machineAt(500_000), "p"))).isEmpty();
    }

    @Test
    void reportsAMistakeOfAStepWithTheLanguagesMessageAndTheScenario() {
        touchEightPages();

        assertThatThrownBy(() -> world.require("q alive"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("unknown process 'q'; did you mean 'p'?")
                .hasMessageContaining("  10 |   expect: q alive");
    }

    @Test
    void findsAScenarioFileBesideTheFeature() throws Exception {
        Files.writeString(dir.resolve("s.mms"), "scenario \"s\" {\n  process p pid 1\n  expect: p alive\n}\n");
        world.begin("a file", dir.resolve("t.feature").toUri());

        world.useFile("s.mms");

        assertThat(world.run().expectations()).singleElement().matches(ExpectationResult::passed);
        assertThatThrownBy(() -> world.draft()).hasMessageContaining("runs the file");
    }

    @Test
    void saysWhereItLookedForAMissingScenarioFile() {
        assertThatThrownBy(() -> world.useFile("missing.mms"))
                .hasMessageContaining("no scenario file \"missing.mms\" beside " + dir.resolve("t.feature").toUri());
    }

    private void touchEightPages() {
        world.act(Optional.empty(), "p maps buf anon 32 KB rw private");
        world.act(Optional.empty(), "p touches buf");
    }
}
