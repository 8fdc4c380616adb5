package io.mmspec.dsl.run;

/** Sizes for people: the largest binary unit that divides exactly, else bytes. */
public final class Sizes {
    private Sizes() {
    }

    public static String describe(long bytes) {
        String[] units = {"TB", "GB", "MB", "KB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes / unit) + " " + units[i];
            }
        }
        return bytes + " B";
    }
}
