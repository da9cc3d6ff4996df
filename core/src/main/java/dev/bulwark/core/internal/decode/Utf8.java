package dev.bulwark.core.internal.decode;

/**
 * A strict UTF-8 decoder (RFC 3629). Every byte sequence that is not well-formed UTF-8 becomes one
 * U+FFFD and is flagged; nothing is ever "repaired" into another character. In particular an
 * overlong form such as {@code C0 AF} or {@code E0 80 AF} (a long way of writing {@code /}) is
 * flagged {@code OVERLONG_UTF8} and becomes U+FFFD, never the character it spells, so that a filter
 * and the application behind it cannot disagree about it.
 */
public final class Utf8 {

    static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /**
     * Decodes {@code length} bytes from {@code offset}, flagging malformed sequences
     * ({@code INVALID_UTF8}, {@code OVERLONG_UTF8}) and control characters ({@code NUL_BYTE},
     * {@code CONTROL_CHARACTER}).
     */
    public static DecodedText decode(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        int bits = decodeInto(bytes, offset, length, out);
        String text = out.toString();
        return DecodedText.withBits(text, bits | FlagBits.controlCharacters(text));
    }

    /** Decodes into {@code out} and returns the flag bits for malformed sequences. */
    static int decodeInto(byte[] bytes, int offset, int length, StringBuilder out) {
        int bits = 0;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int need;
            boolean overlong = false;
            boolean outOfRange = false;
            int second = i + 1 < end ? bytes[i + 1] & 0xFF : -1;
            if (b < 0xC0 || b > 0xF4) {
                // A stray continuation byte, or a lead byte that no valid sequence uses.
                out.append(REPLACEMENT);
                bits |= FlagBits.INVALID_UTF8;
                i++;
                continue;
            } else if (b < 0xC2) {
                need = 1;
                overlong = true;
            } else if (b < 0xE0) {
                need = 1;
            } else if (b < 0xF0) {
                need = 2;
                overlong = b == 0xE0 && second >= 0x80 && second < 0xA0;
                outOfRange = b == 0xED && second >= 0xA0; // UTF-16 surrogates
            } else {
                need = 3;
                overlong = b == 0xF0 && second >= 0x80 && second < 0x90;
                outOfRange = b == 0xF4 && second >= 0x90; // above U+10FFFF
            }
            int available = 0;
            while (available < need && i + 1 + available < end && isContinuation(bytes[i + 1 + available])) {
                available++;
            }
            if (available < need || overlong || outOfRange) {
                out.append(REPLACEMENT);
                bits |= FlagBits.INVALID_UTF8;
                if (overlong && available > 0) {
                    bits |= FlagBits.OVERLONG_UTF8;
                }
                i += 1 + available;
                continue;
            }
            int codePoint;
            if (need == 1) {
                codePoint = ((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F);
            } else if (need == 2) {
                codePoint = ((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F);
            } else {
                codePoint = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12)
                        | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
            }
            out.appendCodePoint(codePoint);
            i += 1 + need;
        }
        return bits;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
