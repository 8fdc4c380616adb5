package io.mmspec.dsl.run;

/**
 * An action or a metric needs a mechanism this version does not simulate yet. The run stops
 * there and says which one: a scenario never passes by skipping what it asked for.
 */
public final class MechanismUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MechanismUnavailable(String what, String mechanism) {
        super(what + " needs " + mechanism + ", which this version of mmspec does not simulate yet");
    }
}
