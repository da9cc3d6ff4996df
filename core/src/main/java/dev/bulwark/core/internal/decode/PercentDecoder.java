package dev.bulwark.core.internal.decode;

import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.internal.rules.Ascii;

/**
 * Percent-decoding (RFC 3986, section 2.1) as applied to query strings, form bodies, paths and
 * cookies, repeated to undo layered encodings.
 *
 * <p>One pass turns {@code %XX} into bytes and reads consecutive bytes as strict UTF-8 (see
 * {@link Utf8}); IIS-style {@code %uXXXX} becomes the UTF-16 unit it names. While the result still
 * holds a valid escape and passes remain, another pass runs: {@code %252e} becomes {@code %2e} and
 * then {@code .}. What every pass undid or saw is recorded as flags:
 * <ul>
 *   <li>{@code MULTIPLE_ENCODING}: a second (or later) pass changed the text;</li>
 *   <li>{@code ENCODING_DEPTH_EXCEEDED}: escapes remain after the last pass;</li>
 *   <li>{@code PERCENT_U_ENCODING}: a {@code %uXXXX} escape was decoded;</li>
 *   <li>{@code INVALID_PERCENT_ENCODING}: a {@code %} of the original input not followed by two hex
 *       digits (kept literally; a literal {@code %} produced by decoding {@code %25} is not
 *       flagged again);</li>
 *   <li>{@code INVALID_UTF8}, {@code OVERLONG_UTF8}: bytes that are not UTF-8 (U+FFFD in the first
 *       pass; a later pass keeps such escapes as they were, see {@link #decode});</li>
 *   <li>{@code NUL_BYTE}, {@code CONTROL_CHARACTER}: in the final text.</li>
 * </ul>
 *
 * <p>Runs in time linear in the input (at most {@code maxPasses} passes), without regular
 * expressions. Immutable and thread-safe.
 */
public final class PercentDecoder {

    private static final int NOT_UTF8 = FlagBits.INVALID_UTF8 | FlagBits.OVERLONG_UTF8;

    private final int maxPasses;

    /** @param maxPasses how many layers of percent-encoding to undo at most; at least 1 */
    public PercentDecoder(int maxPasses) {
        if (maxPasses < 1) {
            throw new IllegalArgumentException("maxPasses must be at least 1, was " + maxPasses);
        }
        this.maxPasses = maxPasses;
    }

    /** How many layers of encoding this decoder undoes at most. */
    public int maxPasses() {
        return maxPasses;
    }

    /**
     * Decodes {@code raw}.
     *
     * <p>The first pass reads bytes that are not UTF-8 as U+FFFD; a later pass leaves their escapes
     * in place (and decodes the well-formed ones beside them), since an escape assembled from what an earlier pass left over (a {@code %} that
     * failed to decode and the digit after it) would otherwise eat the character that follows.
     *
     * @param plusAsSpace whether {@code +} means a space, as in query strings and form bodies
     *     (applied in the first pass only: {@code %2B} stays a plus)
     */
    public DecodedText decode(CharSequence raw, boolean plusAsSpace) {
        if (!needsDecoding(raw, plusAsSpace)) {
            String text = raw.toString();
            return DecodedText.withBits(text, FlagBits.controlCharacters(text));
        }
        String plain = raw instanceof String text ? decodeAsciiEscapes(text, plusAsSpace) : null;
        if (plain != null) {
            return DecodedText.withBits(plain, FlagBits.controlCharacters(plain));
        }
        return decodeByPasses(raw, plusAsSpace);
    }

    /** {@link #decode} the general way, pass after pass: what {@link #decodeAsciiEscapes} must agree with. */
    DecodedText decodeByPasses(CharSequence raw, boolean plusAsSpace) {
        int[] bits = new int[1];
        String text = pass(raw, plusAsSpace, true, bits);
        int passes = 1;
        while (passes < maxPasses && containsEscape(text)) {
            text = pass(text, false, false, bits);
            bits[0] |= FlagBits.MULTIPLE_ENCODING;
            passes++;
        }
        // Escapes a later pass keeps as they were are no layer left undone.
        if (containsEscape(text) && !pass(text, false, false, new int[1]).equals(text)) {
            bits[0] |= FlagBits.ENCODING_DEPTH_EXCEEDED;
        }
        return DecodedText.withBits(text, bits[0] | FlagBits.controlCharacters(text));
    }

