package dev.bulwark.core.internal.rules;

/**
 * What one pass over a value found: which ASCII characters occur in it, and whether any other
 * character does. Computed once per value and shared by every detector, so that a quick reject
 * ("the value holds none of the characters this attack needs") costs a mask test instead of
 * another pass over the value.
 */
public final class TextProfile {

    final long low;
    final long high;
    private final boolean nonAscii;

    private TextProfile(long low, long high, boolean nonAscii) {
        this.low = low;
        this.high = high;
        this.nonAscii = nonAscii;
    }

    /** The profile of {@code text}. */
    public static TextProfile of(String text) {
        long low = 0;
        long high = 0;
        boolean nonAscii = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            // Shifts use the low six bits of the distance: 1L << c is the bit of c within its half.
            if (c < 64) {
                low |= 1L << c;
            } else if (c < 128) {
                high |= 1L << c;
            } else {
                nonAscii = true;
            }
        }
        return new TextProfile(low, high, nonAscii);
    }

    /** Whether any character of {@code set} occurs. */
    public boolean hasAny(AsciiSet set) {
        return (low & set.low) != 0 || (high & set.high) != 0;
    }

    /** Whether {@code c}, an ASCII character, occurs. */
    public boolean has(char c) {
        return c < 64 ? (low & (1L << c)) != 0 : c < 128 && (high & (1L << c)) != 0;
    }

    /** Whether some character outside ASCII occurs. */
    public boolean hasNonAscii() {
        return nonAscii;
    }

    /** Whether the value holds only characters of {@code set}. */
    public boolean hasOnly(AsciiSet set) {
        return !nonAscii && (low & ~set.low) == 0 && (high & ~set.high) == 0;
    }
}
