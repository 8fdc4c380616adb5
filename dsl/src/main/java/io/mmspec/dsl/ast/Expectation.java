package io.mmspec.dsl.ast;

import java.util.Optional;

/**
 * {@code expect [when] [[N points]] ["label"]: predicate}. Points default to 1 for grading.
 */
public record Expectation(When when, Optional<Count> points, Optional<StringLit> label,
                          Predicate predicate, Span span) {

    /** When the predicate is evaluated. */
    public sealed interface When {

        /** {@code expect:} at the end of the run. */
        record AtEnd() implements When {
        }

        /** {@code expect at T:} on the state at T, after every event at or before T. */
        record At(Time time) implements When {
        }

        /** {@code expect by T:} at some point at or before T. */
        record By(Time time) implements When {
        }

        /** {@code expect never:} at no point of the run. */
        record Never() implements When {
        }

        /** {@code expect always:} at every point of the run. */
        record Always() implements When {
        }
    }
}
