package dev.bulwark.core.config;

import java.util.Objects;

/**
 * The path a request is routed by, in the two forms that path conditions match.
 *
 * <p>{@link #exact()} is the path as a Servlet 6 container and Spring route it: path parameters cut
 * from every segment, percent-decoded, empty segments collapsed, dot-segments resolved. Relaxations
 * (allow rules, deny-rule exceptions, which route applies) match it as written: case-sensitively,
 * with a trailing slash significant.
 *
 * <p>{@link #folded()} is what the same path may reach on a server or framework configured more
 * leniently than the defaults: lower case, with the dots and spaces at the end of every segment and a
 * trailing slash removed ({@code /Admin./x/} becomes {@code /admin/x}). Requirements (a route's
 * token or IP rules, a stricter rule level) must hold for every such spelling, so they are also
 * matched, ignoring case, against this form.
 *
 * @param exact the routed path; starts with {@code /}
 * @param folded the lenient spelling of {@code exact}
 */
public record RoutingPath(String exact, String folded) {

    public RoutingPath {
        Objects.requireNonNull(exact, "exact");
        Objects.requireNonNull(folded, "folded");
    }

    /** The two forms of a routed path; linear in its length. */
    public static RoutingPath of(String exact) {
        if (foldsToItself(exact)) {
            return new RoutingPath(exact, exact);
        }
        StringBuilder folded = new StringBuilder(exact.length());
        int n = exact.length();
        int start = 0;
        while (start < n) {
            int end = exact.indexOf('/', start + 1);
            if (end < 0) {
                end = n;
            }
            int trimmed = end;
            while (trimmed > start + 1 && (exact.charAt(trimmed - 1) == '.' || exact.charAt(trimmed - 1) == ' ')) {
                trimmed--;
            }
            if (trimmed == start + 1 && end > start + 1) {
                // A segment of dots and spaces only keeps its spelling: it names nothing else.
                trimmed = end;
            }
            for (int i = start; i < trimmed; i++) {
                folded.append(Character.toLowerCase(exact.charAt(i)));
            }
            start = end;
        }
        if (folded.length() > 1 && folded.charAt(folded.length() - 1) == '/') {
            folded.setLength(folded.length() - 1);
        }
        return new RoutingPath(exact, folded.toString());
    }

    /**
     * Whether folding changes nothing, as for most paths: no character with a lower case of its
     * own, no dot or space at the end of a segment, no trailing slash. Spares a copy per request.
     */
    private static boolean foldsToItself(String exact) {
        int n = exact.length();
        if (n > 1 && exact.charAt(n - 1) == '/') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = exact.charAt(i);
            if (Character.toLowerCase(c) != c) {
                return false;
            }
            if ((c == '.' || c == ' ') && (i + 1 == n || exact.charAt(i + 1) == '/')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a path matcher matches some spelling of this path: the exact one, or either form
     * ignoring case.
     */
    public boolean matchesAnySpelling(StringMatcher matcher) {
        if (matcher.matches(exact)) {
            return true;
        }
        StringMatcher caseless = matcher.ignoringCase();
        return caseless.matches(exact) || caseless.matches(folded);
    }
}
