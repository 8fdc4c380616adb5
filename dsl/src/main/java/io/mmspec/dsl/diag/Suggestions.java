package io.mmspec.dsl.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" hints: the known name closest to a misspelt one by edit distance
 * (Damerau-Levenshtein with adjacent transpositions), if it is close enough to be a typo.
 * A name differing only in case is always suggested. Ties go to the candidate sharing the
 * longest prefix, then to the one listed first, so hints are deterministic.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The closest candidate, if any is within the typo distance of {@code wrong}. */
    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (String candidate : candidates) {
            if (candidate.equals(wrong)) {
                continue;
            }
            int distance = candidate.toLowerCase(Locale.ROOT).equals(wrong.toLowerCase(Locale.ROOT))
                    ? 0 : distance(wrong, candidate);
            int prefix = commonPrefix(wrong, candidate);
            if (distance < bestDistance || distance == bestDistance && prefix > bestPrefix) {
                best = candidate;
                bestDistance = distance;
                bestPrefix = prefix;
            }
        }
        return bestDistance <= allowedDistance(wrong) ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean 'x'?" or "" when nothing is close: to append to a message. */
    public static String hint(String wrong, Collection<String> candidates) {
        return closest(wrong, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /** How many edits still look like a typo: 1 for short names, up to 3 for long ones. */
    static int allowedDistance(String wrong) {
        int length = wrong.length();
        return length <= 3 ? 1 : length <= 7 ? 2 : 3;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions, swaps. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
