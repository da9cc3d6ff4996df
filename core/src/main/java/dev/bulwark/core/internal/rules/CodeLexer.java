package dev.bulwark.core.internal.rules;

/**
 * A forgiving tokenizer for C-family code (PHP, JavaScript, Java, Python, Ruby, Perl) found inside
 * a request value: identifiers, numbers, quoted strings and single punctuation characters, with
 * whitespace and comments skipped. It never fails; anything unknown is punctuation.
 *
 * <p>Prose stays prose: an apostrophe between two letters ({@code don't}, {@code O'Brien}) is part
 * of the word, and {@code //} after a colon ({@code http://}) is not a comment. One pass, no
 * look-behind beyond one character, so tokenizing is linear.
 */
public final class CodeLexer {

    public static final int END = 0;
    public static final int IDENT = 1;
    public static final int NUMBER = 2;
    public static final int STRING = 3;
    public static final int PUNCT = 4;

    /** Skip {@code /* ... *}{@code /} and {@code // ...} comments. */
    public static final int SLASH_COMMENTS = 1;
    /** Skip {@code # ...} comments (PHP, Perl, Python, Ruby, shell). */
    public static final int HASH_COMMENTS = 2;

    private final CharSequence s;
    private final int limit;
    private final int options;
    private int pos;

    /** Type of the current token. */
    public int type;
    /** Start of the current token (for strings: the opening quote). */
    public int start;
    /** End (exclusive) of the current token (for strings: after the closing quote, if any). */
    public int end;
    /** The punctuation character, or the quote character of a string. */
    public char punct;
    /** Whether whitespace or a comment came between the previous token and this one. */
    public boolean spaceBefore;
    /** Whether a comment came between the previous token and this one. */
    public boolean commentBefore;
    /** Whether the current string token has its closing quote. */
    public boolean terminated;

    public CodeLexer(CharSequence s, int from, int to, int options) {
        this.s = s;
        this.pos = from;
        this.limit = to;
        this.options = options;
    }

    /** Content start of the current string token (after the quote). */
    public int stringContentStart() {
        return start + 1;
    }

    /** Content end of the current string token (before the closing quote, if any). */
    public int stringContentEnd() {
        return terminated ? end - 1 : end;
    }

    public boolean isPunct(char c) {
        return type == PUNCT && punct == c;
    }

    /** Advances to the next token and returns its type. */
    public int next() {
        spaceBefore = false;
        commentBefore = false;
        while (pos < limit) {
            char c = s.charAt(pos);
            if (Ascii.isSpace(c)) {
                spaceBefore = true;
                pos++;
                continue;
            }
            if (c == '/' && pos + 1 < limit && (options & SLASH_COMMENTS) != 0) {
                char d = s.charAt(pos + 1);
                if (d == '*') {
                    int close = indexOf("*/", pos + 2);
                    pos = close < 0 ? limit : close + 2;
                    spaceBefore = true;
                    commentBefore = true;
                    continue;
                }
                if (d == '/' && (pos == 0 || s.charAt(pos - 1) != ':')) {
                    skipLine();
                    continue;
                }
            }
            if (c == '#' && (options & HASH_COMMENTS) != 0) {
                skipLine();
                continue;
            }
            break;
        }
        start = pos;
        if (pos >= limit) {
            type = END;
            end = pos;
            return type;
        }
        char c = s.charAt(pos);
        if (Ascii.isIdentStart(c)) {
            pos++;
            while (pos < limit) {
                char d = s.charAt(pos);
                if (Ascii.isIdentPart(d)) {
                    pos++;
                } else if (d == '\'' && pos + 1 < limit && Ascii.isLetter(s.charAt(pos + 1))
                        && Ascii.isLetter(s.charAt(pos - 1))) {
                    pos++;
                } else {
                    break;
                }
            }
            type = IDENT;
        } else if (Ascii.isDigit(c)) {
            pos++;
            while (pos < limit && (Ascii.isIdentPart(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            type = NUMBER;
        } else if (c == '"' || c == '\'' || c == '`') {
            punct = c;
            terminated = false;
            pos++;
            while (pos < limit) {
                char d = s.charAt(pos);
                if (d == '\\') {
                    pos += 2;
                    continue;
                }
                pos++;
                if (d == c) {
                    terminated = true;
                    break;
                }
            }
            if (pos > limit) {
                pos = limit;
            }
            type = STRING;
        } else {
            punct = c;
            pos++;
            type = PUNCT;
        }
        end = pos;
        return type;
    }

    /** Whether the current token's text equals {@code lowerWord}, ignoring case. */
    public boolean is(String lowerWord) {
        return Ascii.rangeEquals(s, start, end, lowerWord);
    }

    /** The next character after the current token, skipping nothing; 0 at the end. */
    public char charAfter() {
        return pos < limit ? s.charAt(pos) : 0;
    }

    private void skipLine() {
        while (pos < limit && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
            pos++;
        }
        spaceBefore = true;
        commentBefore = true;
    }

    private int indexOf(String needle, int from) {
        int last = limit - needle.length();
        for (int i = from; i <= last; i++) {
            if (s.charAt(i) == needle.charAt(0) && s.charAt(i + 1) == needle.charAt(1)) {
                return i;
            }
        }
        return -1;
    }
}
