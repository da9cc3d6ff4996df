package dev.bulwark.core.internal.xss;

import java.util.Locale;

/**
 * An immutable set of lower-case ASCII words that answers "is {@code buf[from, to)} one of them"
 * without allocating, so that keyword tables stay data while the scanners stay allocation-free.
 */
final class WordSet {

    private final char[][] slots;
    private final int[] positions;
    private final int mask;
    private final int longest;
    private final String[] words;

    private WordSet(String... words) {
        int size = Integer.highestOneBit(Math.max(4, words.length * 4)) << 1;
        this.words = words.clone();
        slots = new char[size][];
        positions = new int[size];
        mask = size - 1;
        int max = 0;
        for (int i = 0; i < words.length; i++) {
            char[] chars = words[i].toLowerCase(Locale.ROOT).toCharArray();
            max = Math.max(max, chars.length);
            int slot = hash(chars, 0, chars.length) & mask;
            while (slots[slot] != null) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = chars;
            positions[slot] = i;
        }
        longest = max;
    }

    static WordSet of(String... words) {
        return new WordSet(words);
    }

    /** Whether the characters {@code buf[from, to)} (already lower case) form one of the words. */
    boolean contains(char[] buf, int from, int to) {
        return indexOf(buf, from, to) >= 0;
    }

    /** The position of {@code buf[from, to)} in the list the set was built from, or -1. */
    int indexOf(char[] buf, int from, int to) {
        if (to <= from || to - from > longest) {
            return -1;
        }
        int slot = hash(buf, from, to) & mask;
        char[] candidate;
        while ((candidate = slots[slot]) != null) {
            if (equal(candidate, buf, from, to)) {
                return positions[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The words, in the order the set was built from. */
    String[] words() {
        return words.clone();
    }

    /** The length of the longest word, to bound look-ups. */
    int longest() {
        return longest;
    }

    private static boolean equal(char[] word, char[] buf, int from, int to) {
        if (word.length != to - from) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (word[i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] buf, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        return h ^ (h >>> 16);
    }
}
