package dev.bulwark.core.internal.ssi;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the server-side include family (key {@code SSI}), in the order
 * {@link ServerSideIncludeDetector} collects them.
 */
final class SsiRules {

    static final String KEY = "SSI";

    static final RuleDefinition SSI_EXEC = rule("SSI-EXEC", Level.BASIC,
            "server-side include that runs a command or CGI script (<!--#exec cmd=...-->)",
            "https://capec.mitre.org/data/definitions/101.html");
    static final RuleDefinition SSI_DIRECTIVE = rule("SSI-DIRECTIVE", Level.STANDARD,
            "server-side include directive (<!--#include, #echo, #printenv, #config, #set, #if ...)",
            cwe(97));
    static final RuleDefinition ESI_ELEMENT = rule("SSI-ESI-ELEMENT", Level.STANDARD,
            "Edge Side Includes element, processing comment or variable (<esi:include, <!--esi, $(HTTP_COOKIE))",
            cwe(97));

    static final List<RuleDefinition> ALL = List.of(SSI_EXEC, SSI_DIRECTIVE, ESI_ELEMENT);

    private SsiRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
