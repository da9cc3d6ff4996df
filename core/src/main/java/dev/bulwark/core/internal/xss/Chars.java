package dev.bulwark.core.internal.xss;

/** Character classes and bounded skips shared by the XSS scanners. Text is already lower case. */
final class Chars {

    /** How far a scanner looks past a comment or a run of ignorable characters. */
    static final int SKIP_LIMIT = 256;

    private Chars() {
    }

    /** Space and control characters: separators in tags, ignored by browsers in URL schemes. */
    static boolean isSpace(char c) {
        return c <= ' ';
    }

    static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetterOrDigit(char c) {
        return isLetter(c) || isDigit(c);
    }

    /** A character of a JavaScript identifier (ASCII only: anything else ends an identifier). */
    static boolean isIdentifierPart(char c) {
        return isLetterOrDigit(c) || c == '_' || c == '$';
    }

    static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** The end of the identifier that starts at {@code from}. */
    static int identifierEnd(char[] t, int from, int n) {
        int e = from;
        while (e < n && isIdentifierPart(t[e])) {
            e++;
        }
        return e;
    }

    /** Skips spaces and {@code /* ... *}{@code /} comments, each comment at most {@link #SKIP_LIMIT}. */
    static int skipJsSpace(char[] t, int k, int n) {
        int limit = Math.min(n, k + SKIP_LIMIT);
        while (k < limit) {
            char c = t[k];
            if (isSpace(c)) {
                k++;
            } else if (c == '/' && k + 1 < n && t[k + 1] == '*') {
                int close = indexOf(t, k + 2, Math.min(n, k + 2 + SKIP_LIMIT), '*', '/');
                if (close < 0) {
                    return k;
                }
                k = close + 2;
            } else {
                break;
            }
        }
        return k;
    }

    /** The index of the last character before {@code i} that is neither space nor part of a comment, or -1. */
    static int previousSignificant(char[] t, int i) {
        int j = i - 1;
        int floor = Math.max(-1, i - 1 - SKIP_LIMIT);
        while (j > floor) {
            char c = t[j];
            if (isSpace(c)) {
                j--;
            } else if (c == '/' && j > 0 && t[j - 1] == '*') {
                int open = lastIndexOf(t, j - 2, Math.max(0, j - 2 - 64), '/', '*');
                if (open < 0) {
                    return j;
                }
                j = open - 1;
            } else {
                return j;
            }
        }
        return -1;
    }

    /** Index of the pair {@code a b} in {@code t[from, to)}, or -1. */
    static int indexOf(char[] t, int from, int to, char a, char b) {
        for (int k = from; k + 1 < to; k++) {
            if (t[k] == a && t[k + 1] == b) {
                return k;
            }
        }
        return -1;
    }

    private static int lastIndexOf(char[] t, int from, int floor, char a, char b) {
        for (int k = from - 1; k >= floor; k--) {
            if (t[k] == a && t[k + 1] == b) {
                return k;
            }
        }
        return -1;
    }

    /** Whether {@code t} holds {@code word} at {@code at}. */
    static boolean startsWith(char[] t, int at, int n, String word) {
        if (at < 0 || at + word.length() > n) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (t[at + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
