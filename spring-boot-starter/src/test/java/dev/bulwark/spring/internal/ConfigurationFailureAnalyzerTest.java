package dev.bulwark.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ConfigurationFailureAnalyzerTest {

    @Test
    void reportsTheBadPropertyInsteadOfAStackTrace() {
        ConfigurationException cause = new ConfigurationException("bulwark.deny-rules.level", "unknown value 'paranoid'");

        FailureAnalysis analysis = new ConfigurationFailureAnalyzer()
                .analyze(new BeanCreationException("bulwarkConfig", "failed", cause));

        assertThat(analysis.getDescription())
                .isEqualTo("Invalid Bulwark configuration: bulwark.deny-rules.level: unknown value 'paranoid'");
        assertThat(analysis.getAction()).startsWith("Correct 'bulwark.deny-rules.level'.");
    }
}
