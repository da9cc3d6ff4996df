package dev.bulwark.core.internal.sql;

import java.util.Arrays;
import java.util.Locale;

/**
 * A fixed, case-insensitive set of ASCII words, each mapped to a small positive number, looked up
 * straight from a range of the scanned text without creating a string.
 *
 * <p>Open addressing over a power-of-two array; built once, read-only afterwards, so it is safe to
 * share between threads.
 */
final class WordTable {

    /** Longer words are never in the table, which bounds the cost of one lookup. */
    static final int MAX_WORD = 32;

    private final char[][] keys;
    private final int[] values;
    private final int mask;
    /** Per lower-case ASCII first character, a bit per length (up to {@link #MAX_WORD}) that some word has. */
    private final long[] lengthsByFirst = new long[128];

    WordTable(String[] words, int[] ids) {
        int size = Integer.highestOneBit(Math.max(16, words.length * 4) - 1) << 1;
        keys = new char[size][];
        values = new int[size];
        mask = size - 1;
        for (int w = 0; w < words.length; w++) {
            char[] key = words[w].toLowerCase(Locale.ROOT).toCharArray();
            if (key.length > MAX_WORD) {
                throw new IllegalArgumentException("word too long: " + words[w]);
            }
            int slot = hash(key, 0, key.length) & mask;
            while (keys[slot] != null && !Arrays.equals(keys[slot], key)) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = ids[w];
            if (key.length > 0 && key[0] < 128) {
                lengthsByFirst[key[0]] |= 1L << key.length;
            }
        }
    }

    /** The number of the word in {@code text[from, to)}, ignoring ASCII case; 0 when absent. */
    int find(CharSequence text, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_WORD) {
            return 0;
        }
        // Most words are rejected here, by first character and length, without hashing.
        char first = text.charAt(from);
        if (first >= 128 || (lengthsByFirst[lower(first)] & (1L << length)) == 0) {
            return 0;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return 0;
            }
            h = 31 * h + lower(c);
        }
        int slot = mix(h) & mask;
        while (true) {
            char[] key = keys[slot];
            if (key == null) {
                return 0;
            }
            if (key.length == length && sameIgnoringCase(key, text, from)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean sameIgnoringCase(char[] key, CharSequence text, int from) {
        for (int k = 0; k < key.length; k++) {
            if (lower(text.charAt(from + k)) != key[k]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] key, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + key[i];
        }
        return mix(h);
    }

    private static int mix(int h) {
        return h ^ (h >>> 7) ^ (h >>> 15);
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
