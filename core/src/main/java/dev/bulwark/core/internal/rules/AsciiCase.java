package dev.bulwark.core.internal.rules;

/**
 * Case-insensitive matching of ASCII keywords against request text, as every detector family
 * needs it. Only ASCII letters fold, so a non-ASCII look-alike never matches a keyword here; the
 * decoders handle look-alikes before detectors run. None of the methods allocates.
 */
public final class AsciiCase {

    private AsciiCase() {
    }

    /** Lower-cases ASCII letters only; every other character is returned unchanged. */
    public static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
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
     * first character is no letter, its candidates are found by {@code String.indexOf}, which is
     * much faster than a loop of {@code charAt}; a letter has two cases, and searching each of them
     * separately would read past the match to the end of the text on every call.
     */
    public static int indexOf(CharSequence text, String lowerWord, int from) {
        int last = text.length() - lowerWord.length();
        char first = lowerWord.charAt(0);
        if (text instanceof String s && !(first >= 'a' && first <= 'z')) {
            // Only the character itself lower-cases to a first character that is no letter.
            for (int i = s.indexOf(first, Math.max(0, from)); i >= 0 && i <= last; i = s.indexOf(first, i + 1)) {
                if (matchesAt(s, i, lowerWord)) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = Math.max(0, from); i <= last; i++) {
            if (lower(text.charAt(i)) == first && matchesAt(text, i, lowerWord)) {
                return i;
            }
        }
        return -1;
    }
}
