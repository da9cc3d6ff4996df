package dev.bulwark.core.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds any of a fixed set of ASCII keywords in text, ignoring case. Candidates are indexed by
 * their first character, so a search costs one table probe per position plus a short comparison
 * for the few keywords that share that first character. Keywords are short and few, so this stays
 * linear in the text.
 */
public final class KeywordSearch {

    private final String[] keywords;
    private final int[][] byFirst = new int[128][];
    /** Bit per (first, second) lower-case ASCII character pair that starts some keyword. */
    private final long[] firstPairs = new long[128 * 128 / 64];

    public KeywordSearch(String... words) {
        keywords = new String[words.length];
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            keywords[i] = w;
            char f = w.charAt(0);
            if (f >= 128) {
                throw new IllegalArgumentException("ASCII only: " + w);
            }
            lists.get(f).add(i);
            if (w.length() > 1 && w.charAt(1) < 128) {
                int pair = f * 128 + w.charAt(1);
                firstPairs[pair >>> 6] |= 1L << pair;
            }
        }
        for (int c = 0; c < 128; c++) {
            List<Integer> l = lists.get(c);
            if (!l.isEmpty()) {
                byFirst[c] = l.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    public String keyword(int index) {
        return keywords[index];
    }

    /**
     * The first position in {@code [from, to)} of {@code buf} where a keyword starts, as
     * {@code position << 16 | keywordIndex}; -1 when none.
     */
    public long find(char[] buf, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            char c = Ascii.lower(buf[i]);
            char d = Ascii.lower(buf[i + 1]);
            if (c >= 128 || d >= 128) {
                continue;
            }
            int pair = c * 128 + d;
            if ((firstPairs[pair >>> 6] & (1L << pair)) == 0) {
                continue;
            }
            int[] candidates = byFirst[c];
            if (candidates == null) {
                continue;
            }
            for (int k : candidates) {
                String w = keywords[k];
                int n = w.length();
                if (i + n > to) {
                    continue;
                }
                int j = 1;
                while (j < n && Ascii.lower(buf[i + j]) == w.charAt(j)) {
                    j++;
                }
                if (j == n) {
                    return ((long) i << 16) | k;
                }
            }
        }
        return -1;
    }

    /** Like {@link #find(char[], int, int)} over a {@link CharSequence}. */
    public long find(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = Ascii.lower(s.charAt(i));
            if (c >= 128) {
                continue;
            }
            int[] candidates = byFirst[c];
            if (candidates == null) {
                continue;
            }
            for (int k : candidates) {
                String w = keywords[k];
                if (i + w.length() <= to && Ascii.matchesAt(s, i, w)) {
                    return ((long) i << 16) | k;
                }
            }
        }
        return -1;
    }
}
