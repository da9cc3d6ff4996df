package dev.bulwark.core.config;

/** The {@code token} syntax of RFC 9110 (section 5.6.2), which header names and methods share. */
final class HttpTokens {

    private HttpTokens() {
    }

    /** Whether {@code text} is a token of at most {@code maxLength} characters. */
    static boolean isToken(String text, int maxLength) {
        if (text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
