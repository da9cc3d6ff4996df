package dev.bulwark.core.internal.rules;

import java.util.Arrays;

/**
 * The indexes of a value that hold one of a few ASCII characters, in increasing order, found by
 * one {@code String.indexOf} per character that the value's {@link TextProfile} says it holds:
 * much faster than a loop of {@code charAt} over every character, for scans that act only on
 * rare punctuation and skip the rest (prose is mostly letters and spaces).
 *
 * <p>Linear: {@link #next} is called with a {@code from} that never decreases, and each
 * character's search goes on from where it stopped, so every character of the value is searched
 * at most once per character of the set. Not thread-safe: one instance per scan.
 */
public final class CharPositions {

    private final String text;
    private final char[] chars;
    /** Next index of each of {@link #chars} at or after the last {@code from}; -1 when none is left. */
    private final int[] next;

    /**
     * @param text the value
     * @param chars the ASCII characters looked for
     * @param profile the profile of {@code text}: characters it does not hold are not searched
     */
    public CharPositions(String text, String chars, TextProfile profile) {
        this.text = text;
        int held = 0;
        char[] found = new char[chars.length()];
        for (int i = 0; i < chars.length(); i++) {
            if (profile == null || profile.has(chars.charAt(i))) {
                found[held++] = chars.charAt(i);
            }
        }
        this.chars = Arrays.copyOf(found, held);
        this.next = new int[held];
        for (int k = 0; k < held; k++) {
            next[k] = text.indexOf(this.chars[k]);
        }
    }

    /** The positions of {@code chars} in {@code text}, a value whose profile is not at hand. */
    public CharPositions(String text, String chars) {
        this(text, chars, null);
    }

    /**
     * The first index at or after {@code from} that holds one of the characters, or -1; {@code from}
     * must not be smaller than in the previous call.
     */
    public int next(int from) {
        int first = -1;
        for (int k = 0; k < next.length; k++) {
            int at = next[k];
            if (at >= 0 && at < from) {
                at = text.indexOf(chars[k], from);
                next[k] = at;
            }
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
