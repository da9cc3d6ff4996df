package dev.bulwark.core.internal.nosql;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the NoSQL injection family (key {@code NOSQL}), in the order
 * {@link NoSqlInjectionDetector} collects them.
 */
final class NoSqlRules {

    static final String KEY = "NOSQL";
    private static final String REFERENCE = cwe(943);

    static final RuleDefinition JS_OPERATOR = new RuleDefinition("NOSQL-JS-OPERATOR", KEY, Level.BASIC,
            "server-side JavaScript operator ($where, $function, $accumulator) as a name or key", REFERENCE);
    static final RuleDefinition OPERATOR_NAME = new RuleDefinition("NOSQL-OPERATOR-NAME", KEY,
            Level.STANDARD, "query operator as a parameter name or JSON key (user[$ne], {\"$gt\": ...})", REFERENCE);
    static final RuleDefinition OPERATOR_IN_VALUE = new RuleDefinition("NOSQL-OPERATOR-IN-VALUE", KEY,
            Level.STANDARD, "JSON query operator object or bracket operator inside a value", REFERENCE);
    static final RuleDefinition JS_INJECTION = new RuleDefinition("NOSQL-JS-INJECTION", KEY, Level.STANDARD,
            "JavaScript breaking out of a $where string (';return true, ';sleep(, this.x.match(, '||'a'=='a), or a shell call (db.users.drop())",
            REFERENCE);

    static final List<RuleDefinition> ALL = List.of(JS_OPERATOR, OPERATOR_NAME, OPERATOR_IN_VALUE,
            JS_INJECTION);

    private NoSqlRules() {
    }
}
