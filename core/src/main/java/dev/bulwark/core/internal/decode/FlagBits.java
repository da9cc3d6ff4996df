package dev.bulwark.core.internal.decode;

import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.internal.rules.Surrogates;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Decoding flags as bits of an {@code int}, so the hot paths collect them without allocating. */
final class FlagBits {

    private static final DecodingFlag[] FLAGS = DecodingFlag.values();

    static final int MULTIPLE_ENCODING = bit(DecodingFlag.MULTIPLE_ENCODING);
    static final int ENCODING_DEPTH_EXCEEDED = bit(DecodingFlag.ENCODING_DEPTH_EXCEEDED);
    static final int INVALID_PERCENT_ENCODING = bit(DecodingFlag.INVALID_PERCENT_ENCODING);
    static final int PERCENT_U_ENCODING = bit(DecodingFlag.PERCENT_U_ENCODING);
    static final int INVALID_UTF8 = bit(DecodingFlag.INVALID_UTF8);
    static final int OVERLONG_UTF8 = bit(DecodingFlag.OVERLONG_UTF8);
    static final int NUL_BYTE = bit(DecodingFlag.NUL_BYTE);
    static final int CONTROL_CHARACTER = bit(DecodingFlag.CONTROL_CHARACTER);
    static final int BACKSLASH_IN_PATH = bit(DecodingFlag.BACKSLASH_IN_PATH);
    static final int DOT_SEGMENTS = bit(DecodingFlag.DOT_SEGMENTS);
    static final int EMPTY_SEGMENTS = bit(DecodingFlag.EMPTY_SEGMENTS);
    static final int PATH_ABOVE_ROOT = bit(DecodingFlag.PATH_ABOVE_ROOT);
    /** Not a {@link DecodingFlag}, and left out by {@link #toSet}: a surrogate that pairs with nothing ({@link Surrogates}). */
    static final int UNPAIRED_SURROGATE = 1 << 30;

    private FlagBits() {
    }

    static int bit(DecodingFlag flag) {
        return 1 << flag.ordinal();
    }

    static int of(Set<DecodingFlag> flags) {
        int bits = 0;
        for (DecodingFlag flag : flags) {
            bits |= bit(flag);
        }
        return bits;
    }

    /** An unmodifiable set of the flags whose bits are set; the shared empty set for none. */
    static Set<DecodingFlag> toSet(int bits) {
        if (bits == 0) {
            return Set.of();
        }
        EnumSet<DecodingFlag> set = EnumSet.noneOf(DecodingFlag.class);
        for (DecodingFlag flag : FLAGS) {
            if ((bits & bit(flag)) != 0) {
                set.add(flag);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    /**
     * Flags for the control characters in {@code text}: {@code NUL_BYTE} for U+0000 and
     * {@code CONTROL_CHARACTER} for the other C0 controls except tab, CR and LF; and
     * {@link #UNPAIRED_SURROGATE} for a surrogate that pairs with nothing, found in the same pass.
     * Takes a {@code String}, as every caller has one: every value of a request passes here, and
     * the loop then reads the string directly instead of through {@code CharSequence}.
     */
    static int controlCharacters(String text) {
        int bits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c == 0) {
                    bits |= NUL_BYTE;
                } else if (c != '\t' && c != '\n' && c != '\r') {
                    bits |= CONTROL_CHARACTER;
                }
            } else if (Character.isSurrogate(c)) {
                if (Surrogates.startsPair(text, i)) {
                    i++;
                } else {
                    bits |= UNPAIRED_SURROGATE;
                }
            }
        }
        return bits;
    }
}
