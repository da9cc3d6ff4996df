package dev.bulwark.spring;

import dev.bulwark.core.suggest.SuggestionCollector;
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

    /** The suggested exceptions at {@code /actuator/bulwark/suggestions}. */
    private final Suggestions suggestions = new Suggestions();

    public Suggestions getSuggestions() {
        return suggestions;
    }

    public Show getShowValues() {
        return showValues;
    }

    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    public Set<String> getRoles() {
        return roles;
    }

    /** Settings of the suggestions collected in log-only mode. */
    public static class Suggestions {

        /**
         * Locations (route, place in the request, deny rule or not) remembered, the memory budget:
         * each holds at most 256 client hashes, 64 rule ids and 16 methods, so the default of
         * 1000 stays under about 20 MiB; findings at further locations are only counted.
         */
        private int maxLocations = SuggestionCollector.DEFAULT_MAX_LOCATIONS;

        public int getMaxLocations() {
            return maxLocations;
        }

        public void setMaxLocations(int maxLocations) {
            if (maxLocations < 1) {
                throw new IllegalArgumentException("max-locations must be at least 1, was " + maxLocations);
            }
            this.maxLocations = maxLocations;
        }
    }
}
