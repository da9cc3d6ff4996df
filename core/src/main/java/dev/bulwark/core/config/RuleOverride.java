package dev.bulwark.core.config;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import java.util.Objects;
import java.util.Set;

/**
 * Changes the level or mode of some deny rules for some values and requests: for example
 * {@code strict} for {@code SQL} on a search parameter, or {@code log-only} for {@code XSS} while a
 * new rich-text field is tried out. The first matching override wins.
 *
 * @param ruleKeys rule families it applies to (both sets empty: all)
 * @param ruleIds individual rules it applies to
 * @param selector the values it applies to
 * @param when request conditions
 * @param level the level to use instead of the global one; {@code null} to keep it
 * @param mode the mode to use instead; {@code null} to keep it
 */
public record RuleOverride(
        Set<String> ruleKeys, Set<String> ruleIds, ValueSelector selector, RequestCondition when, Level level, Mode mode) {

    public RuleOverride {
        ruleKeys = Set.copyOf(ruleKeys);
        ruleIds = Set.copyOf(ruleIds);
        selector = Objects.requireNonNullElseGet(selector, ValueSelector::any);
        when = Objects.requireNonNullElseGet(when, RequestCondition::always);
        if (level == null && mode == null) {
            throw new IllegalArgumentException("an override must set a level or a mode");
        }
    }

    /** Whether the override applies to a rule of this key and id. */
    public boolean coversRule(String ruleKey, String ruleId) {
        return RuleNames.covers(ruleKeys, ruleIds, ruleKey, ruleId);
    }

    /** Whether the override touches a rule key at all (with any rule id of that key). */
    public boolean mayCoverKey(String ruleKey) {
        return (ruleKeys.isEmpty() && ruleIds.isEmpty()) || ruleKeys.contains(ruleKey) || !ruleIds.isEmpty();
    }
}
