package dev.bulwark.core.config;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Mode;
import java.util.List;

/**
 * The positive model ({@code allow-rules:}). When rules are configured, a request must match at
 * least one of them or it is blocked, by default with 404 so that unknown endpoints look absent.
 * With no rules every request passes on to the deny rules. Allow rules run before the deny rules.
 *
 * @param rules the rules; empty to switch the positive model off
 * @param mode block or log only; {@code null} to follow the global (or route) mode
 * @param status the status of the block response; default 404
 */
public record AllowRulesConfig(List<AllowRule> rules, Mode mode, int status) {

    private static final AllowRulesConfig NONE = new AllowRulesConfig(List.of(), null, BlockType.ALLOW_RULE.defaultStatus());

    public AllowRulesConfig {
        rules = List.copyOf(rules);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be between 400 and 599, was " + status);
        }
    }

    /** No allow rules: every request passes on to the deny rules. */
    public static AllowRulesConfig none() {
        return NONE;
    }

    /** These rules, blocking with 404. */
    public static AllowRulesConfig of(List<AllowRule> rules) {
        return new AllowRulesConfig(rules, null, BlockType.ALLOW_RULE.defaultStatus());
    }

    /** Whether any rule is configured. */
    public boolean enabled() {
        return !rules.isEmpty();
    }
}
