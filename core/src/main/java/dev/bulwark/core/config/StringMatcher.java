package dev.bulwark.core.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Matches a string by exact value, prefix, suffix, substring, regular expression or path pattern,
 * optionally ignoring case.
 *
 * <p>Regular expressions run on RE2/J, an automaton-based engine whose matching time is linear in
 * the input, so a pattern in the configuration can never become a ReDoS vector on request data.
 * Patterns must match the whole string; write {@code .*} for partial matches.
 *
 * <p>A path pattern is a route in the notation of Spring MVC and OpenAPI, matched against the
 * routed path: {@code {name}} and {@code *} stand for exactly one non-empty segment,
 * {@code {*name}} and {@code **} (only as the last segment) for the rest of the path, zero or more
 * segments; everything else is literal. {@code /pets/{id}} matches {@code /pets/7}, not
 * {@code /pets} nor {@code /pets/7/photos}. A variable's own regular expression
 * ({@code {id:\d+}}) is not applied: the variable stands for any one segment.
 */
public final class StringMatcher {

    /** How the configured text is compared. */
    public enum Kind {
        EXACT, PREFIX, SUFFIX, CONTAINS, REGEX,
        /** A route such as {@code /pets/{id}}; see the class comment. */
        PATTERN
    }

    private final Kind kind;
    private final String text;
    private final boolean ignoreCase;
    private final String folded;
    private final Pattern pattern;
    /** This matcher ignoring case, built once: request paths are matched both ways. */
    private final StringMatcher caseless;

    private StringMatcher(Kind kind, String text, boolean ignoreCase) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.text = Objects.requireNonNull(text, "text");
        this.ignoreCase = ignoreCase;
        this.folded = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        if (kind == Kind.REGEX || kind == Kind.PATTERN) {
            String regex = kind == Kind.REGEX ? text : pathPatternRegex(text);
            try {
                this.pattern = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex '" + text + "': " + e.getDescription(), e);
            }
        } else {
            this.pattern = null;
        }
        this.caseless = ignoreCase ? this : new StringMatcher(kind, text, true);
    }

    public static StringMatcher exact(String text) {
        return new StringMatcher(Kind.EXACT, text, false);
    }

    public static StringMatcher prefix(String text) {
        return new StringMatcher(Kind.PREFIX, text, false);
    }

    public static StringMatcher suffix(String text) {
        return new StringMatcher(Kind.SUFFIX, text, false);
    }

    public static StringMatcher contains(String text) {
        return new StringMatcher(Kind.CONTAINS, text, false);
    }

    /** A whole-string match with an RE2 pattern; invalid patterns are rejected at once. */
    public static StringMatcher regex(String pattern) {
        return new StringMatcher(Kind.REGEX, pattern, false);
    }

    /** A route such as {@code /pets/{id}}, matched against the routed path; see the class comment. */
    public static StringMatcher pattern(String route) {
        return new StringMatcher(Kind.PATTERN, route, false);
    }

    public static StringMatcher of(Kind kind, String text, boolean ignoreCase) {
        return new StringMatcher(kind, text, ignoreCase);
    }

    /** The same matcher, comparing without regard to case. */
    public StringMatcher ignoringCase() {
        return caseless;
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text;
    }

    public boolean ignoreCase() {
        return ignoreCase;
    }

    /** Whether {@code value} matches; {@code null} never matches. */
    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        if (pattern != null) {
            return pattern.matches(value);
        }
        String candidate = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return switch (kind) {
            case EXACT -> candidate.equals(folded);
            case PREFIX -> candidate.startsWith(folded);
            case SUFFIX -> candidate.endsWith(folded);
            case CONTAINS -> candidate.contains(folded);
            case REGEX, PATTERN -> throw new AssertionError();
        };
    }

    /**
     * The RE2 expression of a path pattern: {@code {name}} and {@code *} become one segment,
     * a last {@code {*name}} or {@code **} the rest of the path, the rest is quoted.
     *
     * @throws IllegalArgumentException for a pattern that does not start with {@code /}, an
     *     unclosed variable, or a rest-of-path variable before the last segment
     */
    private static String pathPatternRegex(String route) {
        if (!route.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': '" + route + "'");
        }
        String[] segments = route.substring(1).split("/", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals("**") || (segment.startsWith("{*") && segment.endsWith("}"))) {
                if (!last) {
                    throw new IllegalArgumentException("'" + segment + "' may only end a path pattern: '" + route + "'");
                }
                regex.append("(?:/.*)?");
                if (i == 0) {
                    regex.append("|/");
                }
                break;
            }
            regex.append('/');
            int at = 0;
            while (at < segment.length()) {
                char c = segment.charAt(at);
                if (c == '{') {
                    int close = segment.indexOf('}', at);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed '{' in path pattern '" + route + "'");
                    }
                    regex.append("[^/]+");
                    at = close + 1;
                } else if (c == '*' && segment.length() == 1) {
                    regex.append("[^/]+");
                    at++;
                } else {
                    int next = segment.indexOf('{', at);
                    int end = next < 0 ? segment.length() : next;
                    regex.append(Pattern.quote(segment.substring(at, end)));
                    at = end;
                }
            }
        }
        return regex.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StringMatcher that
                && kind == that.kind && ignoreCase == that.ignoreCase && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text, ignoreCase);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + (ignoreCase ? "(ignore-case)" : "") + ":" + text;
    }
}
