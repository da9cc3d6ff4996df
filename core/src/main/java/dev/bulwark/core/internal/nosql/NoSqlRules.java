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

    static final RuleDefinition JS_OPERATOR = rule("NOSQL-JS-OPERATOR", Level.BASIC,
            "server-side JavaScript operator ($where, $function, $accumulator) as a name or key", REFERENCE);
    static final RuleDefinition OPERATOR_NAME = rule("NOSQL-OPERATOR-NAME",
            Level.STANDARD, "query operator as a parameter name or JSON key (user[$ne], {\"$gt\": ...})", REFERENCE);
    static final RuleDefinition OPERATOR_IN_VALUE = rule("NOSQL-OPERATOR-IN-VALUE",
            Level.STANDARD, "JSON query operator object or bracket operator inside a value", REFERENCE);
    static final RuleDefinition UPDATE_IN_VALUE = rule("NOSQL-UPDATE-OPERATOR-IN-VALUE", Level.STRICT,
            "update operator object inside longer text (use { $set: {...} }): mass assignment if parsed, prose about MongoDB if not",
            REFERENCE);
    static final RuleDefinition JS_INJECTION = rule("NOSQL-JS-INJECTION", Level.STANDARD,
            "JavaScript breaking out of a $where string (';return true, ';sleep(, this.x.match(, '||'a'=='a), a shell call that writes (db.users.drop(), db.users.updateMany(...)) or a read ended by ;",
            REFERENCE);

    static final List<RuleDefinition> ALL = List.of(JS_OPERATOR, OPERATOR_NAME, OPERATOR_IN_VALUE,
            UPDATE_IN_VALUE, JS_INJECTION);

    private NoSqlRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
