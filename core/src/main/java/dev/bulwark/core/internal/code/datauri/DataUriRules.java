package dev.bulwark.core.internal.code.datauri;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScriptPasses;
import java.util.List;

/**
 * The rules of the data URI family (key {@code CODE}), in the order {@link DataUriDetector}
 * collects them.
 */
final class DataUriRules {

    static final String KEY = ScriptPasses.RULE_KEY;

    static final RuleDefinition DATA_URI = rule("CODE-DATA-URI", Level.STANDARD,
            "Value is a data: URI carrying a document (text/*, application/*), a way to include attacker content",
            cwe(98));
    static final RuleDefinition DATA_URI_ANY = rule("CODE-DATA-URI-ANY", Level.STRICT,
            "Value is a data: URI without a media type", cwe(98));

    static final List<RuleDefinition> ALL = List.of(DATA_URI, DATA_URI_ANY);

    private DataUriRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
