package dev.bulwark.spring.internal;

import java.util.List;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains {@code bulwark.allow-rules} written as a bare list, as the YAML file allows: under
 * {@code bulwark.} the rules always go under {@code rules}, and Spring would only report the
 * elements as left unbound.
 */
public final class AllowRulesListFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
        implements Ordered {

    private static final String LIST = ConfigFactory.PREFIX + ".allow-rules[";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
        List<String> names = cause.getUnboundProperties().stream()
                .map(property -> property.getName().toString())
                .filter(name -> name.startsWith(LIST))
                .sorted()
                .toList();
        if (names.isEmpty()) {
            return null;
        }
        String example = names.get(0).replace(LIST, ConfigFactory.PREFIX + ".allow-rules.rules[");
        return new FailureAnalysis("Invalid Bulwark configuration: " + ConfigFactory.PREFIX
                + ".allow-rules is written as a list, which only the Bulwark YAML file accepts; left unbound: " + names,
                "Put the rules under 'rules': 'allow-rules: {rules: [...]}' in application.yml, or " + example
                        + " as a property.", cause);
    }

    /** Before Spring's own analysis of unbound properties, which would not say what to write instead. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
