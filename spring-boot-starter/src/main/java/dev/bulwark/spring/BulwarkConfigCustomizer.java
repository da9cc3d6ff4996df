package dev.bulwark.spring;

import dev.bulwark.core.config.BulwarkConfig;

/**
 * Changes the {@link BulwarkConfig} that the {@code bulwark.*} properties (or
 * {@code bulwark.config-file}) produced, before the engine is built: for additions that are
 * easier in code, such as custom rules or exceptions built from application constants.
 *
 * <p>Every bean of this type is applied, in {@link org.springframework.core.Ordered order}, each
 * to the result of the previous one. The result is validated like the properties; a customizer
 * that produces an invalid configuration stops start-up.
 *
 * <pre>{@code
 * @Bean
 * BulwarkConfigCustomizer passwordFieldsAreFreeText() {
 *     return (builder, current) -> {
 *         DenyRulesConfig rules = current.denyRules();
 *         List<DenyRuleException> exceptions = new ArrayList<>(rules.exceptions());
 *         exceptions.add(new DenyRuleException(Set.of("SQL"), Set.of(),
 *                 new ValueSelector(ValueSelector.Kind.PARAMETER, StringMatcher.exact("password"), null, null),
 *                 RequestCondition.always()));
 *         builder.denyRules(new DenyRulesConfig(rules.level(), rules.logOnly(), rules.overrides(), exceptions,
 *                 rules.customRules()));
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface BulwarkConfigCustomizer {

    /**
     * Customizes the configuration.
     *
     * @param builder a builder starting from {@code current}; what it builds is used from then on
     * @param current the configuration so far, to read from when adding to lists such as the
     *     deny-rule exceptions (the builder replaces whole sections)
     */
    void customize(BulwarkConfig.Builder builder, BulwarkConfig current);
}
