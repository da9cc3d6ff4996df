package dev.bulwark.spring;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code bulwark} actuator endpoint under {@code management.endpoint.bulwark.*},
 * named and defaulted like Spring Boot's own {@code env} and {@code configprops} endpoints: the
 * endpoint shows its keys to whoever may call it, and its values (the configuration and the block
 * counts) only when {@code show-values} says so.
 */
@ConfigurationProperties(prefix = "management.endpoint.bulwark")
public class BulwarkEndpointProperties {

    /**
     * When to show the configuration's values and the block counts instead of {@code ******}:
     * {@code never} (the default), {@code when-authorized} (a caller authenticated by Spring
     * Security, in one of the {@code roles} when any are set) or {@code always}.
     */
    private Show showValues = Show.NEVER;

    /**
     * Roles of which a caller needs one to see values under {@code when-authorized}; empty means
     * any authenticated caller.
     */
    private final Set<String> roles = new LinkedHashSet<>();

    public Show getShowValues() {
        return showValues;
    }

    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    public Set<String> getRoles() {
        return roles;
    }
}
