package dev.bulwark.core.internal.mail;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.Base64Text;

/**
 * Line breaks that a value does not show but the mail library that writes it into a header
 * produces: RFC 2047 encoded words ({@code =?utf-8?q?Hi=0D=0ABcc:...?=}, {@code =?utf-8?b?...?=}),
 * which libraries decode before folding the header again, and characters whose low byte is CR or
 * LF ({@code U+560D U+560A}, "嘍嘊"), which libraries that write headers as single bytes truncate to
 * a real line break, and the Unicode line separators NEL, LS and PS (U+0085, U+2028, U+2029), at
 * which libraries that split lines the Unicode way (Python's {@code str.splitlines}, JavaScript's
 * multi-line patterns) start a new header line. One pass; the result is never longer than the value.
 */
final class HiddenLineBreaks {

    /** Longest encoded word looked at: RFC 2047 allows 75 characters, some senders ignore that. */
    private static final int MAX_ENCODED_WORD = 1024;
    /** Longest charset name of an encoded word ({@code iso-2022-jp-2} and the like). */
    private static final int MAX_CHARSET = 40;

    private HiddenLineBreaks() {
    }

    /**
     * {@code text} with encoded words replaced by their bytes (one char per byte), truncating
     * characters by the CR or LF they become and Unicode line separators by LF, or {@code text}
     * itself when it has none of them: the
     * same instance, so that one pass both tells whether a value hides a line break and reveals it.
     */
    static String revealed(String text) {
        StringBuilder out = null;
        int copied = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isTruncatedLineBreak(c)) {
                out = started(out, length).append(text, copied, i).append((char) (c & 0xFF));
                copied = i + 1;
            } else if (isUnicodeLineBreak(c)) {
                out = started(out, length).append(text, copied, i).append('\n');
                copied = i + 1;
            } else if (c == '=' && i + 1 < length && text.charAt(i + 1) == '?') {
                int end = encodedWordEnd(text, i);
                if (end > 0) {
                    out = started(out, length).append(text, copied, i);
                    appendDecoded(text, i, end, out);
                    copied = end;
                    i = end - 1;
                }
            }
        }
        return out == null ? text : out.append(text, copied, length).toString();
    }

    private static StringBuilder started(StringBuilder out, int capacity) {
        return out != null ? out : new StringBuilder(capacity);
    }

    /** A character above Latin-1 whose low byte is CR or LF. */
    static boolean isTruncatedLineBreak(char c) {
        return c >= 0x100 && ((c & 0xFF) == '\n' || (c & 0xFF) == '\r');
    }

    /** NEL, LS or PS: a line break to the libraries that split lines as Unicode defines them. */
    static boolean isUnicodeLineBreak(char c) {
        return c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * The end (after {@code ?=}) of the encoded word {@code =?charset?Q|B?text?=} starting at
     * {@code start}, or -1 when none starts there. The encoded text holds no blank or {@code ?}.
     */
    private static int encodedWordEnd(String text, int start) {
        int length = text.length();
        int i = start + 2;
        int charsetLimit = Math.min(length, i + MAX_CHARSET);
        while (i < charsetLimit && text.charAt(i) != '?' && isCharsetChar(text.charAt(i))) {
            i++;
        }
        if (i == start + 2 || i + 3 >= length || text.charAt(i) != '?' || text.charAt(i + 2) != '?') {
            return -1;
        }
        char encoding = Ascii.lower(text.charAt(i + 1));
        if (encoding != 'q' && encoding != 'b') {
            return -1;
        }
        int limit = Math.min(length - 1, start + MAX_ENCODED_WORD);
        for (int j = i + 3; j < limit; j++) {
            char c = text.charAt(j);
            if (c == '?') {
                return text.charAt(j + 1) == '=' ? j + 2 : -1;
            }
            if (c <= ' ' || c >= 0x7F) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isCharsetChar(char c) {
        return Ascii.isAlnum(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '*';
    }

    /** Appends the bytes of the encoded word {@code text[start, end)}, one char per byte. */
    private static void appendDecoded(String text, int start, int end, StringBuilder out) {
        int question = text.indexOf('?', start + 2);
        char encoding = Ascii.lower(text.charAt(question + 1));
        int from = question + 3;
        int to = end - 2;
        if (encoding == 'b') {
            char[] bytes = new char[(to - from) * 3 / 4 + 3];
            out.append(bytes, 0, Base64Text.decode(text, from, to, 0, bytes));
            return;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int high;
            int low;
            if (c == '=' && i + 2 < to && (high = Ascii.hexValue(text.charAt(i + 1))) >= 0
                    && (low = Ascii.hexValue(text.charAt(i + 2))) >= 0) {
                out.append((char) (high << 4 | low));
                i += 2;
            } else {
                out.append(c == '_' ? ' ' : c);
            }
        }
    }
}
