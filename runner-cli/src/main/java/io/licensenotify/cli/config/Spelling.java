package io.licensenotify.cli.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** How far apart two spellings are, for the "did you mean" of a mistyped key or command. */
public final class Spelling {
    private Spelling() {
    }

    /** The known word nearest to {@code typed}, if it is at most {@code most} edits away. */
    public static Optional<String> nearest(String typed, Collection<String> known, int most) {
        return known.stream().min(Comparator.comparingInt(k -> distance(typed, k)))
                .filter(k -> distance(typed, k) <= most);
    }

    /** Levenshtein's edit distance, with a swap of two neighbours counted as one edit ("sned" is 1 from "send"). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++)
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        return d[a.length()][b.length()];
    }
}
