package dev.bulwark.core.internal.code.ruby;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.ScriptFeatures;
import dev.bulwark.core.internal.rules.ScriptPasses;
import dev.bulwark.core.internal.rules.ScriptReading;
import dev.bulwark.core.internal.rules.ScriptWords;

/**
 * Ruby code injection (rule key {@code CODE}, shared by the script languages; the OWASP CRS
 * counterpart is the 934xxx group): {@code Kernel.exec}, {@code IO.popen}, {@code Marshal.load},
 * {@code instance_eval}, {@code send(:system, ...)} (see {@link RubyCallScan}) and
 * {@code %x(...)} command literals. Enabled from STANDARD. Values are read as the other script
 * families read them ({@link ScriptPasses}): as sent, unescaped, and base64-decoded one level.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Code_Injection">OWASP: Code Injection</a>
 */
public final class RubyInjectionDetector extends RuleFamily {

    public RubyInjectionDetector() {
        super(RubyRules.KEY, RubyRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        ScriptPasses.scan(target, sink, rules(), RubyInjectionDetector::scanReading);
    }

    /** The checks on one reading of the value. */
    private static void scanReading(ScriptReading reading, Findings findings) {
        String s = reading.text();
        int f = reading.features();
        if ((f & ScriptFeatures.CODE) != 0 && (reading.words() & ScriptWords.TRIGGER) != 0) {
            new RubyCallScan(s, findings).run();
        }
        if ((f & ScriptFeatures.SIGIL) != 0) {
            scanCommandLiterals(s, findings);
        }
    }

    /** {@code %x(...)}, {@code %x{...}}: a command literal with something between its delimiters. */
    private static void scanCommandLiterals(String s, Findings findings) {
        int n = s.length();
        // The next closing delimiter only moves forward, so it is searched for at most once per kind.
        int nextClose = -1;
        char closeFor = 0;
        for (int i = s.indexOf("%x"); i >= 0; i = s.indexOf("%x", i + 2)) {
            if (i + 2 < n && isPercentDelimiter(s.charAt(i + 2)) && (i == 0 || !Ascii.isIdentPart(s.charAt(i - 1)))) {
                char close = closingDelimiter(s.charAt(i + 2));
                if (close != closeFor || (nextClose >= 0 && nextClose <= i + 3)) {
                    closeFor = close;
                    nextClose = s.indexOf(close, i + 3);
                }
                if (nextClose < 0) {
                    continue;
                }
                if (nextClose > i + 3) {
                    findings.report(RubyRules.RUBY_CODE, i, i + 3);
                    break;
                }
            }
        }
    }

    private static boolean isPercentDelimiter(char c) {
        return c == '(' || c == '{' || c == '[' || c == '<' || c == '|' || c == '!';
    }

    private static char closingDelimiter(char open) {
        return switch (open) {
            case '(' -> ')';
            case '{' -> '}';
            case '[' -> ']';
            case '<' -> '>';
            default -> open;
        };
    }
}
