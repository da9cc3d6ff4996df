package dev.bulwark.core.internal.rules;

/**
 * Decodes the HTML character references that hide shell separators, e.g. {@code &#59;} for
 * {@code ;} or {@code &quot;}. Values reach the detectors percent-decoded but not entity-decoded,
 * and a shell payload that went through an HTML form or template may carry them. Returns the
 * input itself when it has no reference, so the common case allocates nothing.
 */
public final class HtmlEntities {

    private HtmlEntities() {}

    public static String decode(String text) {
        int amp = text.indexOf('&');
        if (amp < 0 || text.indexOf(';', amp) < 0) {
            return text;
        }
        StringBuilder out = null;
        int n = text.length();
        int copied = 0;
        for (int i = amp; i < n; i++) {
            if (text.charAt(i) != '&') {
                continue;
            }
            int end = -1;
            int code = -1;
            if (i + 2 < n && text.charAt(i + 1) == '#') {
                int j = i + 2;
                boolean hex = j < n && (text.charAt(j) == 'x' || text.charAt(j) == 'X');
                if (hex) {
                    j++;
                }
                int value = 0;
                int digits = 0;
                while (j < n && digits < 7) {
                    int d = Character.digit(text.charAt(j), hex ? 16 : 10);
                    if (d < 0) {
                        break;
                    }
                    value = value * (hex ? 16 : 10) + d;
                    digits++;
                    j++;
                }
                if (digits > 0 && value <= 0xffff) {
                    code = value;
                    end = j < n && text.charAt(j) == ';' ? j + 1 : j;
                }
            } else {
                code = named(text, i + 1);
                if (code >= 0) {
                    end = text.indexOf(';', i) + 1;
                }
            }
            if (code < 0) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, i).append((char) code);
            copied = end;
            i = end - 1;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    private static int named(String text, int from) {
        if (text.startsWith("quot;", from)) {
            return '"';
        }
        if (text.startsWith("amp;", from)) {
            return '&';
        }
        if (text.startsWith("lt;", from)) {
            return '<';
        }
        if (text.startsWith("gt;", from)) {
            return '>';
        }
        if (text.startsWith("apos;", from)) {
            return '\'';
        }
        if (text.startsWith("semi;", from)) {
            return ';';
        }
        if (text.startsWith("verbar;", from) || text.startsWith("vert;", from)) {
            return '|';
        }
        if (text.startsWith("grave;", from)) {
            return '`';
        }
        if (text.startsWith("dollar;", from)) {
            return '$';
        }
        if (text.startsWith("NewLine;", from)) {
            return '\n';
        }
        return -1;
    }
}
