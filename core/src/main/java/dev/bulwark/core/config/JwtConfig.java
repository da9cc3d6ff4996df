package dev.bulwark.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Token validation ({@code jwt:}): in Airlock's design the central gateway issues an internal token
 * and each service validates it next to itself; Bulwark does that in-process.
 *
 * @param required whether every request needs a valid token unless a route says otherwise; default
 *     {@code true} once issuers are configured
 * @param issuers trusted issuers; the token's {@code iss} selects one
 * @param header a header to take the token from when there is no {@code Authorization: Bearer}; optional
 * @param cookie a cookie to take the token from; optional
 * @param queryParameter a query parameter to take the token from; off by default because URLs end up
 *     in logs, browser history and {@code Referer} headers (RFC 6750, section 5.3)
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}; default 60 s
 * @param maxLifetime longest accepted {@code exp - iat}; {@code null} for no limit
 * @param requireExpiration whether {@code exp} must be present; default {@code true}
 * @param types accepted {@code typ} header values (case-insensitive); empty to accept any
 * @param maxTokenSize longest accepted token in characters; default 8,192
 * @param cacheSize most verified tokens kept; default 10,000
 * @param requirement global claim and scope requirements
 * @param propagate claims to present to the application as request headers, claim name to header name
 */
public record JwtConfig(boolean required, List<JwtIssuer> issuers, String header, String cookie, String queryParameter,
        Duration clockSkew, Duration maxLifetime, boolean requireExpiration, Set<String> types, int maxTokenSize,
        int cacheSize, JwtRequirement requirement, Map<String, String> propagate) {

    public JwtConfig {
        issuers = List.copyOf(issuers);
        if (required && issuers.isEmpty()) {
            throw new IllegalArgumentException("jwt.required needs at least one issuer");
        }
        long distinct = issuers.stream().map(JwtIssuer::issuer).distinct().count();
        if (distinct != issuers.size()) {
            throw new IllegalArgumentException("each issuer may be configured only once");
        }
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("clock-skew must be between 0 and 10 minutes");
        }
        if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
            throw new IllegalArgumentException("max-lifetime must be positive");
        }
        types = Set.copyOf(types);
        if (maxTokenSize < 64) {
            throw new IllegalArgumentException("max-token-size must be at least 64");
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cache size must not be negative");
        }
        if (requirement == null) {
            requirement = new JwtRequirement(null, Set.of(), List.of());
        }
        propagate = Map.copyOf(propagate);
    }

    /** No token validation. */
    public static JwtConfig disabled() {
        return new JwtConfig(false, List.of(), null, null, null, Duration.ofSeconds(60), null, true, Set.of(), 8192,
                10_000, null, Map.of());
    }

    /** Whether any issuer is configured, i.e. tokens can be validated at all. */
    public boolean enabled() {
        return !issuers.isEmpty();
    }
}
