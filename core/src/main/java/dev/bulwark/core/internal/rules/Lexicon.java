package dev.bulwark.core.internal.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * An immutable set of ASCII words looked up by a range of a {@link CharSequence} or a
 * {@code char[]}, ignoring case, without allocating. Each word carries an int of flags chosen by
 * the table that builds it.
 */
public final class Lexicon {

    /**
     * The table, by hash: per slot the word's flags (high 32 bits), where its letters start in
     * {@link #letters} (bits 8 to 31) and its length (low 8 bits); 0 for an empty slot. Primitives
     * in two arrays, so that a probe reads a slot and the letters it compares, not a string object
     * and then its bytes: in a server, where the tables go cold between requests, each reference
     * followed is a cache miss.
     */
    private final long[] slots;
    /** The letters of every word, lower case, one word after another. */
    private final char[] letters;
    private final List<String> ordered;
    private final int mask;
    private final int maxLength;
    private final int minLength;
    /**
     * Per pair of lower-case first and last characters (hashed into {@link #endsSlot}), a bit per
     * word length (up to 63) that some word with those ends has.
     */
    private final long[] lengthsByEnds;

    /** Longest word, in characters: its length must fit a slot's low 8 bits. */
    static final int MAX_WORD_LENGTH = 255;

    private Lexicon(long[] slots, char[] letters, List<String> ordered, int maxLength, int minLength,
            long[] lengthsByEnds) {
        this.slots = slots;
        this.letters = letters;
        this.ordered = ordered;
        this.mask = slots.length - 1;
        this.maxLength = maxLength;
        this.minLength = minLength;
        this.lengthsByEnds = lengthsByEnds;
    }

    /** A lexicon whose words all carry {@code flag}. */
    public static Lexicon of(int flag, String... entries) {
        return builder().add(flag, entries).build();
    }

