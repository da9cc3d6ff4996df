package dev.bulwark.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;

class AllowRulesListFailureAnalyzerTest {

    @Test
    void saysWhereTheRulesGo() {
        UnboundConfigurationPropertiesException cause = new UnboundConfigurationPropertiesException(Set.of(
                property("bulwark.allow-rules[0].path.prefix", "/api/"), property("bulwark.allow-rules[0].methods[0]", "GET")));

        FailureAnalysis analysis = new AllowRulesListFailureAnalyzer()
                .analyze(new BeanCreationException("bulwarkConfig", "failed", cause));

        assertThat(analysis.getDescription()).startsWith("Invalid Bulwark configuration: bulwark.allow-rules is written as a list")
                .contains("bulwark.allow-rules[0].path.prefix");
        assertThat(analysis.getAction()).contains("allow-rules: {rules: [...]}")
                .contains("bulwark.allow-rules.rules[0].methods[0]");
    }

    @Test
    void leavesOtherUnboundPropertiesToSpring() {
        UnboundConfigurationPropertiesException cause = new UnboundConfigurationPropertiesException(
                Set.of(property("bulwark.deny-rules.levle", "strict")));

        assertThat(new AllowRulesListFailureAnalyzer().analyze(cause)).isNull();
    }

    private static ConfigurationProperty property(String name, String value) {
        return new ConfigurationProperty(ConfigurationPropertyName.of(name), value, null);
    }
}
