package dev.bulwark.core.internal.code.perl;

import static dev.bulwark.core.internal.code.perl.PerlRules.PERL_CODE;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.CodeLexer;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.TokenScan;

/**
 * Token-level checks over a value read as Perl: {@code qx} followed by a quoting delimiter, and
 * {@code open} whose string argument after a comma starts or ends with a pipe (within the next
 * eight tokens). One lexer pass.
 */
final class PerlTokenScan extends TokenScan {

    private static final int OPEN_ARGUMENT_TOKENS = 8;

    private int openWindow;
    private boolean openComma;

    PerlTokenScan(String s, Findings findings) {
        super(s, findings);
    }

    @Override
    protected void onToken() {
        int type = lex.type;
        if (openWindow > 0) {
            openWindow--;
            if (lex.isPunct(',')) {
                openComma = true;
            } else if (type == CodeLexer.STRING && openComma && pipes(lex.stringContentStart(), lex.stringContentEnd())) {
                findings.report(PERL_CODE, lex.start, lex.end);
                openWindow = 0;
            }
        }
        if (type != CodeLexer.IDENT) {
            return;
        }
        int a = lex.start;
        int b = lex.end;
        if (Ascii.rangeEquals(s, a, b, "open") && !window.isPunct(0, '.')) {
            openWindow = OPEN_ARGUMENT_TOKENS;
            openComma = false;
        }
        if (Ascii.rangeEquals(s, a, b, "qx") && lex.charAfter() != 0 && "{([</|!#'\"".indexOf(lex.charAfter()) >= 0) {
            findings.report(PERL_CODE, a, b + 1);
        }
    }

    /** Whether {@code s[from, to)}, trimmed, is longer than one character and starts or ends with {@code |}. */
    private boolean pipes(int from, int to) {
        int a = from;
        int b = to;
        while (a < b && Ascii.isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && Ascii.isSpace(s.charAt(b - 1))) {
            b--;
        }
        return b > a && (s.charAt(a) == '|' || s.charAt(b - 1) == '|') && b - a > 1;
    }
}
