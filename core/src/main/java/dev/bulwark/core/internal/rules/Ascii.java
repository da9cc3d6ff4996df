package dev.bulwark.core.internal.rules;


/** Character classes and case-insensitive comparisons for ASCII keywords. */
public final class Ascii {

    private Ascii() {}

    /** Lower-cases ASCII letters only; every other character is returned unchanged. */
    public static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    public static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isAlnum(char c) {
        return isLetter(c) || isDigit(c);
    }

    public static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Whether every character of {@code text} is ASCII. */
    public static boolean isAscii(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Space, tab, CR, LF, form feed or vertical tab: the white space of HTTP and of most text formats. */
    public static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** Whitespace as code lexers see it, including vertical tab, form feed and no-break space. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f'
                || c == '\u00a0' || c == '\u2028' || c == '\u2029' || c == '\u3000';
    }

    /**
     * Identifier start (bit 1) and part (bit 2) of each ASCII character, so that the word passes
     * of the detectors, which ask for every character of a value, test one table entry.
     */
    private static final byte[] IDENT = new byte[128];
    private static final byte IDENT_START = 1;
    private static final byte IDENT_PART = 2;

    static {
        for (char c = 0; c < 128; c++) {
            boolean start = isLetter(c) || c == '_';
            IDENT[c] = (byte) ((start ? IDENT_START : 0) | (start || isDigit(c) ? IDENT_PART : 0));
        }
    }

    /** Identifier start in the C family: letter, underscore, or any non-ASCII non-space character. */
    public static boolean isIdentStart(char c) {
        return c < 128 ? (IDENT[c] & IDENT_START) != 0 : !isSpace(c);
    }

    /** Identifier part in the C family: an identifier start or a digit. */
    public static boolean isIdentPart(char c) {
        return c < 128 ? (IDENT[c] & IDENT_PART) != 0 : !isSpace(c);
    }

    /** Identifier part in Java, where {@code $} is a letter. */
    public static boolean isJavaIdentPart(char c) {
        return isIdentPart(c) || c == '$';
    }

    public static boolean isBase64(char c) {
        return isLetter(c) || isDigit(c) || c == '+' || c == '/' || c == '-' || c == '_';
    }

    /** Whether the range {@code [from, to)} of {@code s} equals {@code lowerWord}, ignoring case. */
    public static boolean rangeEquals(CharSequence s, int from, int to, String lowerWord) {
        return to - from == lowerWord.length() && matchesAt(s, from, lowerWord);
    }

    /** Whether {@code s} equals {@code lowerWord}, ignoring case. */
    public static boolean equalsLower(CharSequence s, String lowerWord) {
        return rangeEquals(s, 0, s.length(), lowerWord);
    }

    /** Case-sensitive variant of {@link #matchesAt}. */
    public static boolean matchesExactlyAt(CharSequence s, int at, String word) {
        int n = word.length();
        if (at < 0 || at + n > s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(at + i) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips whitespace from {@code i}; returns the first non-space index or {@code end}. */
    public static int skipSpaces(CharSequence s, int i, int end) {
        while (i < end && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Skips whitespace backwards from {@code i} (inclusive); returns the last non-space index or -1. */
    public static int skipSpacesBack(CharSequence s, int i) {
        while (i >= 0 && isSpace(s.charAt(i))) {
            i--;
        }
        return i;
    }

    /** Whether {@code text} holds {@code lowerWord} at {@code at}; {@code lowerWord} is lower case. */
    public static boolean matchesAt(CharSequence text, int at, String lowerWord) {
        int n = lowerWord.length();
        if (at < 0 || at + n > text.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (lower(text.charAt(at + i)) != lowerWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * First index at or after {@code from} where {@code lowerWord} occurs, or -1. The scan stops at
     * the first match, so callers that walk from match to match stay linear in the text. When the
     * word has a character that is no letter ({@code unix:}, {@code __proto__}), candidates are
     * found by {@code String.indexOf} of the first such character, which is much faster than a
     * loop of {@code charAt}; a letter has two cases, and searching each of them separately would
     * read past the match to the end of the text on every call.
     */
    public static int indexOfIgnoreCase(CharSequence text, String lowerWord, int from) {
        int last = text.length() - lowerWord.length();
        int anchor = 0;
        while (anchor < lowerWord.length() && lowerWord.charAt(anchor) >= 'a' && lowerWord.charAt(anchor) <= 'z') {
            anchor++;
        }
        if (text instanceof String s && anchor < lowerWord.length()) {
            // Only the character itself lower-cases to a character that is no letter; candidates
            // come in the order of their start, so the first match is the leftmost.
            char c = lowerWord.charAt(anchor);
            for (int i = s.indexOf(c, Math.max(0, from) + anchor); i >= 0 && i - anchor <= last; i = s.indexOf(c, i + 1)) {
                if (matchesAt(s, i - anchor, lowerWord)) {
                    return i - anchor;
                }
            }
            return -1;
        }
        char first = lowerWord.charAt(0);
        for (int i = Math.max(0, from); i <= last; i++) {
            if (lower(text.charAt(i)) == first && matchesAt(text, i, lowerWord)) {
                return i;
            }
        }
        return -1;
    }
}
