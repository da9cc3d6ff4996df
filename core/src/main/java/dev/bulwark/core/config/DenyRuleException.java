package dev.bulwark.core.config;

import java.util.Objects;
import java.util.Set;

/**
 * An exception to the deny rules, after Airlock Microgateway's: a finding is dropped when its rule
 * is among {@code ruleKeys} or {@code ruleIds} (both empty: any rule), the offending value is
 * selected by {@code selector}, and the request meets {@code when}. Exceptions are OR-ed; the parts
 * of one exception are AND-ed.
 *
 * <p>Keep exceptions as narrow as possible: each one is a hole in the protection.
 *
 * @param ruleKeys rule families, e.g. {@code SQL}
 * @param ruleIds individual rules, e.g. {@code SQL-UNION}
 * @param selector the blocked data the exception covers
 * @param when request conditions
 */
public record DenyRuleException(Set<String> ruleKeys, Set<String> ruleIds, ValueSelector selector, RequestCondition when) {

    public DenyRuleException {
        ruleKeys = Set.copyOf(ruleKeys);
        ruleIds = Set.copyOf(ruleIds);
        selector = Objects.requireNonNullElseGet(selector, ValueSelector::any);
        when = Objects.requireNonNullElseGet(when, RequestCondition::always);
    }

    /** Whether the exception applies to a rule of this key and id. */
    public boolean coversRule(String ruleKey, String ruleId) {
        return RuleNames.covers(ruleKeys, ruleIds, ruleKey, ruleId);
    }
}
