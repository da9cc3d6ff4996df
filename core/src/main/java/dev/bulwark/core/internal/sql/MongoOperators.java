package dev.bulwark.core.internal.sql;

import dev.bulwark.core.Component;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.Set;

/**
 * MongoDB query operators smuggled in as parameter or key names ({@code user[$ne]=x},
 * {@code {"$where": ...}}): frameworks turn such names into query objects, so a comparison the
 * application meant as equality becomes "not equal" or JavaScript. Counted in the SQL family
 * because it is the same attack on a query language.
 */
final class MongoOperators {

    private static final Set<String> OPERATORS = Set.of("ne", "eq", "gt", "gte", "lt", "lte", "in", "nin",
            "regex", "where", "exists", "not", "nor", "or", "and", "elemmatch", "text", "expr", "all", "size",
            "type", "mod", "jsonschema", "function", "accumulator", "options", "search");

    private static final int RULE = SqlRules.index(SqlRules.MONGO_OPERATOR);

    private MongoOperators() {}

    static void check(ScanTarget target, SqlFindings findings) {
        String text = target.text();
        int dollar = text.indexOf('$');
        if (dollar < 0) {
            return;
        }
        boolean name = target.component() == Component.NAME;
        for (int i = dollar; i >= 0 && i < text.length(); i = text.indexOf('$', i + 1)) {
            boolean keyStart = i == 0 && name;
            boolean bracket = i > 0 && text.charAt(i - 1) == '[';
            if (!keyStart && !bracket) {
                continue;
            }
            int j = i + 1;
            while (j < text.length() && Character.isLetter(text.charAt(j)) && j - i <= 16) {
                j++;
            }
            boolean closed = bracket ? j < text.length() && text.charAt(j) == ']' : j == text.length();
            if (j > i + 1 && closed && OPERATORS.contains(text.substring(i + 1, j).toLowerCase(java.util.Locale.ROOT))) {
                findings.add(RULE, i, j);
                return;
            }
        }
    }
}
