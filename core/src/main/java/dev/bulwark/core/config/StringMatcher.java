package dev.bulwark.core.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Matches a string by exact value, prefix, suffix, substring or regular expression, optionally
 * ignoring case.
 *
 * <p>Regular expressions run on RE2/J, an automaton-based engine whose matching time is linear in
 * the input, so a pattern in the configuration can never become a ReDoS vector on request data.
 * Patterns must match the whole string; write {@code .*} for partial matches.
 */
public final class StringMatcher {

    /** How the configured text is compared. */
    public enum Kind {
        EXACT, PREFIX, SUFFIX, CONTAINS, REGEX
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
        if (kind == Kind.REGEX) {
            try {
                this.pattern = Pattern.compile(text, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
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
        if (kind == Kind.REGEX) {
            return pattern.matches(value);
        }
        String candidate = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return switch (kind) {
            case EXACT -> candidate.equals(folded);
            case PREFIX -> candidate.startsWith(folded);
            case SUFFIX -> candidate.endsWith(folded);
            case CONTAINS -> candidate.contains(folded);
            case REGEX -> throw new AssertionError();
        };
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
