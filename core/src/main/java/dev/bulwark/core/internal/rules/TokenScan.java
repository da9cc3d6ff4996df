package dev.bulwark.core.internal.rules;

/**
 * The frame every script family's token scan shares: one pass of a {@link TokenWindow} over a
 * value, {@link #onToken()} called once for each significant token, with {@link #lex} on it and
 * {@link #window} holding the four before it. Findings go to the value's {@link Findings}. Linear as
 * long as {@code onToken} looks ahead or back only a bounded distance.
 */
public abstract class TokenScan {

    protected final String s;
    protected final Findings findings;
    protected final TokenWindow window;
    protected final CodeLexer lex;

    protected TokenScan(String s, Findings findings) {
        this.s = s;
        this.findings = findings;
        this.window = new TokenWindow(s);
        this.lex = window.lexer();
    }

    /** Reads every token of the value once, in order. */
    public final void run() {
        while (window.next()) {
            onToken();
        }
    }

    /** Judges the current token. */
    protected abstract void onToken();
}
