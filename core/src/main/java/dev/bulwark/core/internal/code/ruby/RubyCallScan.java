package dev.bulwark.core.internal.code.ruby;

import static dev.bulwark.core.internal.code.ruby.RubyRules.RUBY_CODE;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.CodeLexer;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.TokenScan;

/**
 * Token-level checks over a value read as Ruby: methods that run commands or load code on the
 * receivers that have them ({@code Kernel.exec}, {@code Marshal.load}), evaluators
 * ({@code instance_eval(}) and {@code send(:system, ...)}. One lexer pass.
 */
final class RubyCallScan extends TokenScan {

    /** Ruby receivers and the methods on them that run commands or load code. */
    private static final Lexicon RUBY_RECEIVERS = Lexicon.of("Kernel", "IO", "Process", "Open3", "PTY",
            "Marshal", "ObjectSpace", "ERB", "YAML", "Psych", "Shell");
    private static final Lexicon RUBY_METHODS = Lexicon.of("exec", "system", "spawn", "open", "eval", "fork",
            "syscall", "popen", "popen2", "popen3", "popen2e", "capture2", "capture2e", "capture3", "pipeline",
            "pipeline_r", "pipeline_w", "load", "restore", "each_object", "new", "unsafe_load", "readlines",
            "read", "write", "binread", "sysopen");
    private static final Lexicon RUBY_EVALUATORS = Lexicon.of("instance_eval", "class_eval", "module_eval",
            "instance_exec", "class_exec", "public_send", "__send__");

    RubyCallScan(String s, Findings findings) {
        super(s, findings);
    }

    @Override
    protected void onToken() {
        if (lex.type == CodeLexer.IDENT) {
            if (window.isPunct(0, '.') && window.type(1) == CodeLexer.IDENT) {
                methodCall(window.start(1), window.end(1), lex.start, lex.end);
            }
        } else if (lex.isPunct('(') && window.type(0) == CodeLexer.IDENT) {
            openParen(window.start(0), window.end(0));
        }
    }

    /** {@code Receiver.method}: a capitalised receiver, a method it has, and arguments after it. */
    private void methodCall(int ra, int rb, int a, int b) {
        if (RUBY_RECEIVERS.contains(s, ra, rb) && Character.isUpperCase(s.charAt(ra))
                && RUBY_METHODS.contains(s, a, b) && methodFits(ra, rb, a, b) && argumentsFollow(b)) {
            findings.report(RUBY_CODE, ra, b);
        }
    }

    private void openParen(int a, int b) {
        if (RUBY_EVALUATORS.contains(s, a, b)) {
            findings.report(RUBY_CODE, a, lex.end);
        }
        if ((Ascii.rangeEquals(s, a, b, "send") || Ascii.rangeEquals(s, a, b, "public_send")
                || Ascii.rangeEquals(s, a, b, "__send__")) && lex.charAfter() == ':'
                && sendsCommand(lex.end + 1)) {
            findings.report(RUBY_CODE, a, lex.end);
        }
    }

    /** {@code send(:system, ...)} or {@code send(:`, ...)}: the symbol names a method that runs code or commands. */
    private boolean sendsCommand(int from) {
        if (from < s.length() && s.charAt(from) == '`') {
            return true;
        }
        int j = from;
        while (j < s.length() && Ascii.isIdentPart(s.charAt(j))) {
            j++;
        }
        return RUBY_METHODS.contains(s, from, j) || RUBY_EVALUATORS.contains(s, from, j);
    }

    /** Ruby calls may omit parentheses: arguments, a chained call or the end must follow. */
    private boolean argumentsFollow(int end) {
        int i = Ascii.skipSpaces(s, end, s.length());
        if (i >= s.length()) {
            return true;
        }
        char c = s.charAt(i);
        return c == '(' || c == '\'' || c == '"' || c == '`' || c == '%' || c == '.' || c == '[' || c == ';'
                || c == ':' || c == '$' || c == '@';
    }

    /** Ruby receivers take only some of the methods: {@code Kernel.exec}, not {@code ERB.exec}. */
    private boolean methodFits(int ra, int rb, int a, int b) {
        if (Ascii.rangeEquals(s, ra, rb, "marshal")) {
            return Ascii.rangeEquals(s, a, b, "load") || Ascii.rangeEquals(s, a, b, "restore");
        }
        if (Ascii.rangeEquals(s, ra, rb, "yaml") || Ascii.rangeEquals(s, ra, rb, "psych")) {
            return Ascii.rangeEquals(s, a, b, "load") || Ascii.rangeEquals(s, a, b, "unsafe_load");
        }
        if (Ascii.rangeEquals(s, ra, rb, "erb")) {
            return Ascii.rangeEquals(s, a, b, "new");
        }
        if (Ascii.rangeEquals(s, ra, rb, "objectspace")) {
            return Ascii.rangeEquals(s, a, b, "each_object");
        }
        return !Ascii.rangeEquals(s, a, b, "new") && !Ascii.rangeEquals(s, a, b, "load")
                && !Ascii.rangeEquals(s, a, b, "restore") && !Ascii.rangeEquals(s, a, b, "each_object");
    }
}
