package io.mmspec.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.parse.ScenarioParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineOrderTest {

    private static List<Statement> statements(String text) {
        return ScenarioParser.parseActions(text, "t.mms", 1).value().orElseThrow();
    }

    @Test
    void runsStatementsByTimeThenLineWhateverOrderTheyAreWrittenIn() {
        List<TimelineOrder.Scheduled> order = TimelineOrder.order(statements("""
                at 2 s: p touches a
                at 1 s: p touches b
                at 2 s: p touches c
                at 0 s: p touches d
                """));

        assertThat(order).extracting(s -> s.statement().span().line()).containsExactly(4, 2, 1, 3);
        assertThat(order).extracting(TimelineOrder.Scheduled::firstTime)
                .containsExactly(0L, 1_000_000_000L, 2_000_000_000L, 2_000_000_000L);
    }

    @Test
    void countsAfterFromTheStatementWrittenJustBefore() {
        List<TimelineOrder.Scheduled> order = TimelineOrder.order(statements("""
                after 5 ms: p touches a
                at 1 s: p touches b
                after 10 ms: p touches c
                every 1 s from 3 s to 5 s: p touches d
                after 1 ms: p touches e
                repeat 3 times: p touches f
                """));

        // 0 + 5 ms; 1 s; 1 s + 10 ms; 3 s; 3 s + 1 ms; the repeat starts with the statement before it
        assertThat(order).extracting(TimelineOrder.Scheduled::firstTime).containsExactly(
                5_000_000L, 1_000_000_000L, 1_010_000_000L, 3_000_000_000L, 3_001_000_000L, 3_001_000_000L);
    }
}
