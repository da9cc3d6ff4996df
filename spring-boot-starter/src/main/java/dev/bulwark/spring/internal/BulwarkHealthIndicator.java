package dev.bulwark.spring.internal;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.JwtIssuer;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of Bulwark ({@code bulwark} in the health endpoint): UP once the engine is built, which
 * means the configuration was valid and every OpenAPI spec and key source it names was loaded.
 * Details: the mode, the deny-rule level, the number of OpenAPI specs and the JWT issuers.
 */
public final class BulwarkHealthIndicator implements HealthIndicator {

    private final Bulwark bulwark;

    public BulwarkHealthIndicator(Bulwark bulwark) {
        this.bulwark = bulwark;
    }

    @Override
    public Health health() {
        BulwarkConfig config = bulwark.config();
        return Health.up()
                .withDetail("mode", name(config.mode()))
                .withDetail("denyRulesLevel", name(config.denyRules().level()))
                .withDetail("openapiSpecs", config.openapi().specs().size())
                .withDetail("jwtIssuers", config.jwt().issuers().stream().map(JwtIssuer::issuer).toList())
                .build();
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
