package dev.bulwark.core.config;

import java.util.Set;

/**
 * How deny-rule exceptions and overrides name the rules they apply to, kept in one place so that
 * both read their rule lists alike: by key or by id, and naming none means every rule.
 */
final class RuleNames {

    private RuleNames() {
    }

    static boolean covers(Set<String> ruleKeys, Set<String> ruleIds, String ruleKey, String ruleId) {
        return (ruleKeys.isEmpty() && ruleIds.isEmpty()) || ruleKeys.contains(ruleKey) || ruleIds.contains(ruleId);
    }
}