    /**
     * {@code raw} decoded as {@link #decode} decodes it, as the value at {@code location}. Most
     * values of a request (header values, identifiers, tokens) need no decoding; they become their
     * value without a {@link DecodedText} in between.
     */
    public RequestValue decodeValue(Location location, String raw, boolean plusAsSpace) {
        if (!needsDecoding(raw, plusAsSpace)) {
            return new RequestValue(location, raw, raw, DecodedText.controlCharacterFlags(raw));
        }
        String plain = decodeAsciiEscapes(raw, plusAsSpace);
        if (plain != null) {
            return new RequestValue(location, raw, plain, DecodedText.controlCharacterFlags(plain));
        }
        DecodedText decoded = decodeByPasses(raw, plusAsSpace);
        return new RequestValue(location, raw, decoded.text(), decoded.flags());
    }

    /**
     * {@code raw} decoded in one go when that is all {@link #decodeByPasses} would do, else
     * {@code null}: when every {@code %} starts a valid {@code %XX} escape of an ASCII character
     * other than {@code %} itself, as in the values clients encode ({@code oak%20table},
     * {@code a%3Db}). Such escapes are whole UTF-8 sequences of one byte, so the first pass
     * decodes each to its character and flags nothing but control characters; the result holds
     * no {@code %}, so no later pass runs and no layer is left. Anything else (a byte of a
     * multibyte sequence, {@code %25}, {@code %u}, a stray {@code %}) takes the passes. Saves
     * the passes' builder, byte buffer and flag array on the common case.
     */
    static String decodeAsciiEscapes(String raw, boolean plusAsSpace) {
        int n = raw.length();
        char[] out = null;
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < n ? Ascii.hexValue(raw.charAt(i + 1)) : -1;
                int low = high >= 0 ? Ascii.hexValue(raw.charAt(i + 2)) : -1;
                int decoded = (high << 4) | low;
                if (low < 0 || decoded >= 0x80 || decoded == '%') {
                    return null;
                }
                if (out == null) {
                    out = new char[n];
                    raw.getChars(0, i, out, 0);
                    length = i;
                }
                out[length++] = (char) decoded;
                i += 2;
            } else if (c == '+' && plusAsSpace) {
                if (out == null) {
                    out = new char[n];
                    raw.getChars(0, i, out, 0);
                    length = i;
                }
                out[length++] = ' ';
            } else if (out != null) {
                out[length++] = c;
            }
        }
        return out == null ? raw : new String(out, 0, length);
    }

    private static boolean needsDecoding(CharSequence raw, boolean plusAsSpace) {
        if (raw instanceof String text) {
            // String.indexOf is vectorised: most values (tokens, user agents) hold neither character.
            return text.indexOf('%') >= 0 || plusAsSpace && text.indexOf('+') >= 0;
        }
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (c == '%' || (c == '+' && plusAsSpace)) {
                return true;
            }
        }
        return false;
    }

    /** One decoding pass; ORs the flags it finds into {@code bits[0]}. */
    private static String pass(CharSequence in, boolean plusAsSpace, boolean firstPass, int[] bits) {
        int n = in.length();
        StringBuilder out = new StringBuilder(n);
        byte[] pending = null;
        int pendingCount = 0;
        int runStart = 0;
        int flags = 0;
        int i = 0;
        while (i < n) {
            char c = in.charAt(i);
            if (c == '%') {
                int high = i + 2 < n ? Ascii.hexValue(in.charAt(i + 1)) : -1;
                int low = high >= 0 ? Ascii.hexValue(in.charAt(i + 2)) : -1;
                if (low >= 0) {
                    if (pending == null) {
                        pending = new byte[n / 3 + 1];
                    }
                    if (pendingCount == 0) {
                        runStart = i;
                    }
                    pending[pendingCount++] = (byte) ((high << 4) | low);
                    i += 3;
                    continue;
                }
                int unit = percentU(in, i);
                if (pendingCount > 0) {
                    flags |= flush(pending, pendingCount, in, runStart, i, firstPass, out);
                    pendingCount = 0;
                }
                if (unit >= 0) {
                    out.append((char) unit);
                    flags |= FlagBits.PERCENT_U_ENCODING;
                    i += 6;
                } else {
                    out.append('%');
                    if (firstPass) {
                        flags |= FlagBits.INVALID_PERCENT_ENCODING;
                    }
                    i++;
                }
                continue;
            }
            if (pendingCount > 0) {
                flags |= flush(pending, pendingCount, in, runStart, i, firstPass, out);
                pendingCount = 0;
            }
            out.append(c == '+' && plusAsSpace ? ' ' : c);
            i++;
        }
        if (pendingCount > 0) {
            flags |= flush(pending, pendingCount, in, runStart, n, firstPass, out);
        }
        bits[0] |= flags;
        return out.toString();
    }

    /**
     * Appends the bytes of the escapes {@code in[runStart, runEnd)} read as UTF-8 and returns the
     * flags. A later pass keeps each escape whose byte is not part of well-formed UTF-8 as it was,
     * and decodes the rest: a real extra layer of encoding decodes to text, whereas such an escape
     * was assembled out of leftovers ({@code %%32%%66} gives {@code %2%f}, and {@code %fb} of
     * {@code %2%fboot.ini} would swallow the first letter of the file name).
     */
    private static int flush(byte[] pending, int count, CharSequence in, int runStart, int runEnd, boolean firstPass,
            StringBuilder out) {
        int mark = out.length();
        int flags = Utf8.decodeInto(pending, 0, count, out);
        if (firstPass || (flags & NOT_UTF8) == 0) {
            return flags;
        }
        out.setLength(mark);
        int k = 0;
        while (k < count) {
            int length = sequenceLength(pending[k]);
            if (length > 0 && k + length <= count) {
                int before = out.length();
                if ((Utf8.decodeInto(pending, k, length, out) & NOT_UTF8) == 0) {
                    k += length;
                    continue;
                }
                out.setLength(before);
            }
            int escape = runStart + 3 * k; // every byte of a run is one %XX escape
            out.append(in, escape, Math.min(runEnd, escape + 3));
            k++;
        }
        return flags;
    }

    /** Bytes in the UTF-8 sequence {@code lead} starts, or 0 when it cannot start one. */
    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b < 0x80) {
            return 1;
        }
        if ((b & 0xE0) == 0xC0) {
            return 2;
        }
        if ((b & 0xF0) == 0xE0) {
            return 3;
        }
        return (b & 0xF8) == 0xF0 ? 4 : 0;
    }

    /** Whether {@code text} still holds a {@code %XX} or {@code %uXXXX} escape. */
    private static boolean containsEscape(String text) {
        int i = text.indexOf('%');
        while (i >= 0) {
            if (i + 2 < text.length() && Ascii.hexValue(text.charAt(i + 1)) >= 0 && Ascii.hexValue(text.charAt(i + 2)) >= 0) {
                return true;
            }
            if (percentU(text, i) >= 0) {
                return true;
            }
            i = text.indexOf('%', i + 1);
        }
        return false;
    }

    /** The UTF-16 unit of a {@code %uXXXX} escape at {@code at}, or -1. */
    private static int percentU(CharSequence in, int at) {
        if (at + 5 >= in.length()) {
            return -1;
        }
        char u = in.charAt(at + 1);
        if (u != 'u' && u != 'U') {
            return -1;
        }
        int value = 0;
        for (int k = at + 2; k < at + 6; k++) {
            int digit = Ascii.hexValue(in.charAt(k));
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
