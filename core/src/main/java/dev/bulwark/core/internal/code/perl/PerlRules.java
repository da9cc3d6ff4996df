package dev.bulwark.core.internal.code.perl;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScriptPasses;
import java.util.List;

/**
 * The rules of the Perl family (key {@code CODE}), in the order {@link PerlInjectionDetector}
 * collects them.
 */
final class PerlRules {

    static final String KEY = ScriptPasses.RULE_KEY;

    static final RuleDefinition PERL_CODE = rule("CODE-PERL", Level.STANDARD,
            "Perl code: @{[ ... ]} interpolation, qx{...}, open with a pipe", cwe(94));

    static final List<RuleDefinition> ALL = List.of(PERL_CODE);

    private PerlRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
