package io.mmspec.features;

import io.cucumber.java.ParameterType;
import io.mmspec.dsl.ast.Permission;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Time;
import java.util.Locale;
import java.util.Optional;

/**
 * The parameter types of the step library. Values are read by the scenario language's own
 * rules ({@link Literals}): {@code {size}} {@code 16 GB}, {@code 2500 pages}; {@code {time}}
 * {@code 10 ms}, {@code 1.5 s}; {@code {permission}} {@code r-x}, {@code rw}. Names of processes
 * are quoted ({@code "chrome"}); regions are written as in the language ({@code buf},
 * {@code buf[4 KB .. 8 KB]}, {@code buf + 4 KB}).
 * <p>
 * {@code {at}} is an optional time in front of a step, {@code at 5 ms, }: the step happens (or
 * looks) at that time instead of one millisecond after the previous action (or at the end).
 */
public final class ParameterTypes {
    /** A name of the language, in quotes. */
    static final String QUOTED_NAME = "\"([A-Za-z_][A-Za-z0-9_]*)\"";
    /** A region as the language writes it: a name, a slice, a name plus an offset, or an address. */
    static final String REGION = "[A-Za-z_][A-Za-z0-9_]*(?: ?\\[[^\\]]*\\]| ?\\+ ?\\d+(?:\\.\\d+)? ?[A-Za-z]+)?"
            + "|0x[0-9a-fA-F]+";
    /** Kernel GFP masks as C writes them: GFP_KERNEL, GFP_ATOMIC, GFP_DMA | __GFP_ZERO. */
    static final String GFP = "(?:__)?GFP_[A-Z0-9_]+(?: ?\\| ?(?:__)?GFP_[A-Z0-9_]+)*";

    @ParameterType(Literals.QUANTITY)
    public Size size(String text) {
        return Literals.size(text);
    }

    @ParameterType(Literals.QUANTITY)
    public Time time(String text) {
        return Literals.time(text);
    }

    @ParameterType("[r-][w-][x-]|rwx|rw|rx|wx|r|w|x")
    public Permission permission(String text) {
        return Literals.permission(text);
    }

    @ParameterType(QUOTED_NAME)
    public String process(String name) {
        return name;
    }

    @ParameterType(REGION)
    public String region(String text) {
        return text;
    }

    @ParameterType("0x[0-9a-fA-F]+")
    public Long address(String text) {
        return Long.parseUnsignedLong(text.substring(2), 16);
    }

    @ParameterType("private|shared")
    public String sharing(String text) {
        return text;
    }

    /** {@code GFP_DMA | __GFP_ZERO} to the language's words, {@code gfp dma | zero}. */
    @ParameterType(GFP)
    public Gfp gfp(String text) {
        StringBuilder words = new StringBuilder("gfp");
        String separator = " ";
        for (String flag : text.split("\\|")) {
            words.append(separator).append(flag.strip().replaceFirst("^(__)?GFP_", "").toLowerCase(Locale.ROOT));
            separator = " | ";
        }
        return new Gfp(text, words.toString());
    }

    @ParameterType("(?:at (" + Literals.QUANTITY + "), )?")
    public Optional<Time> at(String time) {
        return time == null || time.isEmpty() ? Optional.empty() : Optional.of(Literals.time(time));
    }

    /**
     * A GFP mask.
     *
     * @param kernel   as the kernel writes it: {@code GFP_DMA | __GFP_ZERO}
     * @param language as the scenario language writes it: {@code gfp dma | zero}
     */
    public record Gfp(String kernel, String language) {
    }
}
