package dev.bulwark.core.internal.xss;

import dev.bulwark.core.internal.rules.FirstFindings;

/**
 * Finds URLs with a script scheme ({@code javascript:}, {@code vbscript:}, ...) or an active
 * document ({@code data:text/html}, {@code data:,<svg onload=...>}), reading the scheme as a browser
 * does: tabs, newlines and other control characters between its letters are dropped, and character
 * references were already decoded by {@link XssText}.
 *
 * <p>Judged by where the scheme stands and what its body holds: where a URL starts (start of the
 * value, after {@code =}, a quote or a parenthesis) a body with script content is enough; elsewhere
 * the body must call a function. Bodies that do nothing ({@code javascript:void(0)},
 * {@code javascript:;}) are links that analytics and forms report all the time and pass.
 */
final class UrlSchemeScanner {

    private static final int MAX_SCHEME = 12;
    private static final int BODY_WINDOW = 256;

    private UrlSchemeScanner() {
    }

    /**
     * Judges every scheme that runs into a colon. A left-to-right pass over the text would read a
     * scheme from each word start; it can only be judged where it meets a colon, and only letters,
     * hyphens and control characters lie between its start and the colon. So only the run of such
     * characters before each colon is read, from the run's first character, where that pass would
     * stand too: the character before the run stops every scheme that starts earlier.
     */
    static void scan(XssText text, FirstFindings findings) {
        char[] t = text.text;
        int n = text.length;
        char[] scheme = new char[MAX_SCHEME];
        // Colons stand where the value's do when the text is the value in lower case.
        String value = text.lowerCasedValue;
        for (int colon = value != null ? value.indexOf(':') : indexOf(t, ':', 0, n); colon >= 0;
                colon = value != null ? value.indexOf(':', colon + 1) : indexOf(t, ':', colon + 1, n)) {
            int runStart = colon;
            while (runStart > 0 && isRunChar(t[runStart - 1])) {
                runStart--;
            }
            scanRun(t, n, runStart, colon, scheme, findings);
        }
    }

    private static boolean isRunChar(char c) {
        return Chars.isLetter(c) || c == '-' || c < ' ';
    }

