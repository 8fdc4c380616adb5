package io.mmspec.dsl.run;

/**
 * The verdict on one expectation.
 *
 * @param line      where the expectation is written
 * @param text      its source text
 * @param label     its label, or empty
 * @param status    pass, fail, or error (the predicate could not be evaluated)
 * @param points    points earned
 * @param maxPoints points it was worth
 * @param actual    what was observed, as text ("2561", "chrome killed by SIGKILL at 1.000 s")
 * @param message   why it failed or erred; empty on a pass
 */
public record ExpectationResult(int line, String text, String label, Status status, int points,
                                int maxPoints, String actual, String message) {

    /** The three outcomes of DESIGN.md's JSON format. */
    public enum Status {
        PASS, FAIL, ERROR;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean passed() {
        return status == Status.PASS;
    }
}
