package dev.bulwark.spring.internal;

import dev.bulwark.core.Bulwark;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of Bulwark ({@code bulwark} in the health endpoint) on Spring Boot 4: UP once the engine
 * is built, which means the configuration was valid and every OpenAPI spec and key source it names
 * was loaded, with the {@link HealthDetails}; DOWN when a rate-limit store that does not answer
 * makes Bulwark refuse requests.
 */
public final class BulwarkHealthIndicator implements HealthIndicator {

    private final Bulwark bulwark;

    public BulwarkHealthIndicator(Bulwark bulwark) {
        this.bulwark = bulwark;
    }

    @Override
    public Health health() {
        return (HealthDetails.up(bulwark) ? Health.up() : Health.down())
                .withDetails(HealthDetails.of(bulwark)).build();
    }
}
