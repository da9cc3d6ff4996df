package dev.bulwark.core.internal.rules;

/**
 * The indexes of a value that hold one of a set of ASCII characters, in increasing order, for
 * scans that act only on rare punctuation and skip the rest (prose is mostly letters and spaces).
 * When the value holds at most {@value #SEARCHED} characters of the set (its {@link TextProfile}
 * says which), each is found by {@code String.indexOf}, much faster than a loop of {@code charAt}
 * over every character; with more, the value is read character by character.
 *
 * <p>Linear: {@link #next} is called with a {@code from} that never decreases, and each
 * character's search goes on from where it stopped, so every character of the value is read at
 * most once per searched character. Allocates nothing beyond itself. Not thread-safe: one
 * instance per scan.
 */
public final class CharPositions {

    /** Characters of the set that are searched one by one with {@code String.indexOf}, at most. */
    static final int SEARCHED = 4;

    private final String text;
    private final AsciiSet set;
    /** How many characters are searched, or -1 when the value is read character by character. */
    private final int searched;
    private final char c0;
    private final char c1;
    private final char c2;
    private final char c3;
    /** Next index of each searched character at or after the last {@code from}; -1 when none is left. */
    private int n0;
    private int n1;
    private int n2;
    private int n3;

    /**
     * @param text the value
     * @param set the characters looked for
     * @param profile the profile of {@code text}, or {@code null} when not at hand: characters the
     *     value does not hold are not searched
     */
    public CharPositions(String text, AsciiSet set, TextProfile profile) {
        this.text = text;
        this.set = set;
        long low = profile == null ? set.low : set.low & profile.low;
        long high = profile == null ? set.high : set.high & profile.high;
        int count = Long.bitCount(low) + Long.bitCount(high);
        this.searched = count <= SEARCHED ? count : -1;
        this.c0 = nth(low, high, 0);
        this.c1 = nth(low, high, 1);
        this.c2 = nth(low, high, 2);
        this.c3 = nth(low, high, 3);
        this.n0 = first(0, c0);
        this.n1 = first(1, c1);
        this.n2 = first(2, c2);
        this.n3 = first(3, c3);
    }

    /** The positions of {@code set} in {@code text}, a value whose profile is not at hand. */
    public CharPositions(String text, AsciiSet set) {
        this(text, set, null);
    }

    /** The {@code k}-th character of the set given by its two masks, in ASCII order; 0 when it has fewer. */
    private static char nth(long low, long high, int k) {
        int left = k;
        for (long bits = low; bits != 0; bits &= bits - 1) {
            if (left-- == 0) {
                return (char) Long.numberOfTrailingZeros(bits);
            }
        }
        for (long bits = high; bits != 0; bits &= bits - 1) {
            if (left-- == 0) {
                return (char) (64 + Long.numberOfTrailingZeros(bits));
            }
        }
        return 0;
    }

    private int first(int k, char c) {
        return k < searched ? text.indexOf(c) : -1;
    }

    /**
     * The first index at or after {@code from} that holds one of the characters, or -1; {@code from}
     * must not be smaller than in the previous call.
     */
    public int next(int from) {
        if (searched < 0) {
            for (int i = from, n = text.length(); i < n; i++) {
                if (set.contains(text.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }
        if (n0 >= 0 && n0 < from) {
            n0 = text.indexOf(c0, from);
        }
        if (n1 >= 0 && n1 < from) {
            n1 = text.indexOf(c1, from);
        }
        if (n2 >= 0 && n2 < from) {
            n2 = text.indexOf(c2, from);
        }
        if (n3 >= 0 && n3 < from) {
            n3 = text.indexOf(c3, from);
        }
        return earliest(earliest(n0, n1), earliest(n2, n3));
    }

    private static int earliest(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
