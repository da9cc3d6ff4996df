package dev.bulwark.core.internal.code.ruby;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScriptPasses;
import java.util.List;

/**
 * The rules of the Ruby family (key {@code CODE}), in the order {@link RubyInjectionDetector}
 * collects them.
 */
final class RubyRules {

    static final String KEY = ScriptPasses.RULE_KEY;

    static final RuleDefinition RUBY_CODE = rule("CODE-RUBY", Level.STANDARD,
            "Ruby command execution or evaluation (Kernel.exec, IO.popen, %x(...), Marshal.load, instance_eval)",
            cwe(94));

    static final List<RuleDefinition> ALL = List.of(RUBY_CODE);

    private RubyRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