    private static int indexOf(char[] t, char c, int from, int n) {
        for (int i = from; i < n; i++) {
            if (t[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The left-to-right pass over {@code t[from, colon)}, a run that ends at a colon. */
    private static void scanRun(char[] t, int n, int from, int colon, char[] scheme, FirstFindings findings) {
        int i = from;
        while (i < colon) {
            char c = t[i];
            if (!Chars.isLetter(c) || i > 0 && Chars.isLetterOrDigit(t[i - 1])) {
                i++;
                continue;
            }
            int length = 0;
            int k = i;
            int limit = Math.min(n, i + 64);
            boolean split = false;
            while (k < limit) {
                char d = t[k];
                if (Chars.isLetter(d) || d == '-') {
                    if (length == MAX_SCHEME) {
                        break;
                    }
                    scheme[length++] = d;
                } else if (d < ' ') {
                    split = true;
                } else {
                    break;
                }
                k++;
            }
            while (k < limit && t[k] < ' ') {
                k++;
            }
            if (k < n && t[k] == ':' && length > 0) {
                judge(t, i, k, n, scheme, length, split, findings);
            }
            i = Math.max(i + 1, k);
        }
    }

    private static void judge(char[] t, int start, int colon, int n, char[] scheme, int length, boolean split,
            FirstFindings findings) {
        boolean urlPosition = isUrlPosition(t, start);
        if (XssVocabulary.SCRIPT_SCHEMES.contains(scheme, 0, length)) {
            boolean javascript = length == 10 && Chars.startsWith(scheme, 0, length, "javascript");
            int body = scriptBody(t, colon + 1, n, !javascript);
            if (split && body == NOTHING) {
                // A scheme split by tabs or newlines is written to slip past filters.
                body = CODE;
            }
            if (body == CALL) {
                findings.add(urlPosition ? XssRules.SCRIPT_URL_CALL : XssRules.SCRIPT_URL, start, colon + 1);
            } else if (body == CODE) {
                findings.add(urlPosition ? XssRules.SCRIPT_URL : XssRules.SCRIPT_HINT, start, colon + 1);
            }
        } else if (XssVocabulary.DOCUMENT_SCHEMES.contains(scheme, 0, length) && urlPosition) {
            boolean data = length == 4;
            if (!data || activeData(t, colon + 1, n)) {
                findings.add(XssRules.SCRIPT_URL, start, colon + 1);
            }
        }
    }

    /** Whether a URL starts at {@code start}: at the start of the value or after = " ' ` ( , > or a space. */
    private static boolean isUrlPosition(char[] t, int start) {
        int k = start - 1;
        while (k >= 0 && t[k] < ' ' && start - k < 64) {
            k--;
        }
        if (k < 0) {
            return true;
        }
        char c = t[k];
        if (c == ' ') {
            while (k >= 0 && Chars.isSpace(t[k]) && start - k < 64) {
                k--;
            }
            return k < 0 || t[k] == '=' || Chars.isQuote(t[k]) || t[k] == '(';
        }
        return c == '=' || Chars.isQuote(c) || c == '(' || c == ',' || c == '>' || c == '[' || c == '{';
    }

    private static final int NOTHING = 0;
    private static final int CODE = 1;
    private static final int CALL = 2;

    private static final String[] NO_OP_BODIES = {
        "void(0)", "void 0", "void(null)", "void(false)", "false", "true", "undefined", "return false",
        "null", "0", "",
    };

    /** Classifies a script URL body: does nothing, holds code, or calls something. */
    private static int scriptBody(char[] t, int from, int n, boolean anyBodyIsCode) {
        int k = from;
        while (k < n && Chars.isSpace(t[k])) {
            k++;
        }
        int end = k;
        int limit = Math.min(n, k + BODY_WINDOW);
        while (end < limit && !Chars.isQuote(t[end]) && t[end] != '>') {
            end++;
        }
        int last = end;
        while (last > k && (Chars.isSpace(t[last - 1]) || t[last - 1] == ';')) {
            last--;
        }
        for (String noOp : NO_OP_BODIES) {
            if (last - k == noOp.length() && Chars.startsWith(t, k, n, noOp)) {
                return NOTHING;
            }
        }
        int kind = NOTHING;
        for (int j = k; j < end; j++) {
            char c = t[j];
            char p = j > k ? t[j - 1] : ' ';
            char q = j + 1 < n ? t[j + 1] : ' ';
            if ((c == '(' || c == '`') && (Chars.isIdentifierPart(p) || p == ')' || p == ']')) {
                return CALL;
            }
            boolean code = c == '=' || c == '\\' || c == '[' || c == '<' || c == '{' || c < ' '
                    || c == '\u2028' || c == '\u2029'
                    || c == '.' && Chars.isLetter(p) && (Chars.isLetter(q) || q == '_' || q == '$')
                    || c == '/' && (q == '/' || q == '*')
                    || (c == '"' || c == '\'') && j == k;
            if (code) {
                kind = CODE;
            }
        }
        if (kind == NOTHING && anyBodyIsCode && last > k) {
            kind = CODE;
        }
        return kind;
    }

    /**
     * Whether a {@code data:} URL body is an active document: an HTML, SVG, XML or script media
     * type, or no media type with markup or a call in the payload.
     */
    private static boolean activeData(char[] t, int from, int n) {
        int k = from;
        while (k < n && Chars.isSpace(t[k])) {
            k++;
        }
        int typeStart = k;
        while (k < n && k - typeStart < 40 && (Chars.isLetterOrDigit(t[k]) || t[k] == '/' || t[k] == '+'
                || t[k] == '-' || t[k] == '.')) {
            k++;
        }
        int typeEnd = k;
        if (typeEnd > typeStart && XssVocabulary.ACTIVE_MEDIA_TYPES.contains(t, typeStart, typeEnd)) {
            return true;
        }
        boolean base64 = false;
        int limit = Math.min(n, k + 64);
        while (k < limit && t[k] != ',') {
            if (t[k] == ';' && Chars.startsWith(t, Chars.skipJsSpace(t, k + 1, n), n, "base64")) {
                base64 = true;
            }
            k++;
        }
        if (k >= limit || t[k] != ',') {
            return false;
        }
        int payload = k + 1;
        int payloadEnd = Math.min(n, payload + BODY_WINDOW);
        if (base64) {
            return base64Markup(t, payload, payloadEnd);
        }
        if (typeEnd > typeStart) {
            return false;
        }
        for (int j = payload; j < payloadEnd; j++) {
            if (t[j] == '<' && j + 1 < n && (Chars.isLetter(t[j + 1]) || t[j + 1] == '!')) {
                return true;
            }
            if (t[j] == '(' && j > payload && Chars.isIdentifierPart(t[j - 1])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a base64 payload opens with markup: {@code <} followed by a letter, {@code !}, {@code ?}
     * or {@code /} encodes as {@code P} then one of {@code C} to {@code H}, which survives lower case.
     */
    private static boolean base64Markup(char[] t, int from, int to) {
        int k = from;
        while (k < to && Chars.isSpace(t[k])) {
            k++;
        }
        return k + 1 < to && t[k] == 'p' && t[k + 1] >= 'c' && t[k + 1] <= 'h';
    }
}
