package dev.bulwark.core.internal.rules;

/**
 * Splits identifiers such as parameter names into words ({@code mosConfig_absolute_path} is
 * {@code mos}, {@code config}, {@code absolute}, {@code path}) and looks them up in a word table,
 * without allocating.
 */
public final class NameWords {

    private NameWords() {
    }

    /** Whether one of the words of {@code name} is in {@code lowerWords}. */
    public static boolean containsWord(String name, String[] lowerWords) {
        int length = name.length();
        int i = 0;
        while (i < length) {
            while (i < length && !Ascii.isAlnum(name.charAt(i))) {
                i++;
            }
            int start = i;
            if (i < length && Character.isUpperCase(name.charAt(i))) {
                // an upper-case run: "URL" in "returnURL" or "Config" in "mosConfig"
                while (i < length && isUpper(name.charAt(i))) {
                    i++;
                }
                if (i - start > 1 && i < length && isLower(name.charAt(i))) {
                    i--;
                }
            }
            while (i < length && isLower(name.charAt(i))) {
                i++;
            }
            if (i == start) {
                while (i < length && Ascii.isDigit(name.charAt(i))) {
                    i++;
                }
            }
            if (i > start && lookup(name, start, i, lowerWords)) {
                return true;
            }
            if (i == start) {
                i++;
            }
        }
        return false;
    }

    private static boolean lookup(String name, int start, int end, String[] lowerWords) {
        for (String word : lowerWords) {
            if (Ascii.rangeEquals(name, start, end, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
