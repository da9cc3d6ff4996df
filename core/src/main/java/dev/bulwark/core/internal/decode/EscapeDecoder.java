package dev.bulwark.core.internal.decode;

/**
 * Decodes JavaScript string escapes, so that rules see {@code alert} in <code>&#92;u0061lert</code> or
 * {@code \x61lert}:
 * <ul>
 *   <li><code>&#92;uXXXX</code> and <code>&#92;u{X...}</code> (up to U+10FFFF);</li>
 *   <li>{@code \xHH};</li>
 *   <li>legacy octal {@code \N}, {@code \NN}, {@code \NNN} (up to {@code \377});</li>
 *   <li>{@code \n \t \r \b \f \v}, and any other character after a backslash stands for itself
 *       ({@code \' \" \\ \/}), as in JavaScript; a backslash before a line break is removed.</li>
 * </ul>
 * An escape that is cut short (<code>&#92;u12</code>, {@code \x4}) is kept as written. One pass, linear.
 */
public final class EscapeDecoder {

    private EscapeDecoder() {
    }

    /**
     * Decodes the escapes in {@code s}; returns {@code s} itself (when it is a {@link String}) if it
     * holds no backslash.
     */
    public static String decodeJsEscapes(CharSequence s) {
        int n = s.length();
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == '\\') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return s.toString();
        }
        StringBuilder out = new StringBuilder(n);
        out.append(s, 0, first);
        int i = first;
        while (i < n) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            switch (next) {
                case 'u' -> i = unicode(s, i, out);
                case 'x' -> {
                    int value = hexValue(s, i + 2, 2);
                    if (value < 0) {
                        out.append('\\').append('x');
                        i += 2;
                    } else {
                        out.append((char) value);
                        i += 4;
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int maxDigits = next <= '3' ? 3 : 2;
                    int value = 0;
                    int j = i + 1;
                    while (j < n && j - i - 1 < maxDigits && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        value = value * 8 + (s.charAt(j) - '0');
                        j++;
                    }
                    out.append((char) value);
                    i = j;
                }
                case 'n' -> i = simple(out, '\n', i);
                case 't' -> i = simple(out, '\t', i);
                case 'r' -> i = simple(out, '\r', i);
                case 'b' -> i = simple(out, '\b', i);
                case 'f' -> i = simple(out, '\f', i);
                case 'v' -> i = simple(out, '\u000B', i);
                case '\n', '\u2028', '\u2029' -> i += 2;
                case '\r' -> i += i + 2 < n && s.charAt(i + 2) == '\n' ? 3 : 2;
                default -> i = simple(out, next, i);
            }
        }
        return out.toString();
    }

    private static int simple(StringBuilder out, char c, int i) {
        out.append(c);
        return i + 2;
    }

    /** Decodes <code>&#92;uXXXX</code> or <code>&#92;u{X...}</code> at {@code i}; returns the index after it. */
    private static int unicode(CharSequence s, int i, StringBuilder out) {
        int n = s.length();
        if (i + 2 < n && s.charAt(i + 2) == '{') {
            int j = i + 3;
            long value = 0;
            // Any number of leading zeros is allowed; the value is clamped so it cannot overflow.
            while (j < n && PercentDecoder.hex(s.charAt(j)) >= 0) {
                value = Math.min(value * 16 + PercentDecoder.hex(s.charAt(j)), Character.MAX_CODE_POINT + 1L);
                j++;
            }
            if (j > i + 3 && j < n && s.charAt(j) == '}' && value <= Character.MAX_CODE_POINT) {
                out.appendCodePoint((int) value);
                return j + 1;
            }
        } else {
            int value = hexValue(s, i + 2, 4);
            if (value >= 0) {
                out.append((char) value);
                return i + 6;
            }
        }
        out.append('\\').append('u');
        return i + 2;
    }

    /** The value of exactly {@code digits} hex digits at {@code from}, or -1. */
    private static int hexValue(CharSequence s, int from, int digits) {
        if (from + digits > s.length()) {
            return -1;
        }
        int value = 0;
        for (int k = from; k < from + digits; k++) {
            int digit = PercentDecoder.hex(s.charAt(k));
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
