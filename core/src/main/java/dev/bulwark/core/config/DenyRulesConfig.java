package dev.bulwark.core.config;

import dev.bulwark.core.Level;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Configuration of the built-in deny rules ({@code deny-rules:}).
 *
 * @param level which rules are on; default {@link Level#STANDARD}
 * @param logOnly rule keys or ids that only log, never block; default none
 * @param overrides level and mode changes for some rules, values and requests; first match wins
 * @param exceptions findings to drop (OR-ed)
 * @param customRules the service's own deny rules
 */
public record DenyRulesConfig(
        Level level, Set<String> logOnly, List<RuleOverride> overrides, List<DenyRuleException> exceptions,
        List<CustomRule> customRules) {

    private static final DenyRulesConfig DEFAULTS = new DenyRulesConfig(Level.STANDARD, Set.of(), List.of(), List.of(), List.of());

    public DenyRulesConfig {
        if (level == null) {
            level = Level.STANDARD;
        }
        logOnly = logOnly.stream().map(k -> k.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        overrides = List.copyOf(overrides);
        exceptions = List.copyOf(exceptions);
        customRules = List.copyOf(customRules);
    }

    /** Standard level, no overrides, exceptions or custom rules. */
    public static DenyRulesConfig defaults() {
        return DEFAULTS;
    }

    public DenyRulesConfig withLevel(Level newLevel) {
        return new DenyRulesConfig(newLevel, logOnly, overrides, exceptions, customRules);
    }
}
