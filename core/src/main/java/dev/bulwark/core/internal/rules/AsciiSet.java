package dev.bulwark.core.internal.rules;

/**
 * An immutable set of ASCII characters as two 64-bit masks, for testing against a
 * {@link TextProfile} in constant time.
 */
public final class AsciiSet {

    /** ASCII letters. */
    public static final AsciiSet LETTERS = range('a', 'z').union(range('A', 'Z'));
    /** ASCII digits. */
    public static final AsciiSet DIGITS = range('0', '9');

    final long low;
    final long high;

    private AsciiSet(long low, long high) {
        this.low = low;
        this.high = high;
    }

    /** The characters of {@code chars}, all ASCII. */
    public static AsciiSet of(String chars) {
        long low = 0;
        long high = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c >= 128) {
                throw new IllegalArgumentException("not ASCII: U+" + Integer.toHexString(c));
            }
            if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }
        return new AsciiSet(low, high);
    }

    /** The characters {@code from} to {@code to}, both included, all ASCII. */
    public static AsciiSet range(char from, char to) {
        StringBuilder chars = new StringBuilder();
        for (char c = from; c <= to; c++) {
            chars.append(c);
        }
        return of(chars.toString());
    }

    /** This set and {@code other} together. */
    public AsciiSet union(AsciiSet other) {
        return new AsciiSet(low | other.low, high | other.high);
    }

    /** Whether {@code c} is in the set. */
    public boolean contains(char c) {
        return c < 64 ? (low & (1L << c)) != 0 : c < 128 && (high & (1L << (c - 64))) != 0;
    }
}
