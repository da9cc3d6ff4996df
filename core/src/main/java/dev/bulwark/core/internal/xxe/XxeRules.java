package dev.bulwark.core.internal.xxe;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/** The rules of the XXE family (key {@code XXE}), in the order {@link XxeDetector} collects them. */
final class XxeRules {

    static final String KEY = "XXE";
    private static final String REFERENCE =
            "https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing";

    static final RuleDefinition ENTITY_DECLARATION = rule("XXE-ENTITY-DECLARATION",
            Level.BASIC, "XML entity declaration (<!ENTITY ...>), external or parameter entity", REFERENCE);
    static final RuleDefinition DOCTYPE_SUBSET = rule("XXE-DOCTYPE", Level.STANDARD,
            "XML document type with an internal subset or an external DTD", REFERENCE);
    static final RuleDefinition XINCLUDE = rule("XXE-XINCLUDE", Level.STANDARD,
            "XInclude element pulling in another document",
            cwe(611));

    static final List<RuleDefinition> ALL = List.of(ENTITY_DECLARATION, DOCTYPE_SUBSET, XINCLUDE);

    private XxeRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
