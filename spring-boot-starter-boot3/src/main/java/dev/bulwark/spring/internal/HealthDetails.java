package dev.bulwark.spring.internal;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.RateLimitStatus;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.JwtIssuer;
import dev.bulwark.core.config.StoreFailurePolicy;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The details of Bulwark's health, stated once for the health indicators of both Spring Boot
 * lines: the mode, the deny-rule level, the number of OpenAPI specs and the JWT issuers, and with
 * rate limits their store ({@code rateLimitStore}: {@code local} or the Redis URI without
 * credentials) and whether it answers ({@code rateLimitStoreStatus}: {@code up} or {@code down}).
 */
public final class HealthDetails {

    private HealthDetails() {
    }

    /** The details of {@code bulwark}'s health, in a fixed order. */
    public static Map<String, Object> of(Bulwark bulwark) {
        BulwarkConfig config = bulwark.config();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", name(config.mode()));
        details.put("denyRulesLevel", name(config.denyRules().level()));
        details.put("openapiSpecs", config.openapi().specs().size());
        details.put("jwtIssuers", config.jwt().issuers().stream().map(JwtIssuer::issuer).toList());
        RateLimitStatus rateLimits = bulwark.rateLimitStatus();
        if (rateLimits.enabled()) {
            details.put("rateLimitStore", rateLimits.store());
            details.put("rateLimitStoreStatus", rateLimits.available() ? "up" : "down");
        }
        return details;
    }

    /**
     * Whether Bulwark is up. A rate-limit store that does not answer makes it DOWN only with
     * {@code on-store-failure: block}, since requests are then refused; with {@code allow} the
     * service still serves, unlimited, and restarting it would not bring Redis back.
     */
    public static boolean up(Bulwark bulwark) {
        RateLimitStatus rateLimits = bulwark.rateLimitStatus();
        return !(rateLimits.enabled() && !rateLimits.available()
                && bulwark.config().rateLimits().onStoreFailure() == StoreFailurePolicy.BLOCK);
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
