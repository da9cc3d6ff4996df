package dev.bulwark.core.internal.rules;

/**
 * Reads HTML character references the way a browser does, for every family that must see through
 * them: decimal and hexadecimal references with or without the closing semicolon ({@code &#36},
 * {@code &#x7B;}), and named references from a table the family chooses, since which names matter
 * (and what a family wants a non-breaking space to read as) differs between markup, code and
 * shell commands.
 *
 * <p>A numeric reference takes at most {@value #MAX_DIGITS} digits; zero and values beyond the
 * Basic Multilingual Plane read as U+FFFD, as browsers read them. A name is the run of ASCII letters
 * after the ampersand: it is a reference when the whole run is in the table and is not glued to a
 * digit (or is closed by a semicolon), or when the run starts with a name the table allows without
 * a semicolon (browsers read {@code &ltscript} as {@code <script}).
 */
public final class HtmlEntities {

    /** Digits read in a numeric reference; longer runs read as U+FFFD and leave the rest as text. */
    public static final int MAX_DIGITS = 16;

    /** A character reference: the character it stands for and how many characters of the text it takes. */
    public record Reference(char character, int length) {
    }

    /** The references that hide shell separators and quoting, e.g. {@code &semi;} or {@code &quot;}. */
    private static final Lexicon SHELL_NAMES = Lexicon.builder()
            .add('"', "quot").add('&', "amp").add('<', "lt").add('>', "gt").add('\'', "apos")
            .add(';', "semi").add('|', "verbar", "vert").add('`', "grave").add('$', "dollar")
            .add('\n', "newline")
            .build();

    private static final Lexicon NONE = Lexicon.builder().build();

    private HtmlEntities() {}

    /**
     * Reads the reference at {@code at}, which holds {@code &}; {@code null} when there is none.
     *
     * @param names named references; each word's flags are the character it stands for
     * @param bareNames names also read without a semicolon when letters follow them
     */
    public static Reference read(CharSequence s, int at, Lexicon names, Lexicon bareNames) {
        int n = s.length();
        int j = at + 1;
        if (j >= n) {
            return null;
        }
        if (s.charAt(j) == '#') {
            return numeric(s, at, j + 1);
        }
        int nameStart = j;
        int longest = Math.max(names.maxLength(), bareNames.maxLength());
        while (j < n && j - nameStart <= longest && Ascii.isLetter(s.charAt(j))) {
            j++;
        }
        if (j == nameStart) {
            return null;
        }
        boolean semicolon = j < n && s.charAt(j) == ';';
        int whole = names.flags(s, nameStart, j);
        if (whole != 0 && (semicolon || j >= n || !Ascii.isDigit(s.charAt(j))
                || bareNames.contains(s, nameStart, j))) {
            return new Reference((char) whole, j - at + (semicolon ? 1 : 0));
        }
        for (int end = Math.min(j, nameStart + bareNames.maxLength()); end > nameStart; end--) {
            int bare = bareNames.flags(s, nameStart, end);
            if (bare != 0) {
                return new Reference((char) bare, end - at);
            }
        }
        return null;
    }

    private static Reference numeric(CharSequence s, int at, int from) {
        int n = s.length();
        int j = from;
        int radix = 10;
        if (j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X')) {
            radix = 16;
            j++;
        }
        int digitsStart = j;
        int value = 0;
        while (j < n && j - digitsStart < MAX_DIGITS && Character.digit(s.charAt(j), radix) >= 0) {
            value = Math.min(value * radix + Character.digit(s.charAt(j), radix), 0x110000);
            j++;
        }
        if (j == digitsStart) {
            return null;
        }
        if (j < n && s.charAt(j) == ';') {
            j++;
        }
        char character = value == 0 || value > 0xffff ? '\ufffd' : (char) value;
        return new Reference(character, j - at);
    }

    /**
     * The text with the references that hide shell separators decoded. Values reach the detectors
     * percent-decoded but not entity-decoded, and a shell payload that went through an HTML form or
     * template may carry them. Returns the input itself when it has no reference, so the common
     * case allocates nothing.
     */
    public static String decode(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = null;
        int n = text.length();
        int copied = 0;
        for (int i = amp; i < n; i++) {
            if (text.charAt(i) != '&') {
                continue;
            }
            Reference reference = read(text, i, SHELL_NAMES, NONE);
            if (reference == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, i).append(reference.character());
            copied = i + reference.length();
            i = copied - 1;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }
}
