package dev.bulwark.core.internal.rules;

/**
 * A {@link CodeLexer} over a whole value that remembers the last four significant tokens, for
 * checks that judge a token by what came just before it ({@code process.env},
 * {@code require('fs')}, {@code new Function(}).
 */
public final class TokenWindow {

    private static final int SIZE = 4;

    private final String s;
    private final CodeLexer lex;
    // The last four tokens before the current one, most recent first.
    private final int[] types = new int[SIZE];
    private final char[] puncts = new char[SIZE];
    private final int[] starts = new int[SIZE];
    private final int[] ends = new int[SIZE];
    private boolean current;

    /** A window over {@code s}, with {@code //} and block comments skipped. */
    public TokenWindow(String s) {
        this.s = s;
        this.lex = new CodeLexer(s, 0, s.length(), CodeLexer.SLASH_COMMENTS);
    }

    /** The lexer, positioned on the current token. */
    public CodeLexer lexer() {
        return lex;
    }

    /** Moves to the next token; {@code false} at the end of the value. */
    public boolean next() {
        if (current) {
            for (int k = SIZE - 1; k > 0; k--) {
                types[k] = types[k - 1];
                puncts[k] = puncts[k - 1];
                starts[k] = starts[k - 1];
                ends[k] = ends[k - 1];
            }
            types[0] = lex.type;
            puncts[0] = lex.type == CodeLexer.PUNCT || lex.type == CodeLexer.STRING ? lex.punct : 0;
            starts[0] = lex.start;
            ends[0] = lex.end;
        }
        current = lex.next() != CodeLexer.END;
        return current;
    }

    /** The type of the {@code k}-th token back (0 is the one just before the current), or {@link CodeLexer#END}. */
    public int type(int k) {
        return types[k];
    }

    public int start(int k) {
        return starts[k];
    }

    public int end(int k) {
        return ends[k];
    }

    /** Whether the {@code k}-th token back is the identifier {@code lowerWord}, ignoring case. */
    public boolean isWord(int k, String lowerWord) {
        return types[k] == CodeLexer.IDENT && Ascii.rangeEquals(s, starts[k], ends[k], lowerWord);
    }

    /** Whether the {@code k}-th token back is the punctuation {@code c}. */
    public boolean isPunct(int k, char c) {
        return types[k] == CodeLexer.PUNCT && puncts[k] == c;
    }
}
