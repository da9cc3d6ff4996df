package dev.bulwark.spring.internal;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.RateLimitStatus;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.JwtIssuer;
import dev.bulwark.core.config.StoreFailurePolicy;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of Bulwark ({@code bulwark} in the health endpoint): UP once the engine is built, which
 * means the configuration was valid and every OpenAPI spec and key source it names was loaded.
 * Details: the mode, the deny-rule level, the number of OpenAPI specs and the JWT issuers, and with
 * rate limits their store ({@code rateLimitStore}: {@code local} or the Redis URI without
 * credentials) and whether it answers ({@code rateLimitStoreStatus}: {@code up} or {@code down}).
 *
 * <p>A store that does not answer makes the whole indicator DOWN only with
 * {@code on-store-failure: block}, since requests are then refused; with {@code allow} the service
 * still serves, unlimited, and restarting it would not bring Redis back.
 */
public final class BulwarkHealthIndicator implements HealthIndicator {

    private final Bulwark bulwark;

    public BulwarkHealthIndicator(Bulwark bulwark) {
        this.bulwark = bulwark;
    }

    @Override
    public Health health() {
        BulwarkConfig config = bulwark.config();
        RateLimitStatus rateLimits = bulwark.rateLimitStatus();
        boolean refusing = rateLimits.enabled() && !rateLimits.available()
                && config.rateLimits().onStoreFailure() == StoreFailurePolicy.BLOCK;
        Health.Builder health = (refusing ? Health.down() : Health.up())
                .withDetail("mode", name(config.mode()))
                .withDetail("denyRulesLevel", name(config.denyRules().level()))
                .withDetail("openapiSpecs", config.openapi().specs().size())
                .withDetail("jwtIssuers", config.jwt().issuers().stream().map(JwtIssuer::issuer).toList());
        if (rateLimits.enabled()) {
            health.withDetail("rateLimitStore", rateLimits.store())
                    .withDetail("rateLimitStoreStatus", rateLimits.available() ? "up" : "down");
        }
        return health.build();
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
