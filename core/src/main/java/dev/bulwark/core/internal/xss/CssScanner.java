package dev.bulwark.core.internal.xss;

import dev.bulwark.core.internal.rules.FirstFindings;

/**
 * Finds script in CSS: IE's {@code expression(...)} (also split by comments), {@code url(...)}
 * with a script scheme, Mozilla's {@code -moz-binding}, IE's {@code behavior} and
 * {@code @import}. Inside a style attribute any of them counts; in a plain value they count only
 * in declaration shape ({@code prop: expression(}, {@code url(javascript}).
 *
 * <p>Also finds overlays in a style attribute: declarations that lift an element out of the text
 * and over the page, where an invisible or look-alike element catches the user's clicks.
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

    /** Width or height from which an absolutely positioned element covers a page: 100%, 50vw, 1000px. */
    private static final int PAGE_PERCENT = 100;
    private static final int PAGE_VIEWPORT_PERCENT = 50;
    private static final int PAGE_PIXELS = 1000;

    /**
     * Whether the declarations in {@code t[from, to)} (a style attribute value) lay the element over
     * the page: {@code position: fixed}, or {@code position: absolute} with a page-sized width or
     * height, an {@code inset}, a {@code z-index} or an opacity below 0.1. Reads each declaration
     * once; comments and escapes were dealt with before ({@link XssText} decodes CSS escapes).
     */
    static boolean isOverlay(char[] t, int from, int to) {
        boolean absolute = false;
        boolean covering = false;
        int k = from;
        while (k < to) {
            char c = t[k];
            if (Chars.isSpace(c) || Chars.isQuote(c) || c == ';' || c == '{' || c == '}') {
                k++;
                continue;
            }
            if (c == '/' && k + 1 < to && t[k + 1] == '*') {
                int next = Chars.skipJsSpace(t, k, to);
                k = next > k ? next : to;
                continue;
            }
            int nameStart = k;
            while (k < to && (Chars.isLetter(t[k]) || t[k] == '-')) {
                k++;
            }
            int nameEnd = k;
            k = Chars.skipJsSpace(t, k, to);
            if (nameEnd == nameStart || k >= to || t[k] != ':') {
                while (k < to && t[k] != ';') {
                    k++;
                }
                continue;
            }
            int valueStart = Chars.skipJsSpace(t, k + 1, to);
            int valueEnd = valueStart;
            while (valueEnd < to && t[valueEnd] != ';' && !Chars.isQuote(t[valueEnd])) {
                valueEnd++;
            }
            k = valueEnd;
            if (isProperty(t, nameStart, nameEnd, "position")) {
                if (word(t, valueStart, valueEnd, "fixed") > 0) {
                    return true;
                }
                absolute |= word(t, valueStart, valueEnd, "absolute") > 0;
            } else if (isProperty(t, nameStart, nameEnd, "width") || isProperty(t, nameStart, nameEnd, "height")
                    || isProperty(t, nameStart, nameEnd, "min-width")
                    || isProperty(t, nameStart, nameEnd, "min-height")) {
                covering |= isPageSized(t, valueStart, valueEnd);
            } else if (isProperty(t, nameStart, nameEnd, "inset") || isProperty(t, nameStart, nameEnd, "z-index")) {
                covering = true;
            } else if (isProperty(t, nameStart, nameEnd, "opacity")) {
                covering |= isNearlyTransparent(t, valueStart, valueEnd);
            }
            if (absolute && covering) {
                return true;
            }
        }
        return false;
    }

    private static boolean isProperty(char[] t, int from, int to, String name) {
        return to - from == name.length() && Chars.startsWith(t, from, to, name);
    }

    /** A length of at least 100%, 50 viewport units (vw, vh, dvh, vmax, ...) or 1000px. */
    private static boolean isPageSized(char[] t, int from, int to) {
        int k = from;
        long whole = 0;
        while (k < to && Chars.isDigit(t[k])) {
            whole = Math.min(1_000_000, whole * 10 + (t[k] - '0'));
            k++;
        }
        if (k == from) {
            return false;
        }
        while (k < to && (Chars.isDigit(t[k]) || t[k] == '.')) {
            k++;
        }
        if (k < to && t[k] == '%') {
            return whole >= PAGE_PERCENT;
        }
        if (k + 1 < to && t[k] == 'p' && t[k + 1] == 'x') {
            return whole >= PAGE_PIXELS;
        }
        int unit = k;
        while (k < to && Chars.isLetter(t[k])) {
            k++;
        }
        int unitLength = k - unit;
        boolean viewport = unitLength >= 2 && unitLength <= 5
                && (t[unit] == 'v' || t[unit + 1] == 'v' && (t[unit] == 'd' || t[unit] == 's' || t[unit] == 'l'));
        return viewport && whole >= PAGE_VIEWPORT_PERCENT;
    }

    /** An opacity below 0.1 (or 10%), at which an element still takes clicks but cannot be seen. */
    private static boolean isNearlyTransparent(char[] t, int from, int to) {
        int k = from;
        while (k < to && t[k] == '0') {
            k++;
        }
        if (k < to && t[k] == '%') {
            return true;
        }
        if (k < to && Chars.isDigit(t[k])) {
            int digitsEnd = k;
            while (digitsEnd < to && Chars.isDigit(t[digitsEnd])) {
                digitsEnd++;
            }
            return digitsEnd < to && t[digitsEnd] == '%' && digitsEnd - k == 1;
        }
        if (k < to && t[k] == '.') {
            return k + 1 >= to || t[k + 1] == '0' || !Chars.isDigit(t[k + 1]);
        }
        return k > from;
    }

    /** First characters of the constructs: expression, url, -moz-binding, behavior, @import. */
    private static final boolean[] CONSTRUCT_STARTS = new boolean[128];

    static {
        for (char c : "eu-b@".toCharArray()) {
            CONSTRUCT_STARTS[c] = true;
        }
    }

    /** Scans a whole value for CSS constructs in declaration shape. */
    static void scan(XssText text, FirstFindings findings) {
        char[] t = text.text;
        int n = text.length;
        for (int i = 0; i < n; i++) {
            char c = t[i];
            if (c >= 128 || !CONSTRUCT_STARTS[c]) {
                continue;
            }
            if (insideWord(t, i, c)) {
                // most letters of prose: passed here without the call construct() would reject
                continue;
            }
            int end = construct(t, i, n, false);
            if (end > 0) {
                findings.add(XssRules.CSS_SCRIPT, i, end);
                return;
            }
        }
    }

    /**
     * Whether {@code c} at {@code i} continues a word, where no construct starts: only {@code @import}
     * and {@code -moz-binding}, which open with a sign, may follow a letter.
     */
    private static boolean insideWord(char[] t, int i, char c) {
        return i > 0 && c != '@' && c != '-' && Chars.isLetter(t[i - 1]);
    }

    /** The end of a dangerous construct starting at {@code i}, or -1. */
    private static int construct(char[] t, int i, int n, boolean inStyle) {
        char c = t[i];
        if (insideWord(t, i, c)) {
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
