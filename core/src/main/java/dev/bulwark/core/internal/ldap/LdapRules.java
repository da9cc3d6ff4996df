package dev.bulwark.core.internal.ldap;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the LDAP injection family (key {@code LDAP}), in the order
 * {@link LdapInjectionDetector} collects them.
 */
final class LdapRules {

    static final String KEY = "LDAP";
    private static final String REFERENCE = "https://owasp.org/www-community/attacks/LDAP_Injection";

    static final RuleDefinition FILTER_BREAKOUT = rule("LDAP-FILTER-BREAKOUT",
            Level.STANDARD, "value closes the enclosing LDAP filter and opens a new filter component", REFERENCE);
    static final RuleDefinition PRESENCE_FILTER = rule("LDAP-PRESENCE-FILTER",
            Level.STANDARD, "complete compound LDAP filter with a presence test (=*)", REFERENCE);
    static final RuleDefinition METACHARACTER_PROBE = rule("LDAP-METACHARACTER-PROBE",
            Level.STANDARD, "value made only of LDAP filter metacharacters (*()|&'), a filter-injection probe", REFERENCE);
    static final RuleDefinition FILTER_SYNTAX = rule("LDAP-FILTER-SYNTAX", Level.STRICT,
            "LDAP filter syntax: adjacent components or a compound filter", REFERENCE);

    static final RuleDefinition ACCOUNT_NAME = rule("LDAP-ACCOUNT-NAME", Level.STANDARD,
            "user name of Basic credentials or of a proxy's user header (X-Forwarded-User, X-Remote-User) holding"
                    + " a wildcard (*), a control character or a closing parenthesis before an opening one", REFERENCE);

    static final List<RuleDefinition> ALL = List.of(FILTER_BREAKOUT, PRESENCE_FILTER, METACHARACTER_PROBE,
            FILTER_SYNTAX, ACCOUNT_NAME);

    private LdapRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
