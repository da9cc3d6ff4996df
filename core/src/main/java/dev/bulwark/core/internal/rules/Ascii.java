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

    /** Whitespace as code lexers see it, including vertical tab, form feed and no-break space. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f'
                || c == '\u00a0' || c == '\u2028' || c == '\u2029' || c == '\u3000';
    }

    /** Identifier start in the C family: letter, underscore, or any non-ASCII non-space character. */
    public static boolean isIdentStart(char c) {
        return isLetter(c) || c == '_' || (c >= 0x80 && !isSpace(c));
    }

    public static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    /** Identifier part in Java, where {@code $} is a letter. */
    public static boolean isJavaIdentPart(char c) {
        return isIdentPart(c) || c == '$';
    }

    public static boolean isBase64(char c) {
        return isLetter(c) || isDigit(c) || c == '+' || c == '/' || c == '-' || c == '_';
    }

    /** Whether {@code s} holds {@code lowerWord} at {@code at}, ignoring ASCII case. */
    public static boolean matchesAt(CharSequence s, int at, String lowerWord) {
        return AsciiCase.matchesAt(s, at, lowerWord);
    }

    /** Whether the range {@code [from, to)} of {@code s} equals {@code lowerWord}, ignoring case. */
    public static boolean rangeEquals(CharSequence s, int from, int to, String lowerWord) {
        return to - from == lowerWord.length() && matchesAt(s, from, lowerWord);
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

    /** First index of {@code lowerWord} in {@code s} at or after {@code from}, ignoring case; -1 if none. */
    public static int indexOfIgnoreCase(CharSequence s, String lowerWord, int from) {
        return AsciiCase.indexOf(s, lowerWord, from);
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
}
