package dev.bulwark.spring.internal;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.JwtIssuer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The details of Bulwark's health, stated once for the health indicators of both Spring Boot
 * lines: the mode, the deny-rule level, the number of OpenAPI specs and the JWT issuers.
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
        return details;
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
