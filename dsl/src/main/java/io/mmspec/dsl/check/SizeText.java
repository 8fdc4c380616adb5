package io.mmspec.dsl.check;

/** Sizes written for people: the largest unit that divides them exactly ({@code 12 MB}, {@code 1500 B}). */
final class SizeText {

    private static final String[] UNITS = {"TB", "GB", "MB", "KB"};

    private SizeText() {
    }

    static String of(long bytes) {
        for (int i = 0; i < UNITS.length; i++) {
            long unit = 1L << (10 * (UNITS.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + " " + UNITS[i];
            }
        }
        return bytes + " B";
    }
}
