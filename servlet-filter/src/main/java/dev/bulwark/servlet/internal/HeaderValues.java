package dev.bulwark.servlet.internal;

/** Checks header names and values that checks hand to the filter before they are used. */
final class HeaderValues {

    private HeaderValues() {
    }

    /** Whether the name is a non-empty token-ish name and neither holds CR, LF or NUL. */
    static boolean isSafe(String name, String value) {
        if (name == null || value == null || name.isEmpty()) {
            return false;
        }
        return !containsBreak(name) && !containsBreak(value) && name.indexOf(':') < 0 && name.indexOf(' ') < 0;
    }

    private static boolean containsBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return true;
            }
        }
        return false;
    }
}
