package dev.bulwark.core.internal.xss;

import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.HtmlEntities;
import dev.bulwark.core.internal.rules.TextProfile;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A value as a browser or a decoding application would finally see it: HTML character references
 * (named, decimal, hexadecimal, with or without the semicolon), JavaScript and CSS backslash escapes,
 * full-width forms and the UTF-7 spellings of markup characters decoded, and ASCII letters in lower
 * case. Keeps for every character the offset it came from, so findings point into the original.
 *
 * <p>One pass, linear in the length of the value; built only for values that passed the quick
 * reject of {@link XssDetector}.
 */
final class XssText {

    /** Flags in {@link #seen}: which characters the decoded text holds, so scanners can skip at once. */
    static final int LT = 1;
    static final int COLON = 2;
    static final int PAREN = 4;
    static final int AT = 8;
    static final int SCRIPT_PUNCTUATION = 16;

    /** The decoded characters in {@code [0, length)}; the array may be longer. */
    final char[] text;
    /** Where each character came from, or {@code null} when nothing was decoded and offsets agree. */
    private final int[] origin;
    final int length;
    final int seen;
    /**
     * The value, when the text is only its ASCII put in lower case, so that its punctuation stands
     * where the value's does and is found by {@code String.indexOf}; otherwise null.
     */
    final String lowerCasedValue;
    /** The thread's buffer that {@link #text} is, or null when the text has an array of its own. */
    private final Scratch scratch;

    private XssText(char[] text, int[] origin, int length, int seen, String lowerCasedValue, Scratch scratch) {
        this.text = text;
        this.origin = origin;
        this.length = length;
        this.seen = seen;
        this.lowerCasedValue = lowerCasedValue;
        this.scratch = scratch;
    }

    /**
     * Longest value, in characters, whose text is built in the thread's buffer instead of a new
     * array: 8,192, so the buffer stays at 16 KiB a thread while most values need no array.
     */
    static final int SCRATCH_CHARS = 8192;

    /**
     * A thread's buffer for one text at a time; all zeros whenever no text holds it. It grows to the
     * longest value the thread has read (at most {@link #SCRATCH_CHARS}), so a thread that lives for
     * one request, as a virtual thread does, allocates no more than a new array would.
     */
    private static final class Scratch {
        char[] chars = new char[0];
        /** Characters written since the buffer was taken: the value's copy, at least the text. */
        int written;
        boolean held;

        char[] take(int n) {
            if (chars.length < n) {
                chars = new char[Math.min(SCRATCH_CHARS, Math.max(n, 2 * chars.length))];
            }
            held = true;
            written = n;
            return chars;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Done with this text: when it was built in the thread's buffer, the buffer is zeroed (no value's
     * text stays behind in it) and free for the next text. The text must not be read afterwards.
     */
    void release() {
        if (scratch != null && scratch.held) {
            // The value was copied whole and decoded in place: its tail beyond the text is in there too.
            Arrays.fill(text, 0, scratch.written, (char) 0);
            scratch.held = false;
        }
    }

    boolean has(int flags) {
        return (seen & flags) != 0;
    }

    private static int flag(char c) {
        return switch (c) {
            case '<' -> LT | SCRIPT_PUNCTUATION;
            case ':' -> COLON;
            case '(' -> PAREN | SCRIPT_PUNCTUATION;
            case '@' -> AT;
            case '`', '[', '.', '=', '!', '{', '>', '"', '\'' -> SCRIPT_PUNCTUATION;
            default -> 0;
        };
    }

    /** ASCII characters that start no reference, escape or UTF-7 form. */
    private static final boolean[] PLAIN = new boolean[128];
    private static final char[] PLAIN_LOWER = new char[128];
    private static final int[] PLAIN_FLAGS = new int[128];

    static {
        for (char c = 0; c < 128; c++) {
            PLAIN[c] = c != '&' && c != '\\' && c != '+';
            PLAIN_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            PLAIN_FLAGS[c] = flag(PLAIN_LOWER[c]);
        }
    }

    /**
     * The characters that start a reference or an escape (those {@link #PLAIN} leaves out, but
     * {@code +}): ASCII text without them or a UTF-7 {@code +A} decodes to itself.
     */
    private static final AsciiSet DECODED = AsciiSet.of(asciiWhere(c -> !PLAIN[c] && c != '+'));
    /** The ASCII characters that {@link #flag} gives a flag. */
    private static final char[] FLAGGED = asciiWhere(c -> flag((char) c) != 0).toCharArray();

