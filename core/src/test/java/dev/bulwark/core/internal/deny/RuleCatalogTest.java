package dev.bulwark.core.internal.deny;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The built-in rules are well-formed, and {@code docs/rules.md} lists exactly them. Run with
 * {@code -Dbulwark.updateRuleCatalog=true} to rewrite the file after changing rules.
 */
class RuleCatalogTest {

    private static final Path CATALOG = Path.of("..", "docs", "rules.md");

    @Test
    void ruleIdsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (RuleDefinition rule : BuiltInRules.rules()) {
            assertThat(seen.add(rule.id())).as("duplicate rule id %s", rule.id()).isTrue();
        }
    }

    @Test
    void everyRuleIdStartsWithItsKeyAndLinksTheAttack() {
        for (RuleDefinition rule : BuiltInRules.rules()) {
            assertThat(rule.id()).as(rule.id()).startsWith(rule.key() + "-");
            assertThat(rule.reference()).as(rule.id()).startsWith("https://");
            assertThat(rule.description()).as(rule.id()).isNotBlank().doesNotContain("\n");
            assertThat(rule.level()).isNotEqualTo(Level.OFF);
        }
    }

    @Test
    void catalogListsEveryBuiltInRule() throws IOException {
        String expected = render(BuiltInRules.rules());
        if (Boolean.getBoolean("bulwark.updateRuleCatalog")) {
            Files.writeString(CATALOG, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(CATALOG, StandardCharsets.UTF_8))
                .as("docs/rules.md is out of date; rerun with -Dbulwark.updateRuleCatalog=true")
                .isEqualTo(expected);
    }

    static String render(List<RuleDefinition> rules) {
        StringBuilder out = new StringBuilder();
        out.append("# Built-in deny rules\n\n")
                .append("Generated from the rule definitions by `RuleCatalogTest`; do not edit by hand.\n\n")
                .append("A rule is on when the configured level (`deny-rules.level`, a route's level, or an override) is at\n")
                .append("or above the rule's level: `basic` < `standard` (default) < `strict`. Use the key or the id in\n")
                .append("`log-only`, `overrides` and `exceptions`.\n\n")
                .append("| Key | Id | Level | What it detects | Reference |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        rules.stream()
                .sorted(Comparator.comparing(RuleDefinition::key).thenComparing(RuleDefinition::level)
                        .thenComparing(RuleDefinition::id))
                .forEach(rule -> out.append("| ").append(rule.key())
                        .append(" | `").append(rule.id()).append('`')
                        .append(" | ").append(rule.level().name().toLowerCase(java.util.Locale.ROOT))
                        .append(" | ").append(rule.description().replace("|", "\\|"))
                        .append(" | ").append(rule.reference()).append(" |\n"));
        return out.toString();
    }
}
