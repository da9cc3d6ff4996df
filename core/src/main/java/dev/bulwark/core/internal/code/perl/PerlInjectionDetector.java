package dev.bulwark.core.internal.code.perl;

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
 * Perl code injection (rule key {@code CODE}, shared by the script languages; the OWASP CRS
 * counterpart is the 934xxx group): {@code qx{...}} and {@code open} with a pipe (see
 * {@link PerlTokenScan}), and {@code @{[ ... ]}} interpolation. Enabled from STANDARD. Values are
 * read as the other script families read them ({@link ScriptPasses}): as sent, unescaped, and
 * base64-decoded one level.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Code_Injection">OWASP: Code Injection</a>
 */
public final class PerlInjectionDetector extends RuleFamily {

    public PerlInjectionDetector() {
        super(PerlRules.KEY, PerlRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        ScriptPasses.scan(target, sink, rules(), PerlInjectionDetector::scanReading);
    }

    /** The checks on one reading of the value. */
    private static void scanReading(ScriptReading reading, Findings findings) {
        String s = reading.text();
        int f = reading.features();
        if ((f & ScriptFeatures.CODE) != 0 && (reading.words() & ScriptWords.TRIGGER) != 0) {
            new PerlTokenScan(s, findings).run();
        }
        if ((f & ScriptFeatures.SIGIL) != 0) {
            scanInterpolation(s, findings);
        }
    }

    /** {@code @{[ ... ]}}: an expression interpolated into a string. */
    private static void scanInterpolation(String s, Findings findings) {
        int n = s.length();
        for (int i = s.indexOf("@{"); i >= 0; i = s.indexOf("@{", i + 2)) {
            int j = Ascii.skipSpaces(s, i + 2, n);
            if (j < n && s.charAt(j) == '[') {
                findings.report(PerlRules.PERL_CODE, i, j + 1);
                break;
            }
        }
    }
}