    private static String asciiWhere(IntPredicate test) {
        StringBuilder chars = new StringBuilder();
        for (int c = 0; c < 128; c++) {
            if (test.test(c)) {
                chars.append((char) c);
            }
        }
        return chars.toString();
    }

    /**
     * The text of {@code value}, built in the thread's buffer when the value fits and no other text
     * holds it; {@link #release} it when done.
     */
    static XssText of(String value) {
        return of(value, null);
    }

    /**
     * {@link #of(String)} for a value whose profile is known ({@code null} when it is not): ASCII
     * text with nothing to decode (no reference, escape or UTF-7 form) is only put in lower case,
     * and its flags are read off the profile.
     */
    static XssText of(String value, TextProfile profile) {
        int n = value.length();
        Scratch scratch = n <= SCRATCH_CHARS ? SCRATCH.get() : null;
        if (scratch != null && scratch.held) {
            scratch = null;
        }
        char[] out;
        if (scratch != null) {
            out = scratch.take(n);
        } else {
            out = new char[n];
        }
        try {
            if (profile != null && !profile.hasNonAscii() && !profile.hasAny(DECODED)
                    && (!profile.has('+') || value.indexOf("+A") < 0)) {
                return lowerCased(value, profile, out, scratch);
            }
            return decode(value, out, scratch);
        } catch (RuntimeException | Error e) {
            if (scratch != null) {
                Arrays.fill(out, 0, n, (char) 0);
                scratch.held = false;
            }
            throw e;
        }
    }

    /** The text of ASCII {@code value} without a character that starts a decoding: what {@link #decode} makes of it. */
    private static XssText lowerCased(String value, TextProfile profile, char[] out, Scratch scratch) {
        int n = value.length();
        value.getChars(0, n, out, 0);
        for (int i = 0; i < n; i++) {
            // By table, every character below 128 as the value is ASCII: no branch for prose to
            // mispredict between letters and the spaces and punctuation around them.
            out[i] = PLAIN_LOWER[out[i]];
        }
        int seen = 0;
        for (char c : FLAGGED) {
            if (profile.has(c)) {
                seen |= flag(c);
            }
        }
        return new XssText(out, null, n, seen, value, scratch);
    }

