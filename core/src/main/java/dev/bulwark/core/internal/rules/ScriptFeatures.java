package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;

/**
 * Which characters a value has that a script-language detector (Node, Python, Ruby, Perl, data
 * URIs) looks for, as bits, so that each check runs only on values that could hold its evidence.
 * Every script family reads a value the same way: the same bits, the same minimum size, and the
 * same {@link ScriptPasses decoding passes}.
 */
public final class ScriptFeatures {

    /** {@code %}, {@code &} or a backslash: the value may carry escapes. */
    public static final int ESCAPE = 1;
    public static final int COLON = 1 << 1;
    public static final int DOLLAR = 1 << 2;
    public static final int BANG = 1 << 3;
    public static final int UNDERSCORE = 1 << 4;
    /** {@code .} or {@code [}: member access. */
    public static final int SEPARATOR = 1 << 5;
    /** Punctuation that code has and prose rarely does. */
    public static final int CODE = 1 << 6;
    /** {@code %} or {@code @}: Ruby and Perl sigils. */
    public static final int SIGIL = 1 << 7;
    public static final int SPACE = 1 << 8;
    public static final int NEWLINE = 1 << 9;

    private static final AsciiSet ESCAPE_CHARS = AsciiSet.of("%&\\");
    private static final AsciiSet SIGIL_CHARS = AsciiSet.of("%@");
    private static final AsciiSet SEPARATOR_CHARS = AsciiSet.of(".[");
    private static final AsciiSet CODE_CHARS = AsciiSet.of("$.[({`'\"");
    private static final AsciiSet SPACE_CHARS = AsciiSet.of(" \t\r\n");

    private ScriptFeatures() {
    }

    /**
     * Whether {@code target} is too small or too plain to hold script code: under 3 characters, or
     * under 12 without any feature. JSON key names are always read (prototype pollution lives there).
     */
    public static boolean tooPlain(ScanTarget target, int features) {
        boolean jsonName = target.source() == Source.JSON
                && target.component() == Component.NAME;
        int length = target.text().length();
        return !jsonName && (length < 3 || (length < 12 && features == 0));
    }

    /** {@link #of(String)} of the value whose profile this is. */
    public static int of(TextProfile p) {
        int f = 0;
        if (p.hasAny(ESCAPE_CHARS)) {
            f |= ESCAPE;
        }
        if (p.hasAny(SIGIL_CHARS)) {
            f |= SIGIL;
        }
        if (p.has(':')) {
            f |= COLON;
        }
        if (p.has('$')) {
            f |= DOLLAR;
        }
        if (p.has('!')) {
            f |= BANG;
        }
        if (p.has('_')) {
            f |= UNDERSCORE;
        }
        if (p.hasAny(SEPARATOR_CHARS)) {
            f |= SEPARATOR;
        }
        if (p.hasAny(CODE_CHARS)) {
            f |= CODE;
        }
        if (p.hasAny(SPACE_CHARS)) {
            f |= SPACE;
        }
        if (p.has('\n')) {
            f |= NEWLINE;
        }
        return f;
    }

    /** The feature bits of {@code s}, in one pass. */
    public static int of(String s) {
        int f = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            switch (s.charAt(i)) {
                case '%' -> f |= ESCAPE | SIGIL;
                case '&', '\\' -> f |= ESCAPE;
                case ':' -> f |= COLON;
                case '$' -> f |= DOLLAR | CODE;
                case '!' -> f |= BANG;
                case '_' -> f |= UNDERSCORE;
                case '.', '[' -> f |= SEPARATOR | CODE;
                case '(', '{', '`', '\'', '"' -> f |= CODE;
                case '@' -> f |= SIGIL;
                case ' ', '\t', '\r' -> f |= SPACE;
                case '\n' -> f |= SPACE | NEWLINE;
                default -> { }
            }
        }
        return f;
    }
}
