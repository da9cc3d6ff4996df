package dev.bulwark.core.internal.rules;

import java.util.Arrays;

/**
 * Base64 inside values: attackers base64-encode serialized objects, scripts and keywords to slip
 * past keyword filters. This finds base64 runs and decodes them (standard and URL-safe alphabets)
 * at each of the four bit alignments a fragment cut from a longer base64 stream can have, so a
 * keyword is found whichever character the fragment starts at.
 */
public final class Base64Text {

    /** Runs shorter than this are not worth decoding: too little room for a keyword. */
    public static final int MIN_RUN = 10;

    private Base64Text() {}

    /** The 6-bit value of each ASCII character (both alphabets), or -1. */
    private static final byte[] SEXTETS = new byte[128];
    /** ASCII characters that start a quartet encoding printable text: {@code I-Z} and {@code a-f}. */
    private static final AsciiSet TEXT_QUARTET_START = AsciiSet.range('I', 'Z').union(AsciiSet.range('a', 'f'));

    static {
        Arrays.fill(SEXTETS, (byte) -1);
        for (char c = 'A'; c <= 'Z'; c++) {
            SEXTETS[c] = (byte) (c - 'A');
        }
        for (char c = 'a'; c <= 'z'; c++) {
            SEXTETS[c] = (byte) (c - 'a' + 26);
        }
        for (char c = '0'; c <= '9'; c++) {
            SEXTETS[c] = (byte) (c - '0' + 52);
        }
        SEXTETS['+'] = 62;
        SEXTETS['-'] = 62;
        SEXTETS['/'] = 63;
        SEXTETS['_'] = 63;
    }

    /** The 6-bit value of a base64 character (both alphabets), or -1. */
    public static int sextet(char c) {
        return c < 128 ? SEXTETS[c] : -1;
    }

    /**
     * Decodes {@code [from, to)} of {@code s}, skipping the first {@code skipBits} bits (0, 2, 4
     * or 6), into {@code out} as one char per byte. Returns the number of bytes written.
     */
    public static int decode(CharSequence s, int from, int to, int skipBits, char[] out) {
        int acc = 0;
        int bits = -skipBits;
        int n = 0;
        for (int i = from; i < to; i++) {
            int v = sextet(s.charAt(i));
            if (v < 0) {
                break;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (char) ((acc >>> bits) & 0xFF);
            }
            acc &= 0xFFF;
        }
        return n;
    }

    /**
     * End of the base64 run starting at {@code from} (exclusive). A run uses letters, digits and
     * one alphabet's two extra characters; trailing {@code =} padding is not included.
     */
    public static int runEnd(CharSequence s, int from, int to) {
        int i = from;
        while (i < to && sextet(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /**
     * Whether a run can be base64 of printable ASCII text at some alignment. Each group of four
     * base64 characters starts with the top six bits of a byte, which for printable ASCII is one of
     * {@code I-Z} or {@code a-f}; some phase of the run must satisfy that at every fourth character.
     * Rejects most ordinary tokens ({@code Chrome/120}, identifiers, ids) before any decoding.
     */
    public static boolean mayEncodeText(CharSequence s, int from, int to) {
        int phases = 0b1111;
        for (int i = from; i < to && phases != 0; i++) {
            char c = s.charAt(i);
            if (!TEXT_QUARTET_START.contains(c)) {
                phases &= ~(1 << ((i - from) & 3));
            }
        }
        return phases != 0;
    }

    /** Whether a run mixes upper and lower case letters, as encoded text almost always does. */
    public static boolean looksEncoded(CharSequence s, int from, int to) {
        boolean upper = false;
        boolean lowerCase = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lowerCase |= c >= 'a' && c <= 'z';
            if (upper && lowerCase) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes a value that is one base64 token as a whole (optionally padded) into text, or returns
     * null when the value is not such a token or does not decode to printable text. Used to scan
     * an encoded payload a second time.
     *
     * @param minLength shortest token worth decoding
     */
    public static String decodeWholeValueAsText(String value, int minLength) {
        int from = Ascii.skipSpaces(value, 0, value.length());
        int to = value.length();
        while (to > from && Ascii.isSpace(value.charAt(to - 1))) {
            to--;
        }
        int padded = to;
        while (to > from && value.charAt(to - 1) == '=') {
            to--;
        }
        if (to - from < minLength || padded - to > 2 || runEnd(value, from, to) != to
                || !looksEncoded(value, from, to)) {
            return null;
        }
        char[] head = new char[3];
        if (decode(value, from, from + 4, 0, head) < 3 || !isText(head[0]) || !isText(head[1]) || !isText(head[2])) {
            return null;
        }
        char[] buf = new char[(to - from) * 3 / 4 + 1];
        int n = decode(value, from, to, 0, buf);
        int printable = 0;
        for (int i = 0; i < n; i++) {
            char c = buf[i];
            if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t') {
                printable++;
            }
        }
        if (n == 0 || printable * 10 < n * 9) {
            return null;
        }
        return new String(buf, 0, n);
    }

    private static boolean isText(char c) {
        return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
    }

    /** Decodes a whole-value base64 token into bytes (as chars), or null when it is not one. */
    public static char[] decodeWholeValue(String value, int minLength) {
        int from = Ascii.skipSpaces(value, 0, value.length());
        int to = value.length();
        while (to > from && (Ascii.isSpace(value.charAt(to - 1)) || value.charAt(to - 1) == '=')) {
            to--;
        }
        if (to - from < minLength || runEnd(value, from, to) != to) {
            return null;
        }
        char[] buf = new char[(to - from) * 3 / 4 + 1];
        int n = decode(value, from, to, 0, buf);
        return Arrays.copyOf(buf, n);
    }
}