    private static XssText decode(String value, char[] out, Scratch scratch) {
        int n = value.length();
        // The value is copied at once and decoded in place: the text never runs ahead of the
        // character being read (len <= i), so out[i] still holds the value's character i.
        value.getChars(0, n, out, 0);
        int[] origin = null;
        int len = 0;
        int seen = 0;
        int i = 0;
        while (i < n) {
            char c = out[i];
            if (c < 128 && PLAIN[c]) {
                // A run of ASCII characters that start no escape: lower-cased and flagged as they are.
                int j = i;
                do {
                    seen |= PLAIN_FLAGS[c];
                    out[len] = PLAIN_LOWER[c];
                    if (origin != null) {
                        origin[len] = j;
                    }
                    len++;
                    j++;
                } while (j < n && (c = out[j]) < 128 && PLAIN[c]);
                i = j;
                continue;
            }
            int start = i;
            int consumed = 1;
            int decodedChar = -1;
            if (c == '&') {
                HtmlEntities.Reference reference = HtmlEntities.read(value, i, XssVocabulary.ENTITIES,
                        XssVocabulary.LEGACY_ENTITIES);
                if (reference != null) {
                    decodedChar = reference.character();
                    consumed = reference.length();
                }
            } else if (c == '\\') {
                long esc = backslashEscape(value, i, n);
                if (esc >= 0) {
                    decodedChar = (int) (esc >>> 32);
                    consumed = (int) esc;
                }
            } else if (c == '+' && i + 3 < n && value.charAt(i + 1) == 'A') {
                int utf7 = utf7Markup(value.charAt(i + 2), value.charAt(i + 3));
                if (utf7 >= 0) {
                    decodedChar = utf7;
                    consumed = i + 4 < n && value.charAt(i + 4) == '-' ? 5 : 4;
                }
            } else if (c >= '\uff01' && c <= '\uff5e') {
                decodedChar = c - 0xfee0;
            }
            if (decodedChar >= 0) {
                c = (char) decodedChar;
                if (origin == null && consumed > 1) {
                    origin = new int[n];
                    for (int k = 0; k < len; k++) {
                        origin[k] = k;
                    }
                }
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            seen |= flag(c);
            out[len] = c;
            if (origin != null) {
                origin[len] = start;
            }
            len++;
            i += consumed;
        }
        if (len < n) {
            // what decoding left of the copy behind the text: zeros, as a new array has
            Arrays.fill(out, len, n, (char) 0);
        }
        return new XssText(out, origin, len, seen, null, scratch);
    }

    /** The offset in the original value of the character at {@code index} of the text. */
    int originOf(int index) {
        if (length == 0) {
            return 0;
        }
        int clamped = Math.max(0, Math.min(index, length - 1));
        return origin == null ? clamped : origin[clamped];
    }

    /**
     * {@code sink} for evidence found in this text: offsets mapped back to the original value,
     * evidence at least one character long and running to the value's end when it reaches the
     * text's end.
     */
    DetectionSink mappedTo(DetectionSink sink) {
        return (rule, offset, evidenceLength) -> {
            int end = Math.max(offset + 1, offset + evidenceLength);
            int from = originOf(offset);
            int to = end >= length ? originalEnd() : originOf(end);
            sink.report(rule, from, Math.max(1, to - from));
        };
    }

    private int originalEnd() {
        return length == 0 ? 0 : originOf(length - 1) + 1;
    }

    /**
     * Decodes a JavaScript escape at {@code i} ({@code '\\'}): {@code \xHH}, backslash-u with four hex digits or
     * with braces, the single-letter escapes, and the identity escape that drops the backslash
     * (which is also how CSS treats a backslash before a non-hex character).
     */
    private static long backslashEscape(String s, int i, int n) {
        int j = i + 1;
        if (j >= n) {
            return -1;
        }
        char e = s.charAt(j);
        if (e == 'x' || e == 'X') {
            int v = hex(s, j + 1, 2, n);
            return v >= 0 ? ((long) v << 32) | 4 : ((long) e << 32) | 2;
        }
        if (e == 'u' || e == 'U') {
            if (j + 1 < n && s.charAt(j + 1) == '{') {
                int k = j + 2;
                int v = 0;
                while (k < n && k - j < 10 && Character.digit(s.charAt(k), 16) >= 0) {
                    v = Math.min(v * 16 + Character.digit(s.charAt(k), 16), 0x110000);
                    k++;
                }
                if (k < n && s.charAt(k) == '}' && k > j + 2) {
                    int unit = v > 0xffff ? 0xfffd : v;
                    return ((long) unit << 32) | (k + 1 - i);
                }
                return ((long) e << 32) | 2;
            }
            int v = hex(s, j + 1, 4, n);
            return v >= 0 ? ((long) v << 32) | 6 : ((long) e << 32) | 2;
        }
        int cssEnd = j;
        int cssValue = 0;
        while (cssEnd < n && cssEnd - j < 6 && Character.digit(s.charAt(cssEnd), 16) >= 0) {
            cssValue = cssValue * 16 + Character.digit(s.charAt(cssEnd), 16);
            cssEnd++;
        }
        if (cssEnd - j >= 2) {
            // A CSS escape: one to six hex digits and an optional space; two at least, so that
            // regular expressions such as \d and \b keep their meaning.
            if (cssEnd < n && s.charAt(cssEnd) == ' ') {
                cssEnd++;
            }
            int unit = cssValue == 0 || cssValue > 0xffff ? 0xfffd : cssValue;
            return ((long) unit << 32) | (cssEnd - i);
        }
        int unit = switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'v' -> 0x0b;
            case 'f' -> '\f';
            case 'b' -> '\b';
            case '0' -> 0;
            default -> e;
        };
        if (e == '\n' || e == '\r') {
            return -1;
        }
        return ((long) unit << 32) | 2;
    }

    private static int hex(String s, int from, int digits, int n) {
        if (from + digits > n) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + digits; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The UTF-7 spellings of {@code < > " ' `} and space ({@code +ADw-} and friends), else -1. */
    private static int utf7Markup(char a, char b) {
        if (a == 'D' && b == 'w') {
            return '<';
        }
        if (a == 'D' && b == '4') {
            return '>';
        }
        if (a == 'C' && b == 'I') {
            return '"';
        }
        if (a == 'C' && b == 'c') {
            return '\'';
        }
        if (a == 'G' && b == 'A') {
            return '`';
        }
        return -1;
    }
}
