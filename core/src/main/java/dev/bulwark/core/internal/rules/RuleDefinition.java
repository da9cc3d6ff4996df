package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Level;
import java.util.Objects;

/**
 * A built-in deny rule: stable id, family key, level, what it detects, and a reference to the
 * attack it prevents.
 *
 * @param id stable id, e.g. {@code SQL-UNION}; never reused for another meaning
 * @param key family, e.g. {@code SQL}
 * @param level the lowest configured level that enables the rule
 * @param description one line for logs and documentation
 * @param reference a URL describing the attack (OWASP, CWE, CAPEC)
 */
public record RuleDefinition(String id, String key, Level level, String description, String reference) {

    public RuleDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(reference, "reference");
        if (level == Level.OFF) {
            throw new IllegalArgumentException("a rule's level cannot be OFF: " + id);
        }
    }
}
