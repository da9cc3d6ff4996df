package dev.bulwark.spring.internal;

import dev.bulwark.core.config.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an invalid Bulwark configuration at start-up as one line naming the property, instead
 * of a stack trace.
 */
public final class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        String path = cause.path();
        String action = path.startsWith(ConfigFactory.PREFIX)
                ? "Correct '" + path + "'. Bulwark does not start with a configuration other than the one written."
                : "Correct the Bulwark configuration. Bulwark does not start with a configuration other than the one written.";
        return new FailureAnalysis("Invalid Bulwark configuration: " + cause.getMessage(), action, cause);
    }
}