    /** A lexicon whose words carry flag 1. */
    public static Lexicon of(String... entries) {
        return of(1, entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxLength() {
        return maxLength;
    }

    /** The words in lower case, in the order they were added; for tables built from other tables. */
    public List<String> words() {
        return ordered;
    }

    /** Flags of the word in {@code [from, to)}, or 0 when it is not in the lexicon. */
    public int flags(CharSequence s, int from, int to) {
        int n = to - from;
        if (!lengthFits(n) || !endsFit(Ascii.lower(s.charAt(from)), Ascii.lower(s.charAt(to - 1)), n)) {
            return 0;
        }
        int h = hash(s, from, to) & mask;
        while (true) {
            long slot = slots[h];
            if (slot == 0) {
                return 0;
            }
            if (length(slot) == n && equalsLetters(s, from, start(slot), n)) {
                return flagsOf(slot);
            }
            h = (h + 1) & mask;
        }
    }

    /** Flags of the word in {@code buf[from, to)}, or 0 when it is not in the lexicon. */
    public int flags(char[] buf, int from, int to) {
        int n = to - from;
        if (!lengthFits(n) || !endsFit(Ascii.lower(buf[from]), Ascii.lower(buf[to - 1]), n)) {
            return 0;
        }
        int h = hash(buf, from, to) & mask;
        while (true) {
            long slot = slots[h];
            if (slot == 0) {
                return 0;
            }
            if (length(slot) == n && equalsLetters(buf, from, start(slot), n)) {
                return flagsOf(slot);
            }
            h = (h + 1) & mask;
        }
    }

    private boolean lengthFits(int n) {
        return n >= minLength && n <= maxLength;
    }

    /**
     * Whether some word of length {@code n} may start with {@code first} and end with {@code last}
     * (both lower case): most ranges are rejected here, without hashing the whole range.
     */
    private boolean endsFit(char first, char last, int n) {
        return n > 63 || first < 128 && last < 128 && (lengthsByEnds[endsSlot(first, last, lengthsByEnds.length)] & (1L << n)) != 0;
    }

    private static int endsSlot(char first, char last, int slots) {
        return (first * 31 + last) & (slots - 1);
    }

    public boolean contains(char[] buf, int from, int to) {
        return flags(buf, from, to) != 0;
    }

    public boolean contains(CharSequence s, int from, int to) {
        return flags(s, from, to) != 0;
    }

    public boolean contains(CharSequence s) {
        return flags(s, 0, s.length()) != 0;
    }

    /**
     * Length of the longest word that {@code [from, to)} ends with, starting at least
     * {@code minSuffix} characters before {@code to}; 0 when none.
     */
    public int longestSuffix(CharSequence s, int from, int to, int minSuffix) {
        int lowest = Math.max(from, to - maxLength);
        for (int start = lowest; start <= to - minSuffix; start++) {
            if (flags(s, start, to) != 0) {
                return to - start;
            }
        }
        return 0;
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + Ascii.lower(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    private static int hash(char[] buf, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + Ascii.lower(buf[i]);
        }
        return h ^ (h >>> 16);
    }

    private static int length(long slot) {
        return (int) slot & 0xFF;
    }

    private static int start(long slot) {
        return (int) (slot >>> 8) & 0xFF_FFFF;
    }

    private static int flagsOf(long slot) {
        return (int) (slot >>> 32);
    }

    /** Whether {@code s[from, from + n)} is, ignoring case, the word of {@code n} letters at {@code start}. */
    private boolean equalsLetters(CharSequence s, int from, int start, int n) {
        for (int i = 0; i < n; i++) {
            if (Ascii.lower(s.charAt(from + i)) != letters[start + i]) {
                return false;
            }
        }
        return true;
    }

    private boolean equalsLetters(char[] buf, int from, int start, int n) {
        for (int i = 0; i < n; i++) {
            if (Ascii.lower(buf[from + i]) != letters[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** Collects words, then builds the table once. */
    public static final class Builder {
        private final LinkedHashMap<String, Integer> entries = new LinkedHashMap<>();

        public Builder add(int flag, String... words) {
            for (String w : words) {
                String key = w.toLowerCase(Locale.ROOT);
                entries.merge(key, flag, (a, b) -> a | b);
            }
            return this;
        }

        public Lexicon build() {
            int size = Integer.highestOneBit(Math.max(4, entries.size() * 3)) << 1;
            long[] slots = new long[size];
            StringBuilder letters = new StringBuilder();
            int max = 0;
            int min = Integer.MAX_VALUE;
            // Eight slots a word, up to 1,024: pairs of ends seldom share a slot, and the table stays small.
            long[] lengthsByEnds = new long[Math.min(1024, Integer.highestOneBit(Math.max(2, entries.size())) * 16)];
            for (var e : entries.entrySet()) {
                String w = e.getKey();
                if (w.isEmpty() || w.length() > MAX_WORD_LENGTH) {
                    throw new IllegalArgumentException("words are 1 to " + MAX_WORD_LENGTH + " characters long: " + w);
                }
                if (e.getValue() == 0) {
                    throw new IllegalArgumentException("a word's flags cannot be 0: " + w);
                }
                if (w.length() <= 63) {
                    lengthsByEnds[endsSlot(w.charAt(0), w.charAt(w.length() - 1), lengthsByEnds.length)] |= 1L << w.length();
                }
                for (int i = 0; i < w.length(); i++) {
                    if (w.charAt(i) >= 0x80) {
                        throw new IllegalArgumentException("ASCII only: " + w);
                    }
                }
                int h = hash(w, 0, w.length()) & (size - 1);
                while (slots[h] != 0) {
                    h = (h + 1) & (size - 1);
                }
                slots[h] = (long) e.getValue() << 32 | (long) letters.length() << 8 | w.length();
                letters.append(w);
                if (letters.length() > 0xFF_FFFF) {
                    throw new IllegalArgumentException("more than " + 0xFF_FFFF + " letters in all");
                }
                max = Math.max(max, w.length());
                min = Math.min(min, w.length());
            }
            return new Lexicon(slots, letters.toString().toCharArray(), List.copyOf(entries.keySet()), max,
                    entries.isEmpty() ? 1 : min, lengthsByEnds);
        }
    }
}
