package dev.bulwark.core.internal.rules;

import java.util.List;
import java.util.Objects;

/**
 * The part of a {@link Detector} every family shares: its key and its rule table, given once to
 * the constructor, so that a family's detector holds only its scan.
 *
 * <p>Every rule of the table must carry the family's key: the engine enables and reports rules by
 * key, and a rule filed under another family would be configured under the wrong name.
 */
public abstract class RuleFamily implements Detector {

    private final String key;
    private final List<RuleDefinition> rules;

    protected RuleFamily(String key, List<RuleDefinition> rules) {
        this.key = Objects.requireNonNull(key, "key");
        this.rules = List.copyOf(rules);
        for (RuleDefinition rule : this.rules) {
            if (!rule.key().equals(key)) {
                throw new IllegalArgumentException("rule " + rule.id() + " is not of family " + key);
            }
        }
    }

    @Override
    public final String key() {
        return key;
    }

    @Override
    public final List<RuleDefinition> rules() {
        return rules;
    }

    /** A collector that reports each rule of this family at most once in a value of {@code length}. */
    protected final Findings findings(DetectionSink sink, int length) {
        return new Findings(sink, rules, length);
    }
}
