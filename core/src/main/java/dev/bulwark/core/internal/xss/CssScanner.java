package dev.bulwark.core.internal.xss;

/**
 * Finds script in CSS: IE's {@code expression(...)} (also split by comments), {@code url(...)}
 * with a script scheme, Mozilla's {@code -moz-binding}, IE's {@code behavior} and
 * {@code @import}. Inside a style attribute any of them counts; in a plain value they count only
 * in declaration shape ({@code prop: expression(}, {@code url(javascript}).
 */
final class CssScanner {

    private CssScanner() {
    }

    /** Whether the CSS in {@code t[from, to)} (a style attribute value) carries script. */
    static boolean isDangerous(char[] t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (construct(t, i, to, true) > 0) {
                return true;
            }
        }
        return false;
    }

    /** First characters of the constructs: expression, url, -moz-binding, behavior, @import. */
    private static final boolean[] CONSTRUCT_STARTS = new boolean[128];

    static {
        for (char c : "eu-b@".toCharArray()) {
            CONSTRUCT_STARTS[c] = true;
        }
    }

    /** Scans a whole value for CSS constructs in declaration shape. */
    static void scan(XssText text, Findings findings) {
        char[] t = text.text;
        int n = text.length;
        for (int i = 0; i < n; i++) {
            char c = t[i];
            if (c >= 128 || !CONSTRUCT_STARTS[c]) {
                continue;
            }
            int end = construct(t, i, n, false);
            if (end > 0) {
                findings.add(XssRules.CSS_SCRIPT, i, end);
                return;
            }
        }
    }

    /** The end of a dangerous construct starting at {@code i}, or -1. */
    private static int construct(char[] t, int i, int n, boolean inStyle) {
        char c = t[i];
        if (i > 0 && Chars.isLetter(t[i - 1]) && c != '@' && c != '-') {
            return -1;
        }
        if (c == 'e') {
            int end = word(t, i, n, "expression");
            if (end < 0) {
                return -1;
            }
            int k = Chars.skipJsSpace(t, end, n);
            if (k >= n || t[k] != '(') {
                return -1;
            }
            if (inStyle) {
                return k + 1;
            }
            int before = Chars.previousSignificant(t, i);
            return before >= 0 && (t[before] == ':' || t[before] == '=') ? k + 1 : -1;
        }
        if (c == 'u') {
            if (!Chars.startsWith(t, i, n, "url")) {
                return -1;
            }
            int k = Chars.skipJsSpace(t, i + 3, n);
            if (k >= n || t[k] != '(') {
                return -1;
            }
            k++;
            while (k < n && (Chars.isSpace(t[k]) || Chars.isQuote(t[k])) && k - i < 16) {
                k++;
            }
            int wordEnd = k;
            while (wordEnd < n && Chars.isLetter(t[wordEnd]) && wordEnd - k < 12) {
                wordEnd++;
            }
            return XssVocabulary.SCRIPT_SCHEMES.contains(t, k, wordEnd) ? wordEnd : -1;
        }
        if (c == '-') {
            int end = word(t, i, n, "-moz-binding");
            if (end < 0) {
                return -1;
            }
            int k = Chars.skipJsSpace(t, end, n);
            return k < n && t[k] == ':' ? k + 1 : -1;
        }
        if (c == 'b') {
            int end = word(t, i, n, "behavior");
            if (end < 0) {
                end = word(t, i, n, "behaviour");
            }
            if (end < 0) {
                return -1;
            }
            int k = Chars.skipJsSpace(t, end, n);
            if (k >= n || t[k] != ':') {
                return -1;
            }
            k = Chars.skipJsSpace(t, k + 1, n);
            return Chars.startsWith(t, k, n, "url") ? k + 3 : -1;
        }
        int end = word(t, i, n, "@import");
        if (end < 0) {
            return -1;
        }
        int k = Chars.skipJsSpace(t, end, n);
        return k < n && (Chars.isQuote(t[k]) || Chars.startsWith(t, k, n, "url")) ? k + 1 : -1;
    }

    /**
     * Matches {@code word} at {@code i}, letting comments, spaces and control characters sit between
     * its letters as old CSS parsers allowed; returns the end or -1.
     */
    private static int word(char[] t, int i, int n, String word) {
        int k = i;
        for (int w = 0; w < word.length(); w++) {
            if (w > 0) {
                k = Chars.skipJsSpace(t, k, n);
            }
            if (k >= n || t[k] != word.charAt(w)) {
                return -1;
            }
            k++;
        }
        return k;
    }
}
