package dev.bulwark.spring.internal.boot3;

import dev.bulwark.core.Bulwark;
import dev.bulwark.spring.internal.HealthDetails;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of Bulwark ({@code bulwark} in the health endpoint) on Spring Boot 3: UP once the engine
 * is built, with the {@link HealthDetails}; DOWN when a rate-limit store that does not answer
 * makes Bulwark refuse requests.
 */
public final class Boot3HealthIndicator implements HealthIndicator {

    private final Bulwark bulwark;

    public Boot3HealthIndicator(Bulwark bulwark) {
        this.bulwark = bulwark;
    }

    @Override
    public Health health() {
        return (HealthDetails.up(bulwark) ? Health.up() : Health.down())
                .withDetails(HealthDetails.of(bulwark)).build();
    }
}
