package dev.bulwark.core.config;

import dev.bulwark.core.Masking;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One trusted token issuer: its {@code iss} value, where its keys come from (exactly one of a JWKS
 * URI, a JWKS file, or an HMAC secret), the audiences it may issue for, and the signature
 * algorithms accepted from it.
 *
 * <p>Algorithms are an allow-list per issuer, so a token can never pick its own verification
 * method: an HMAC algorithm is only accepted from an issuer configured with an HMAC secret, and an
 * asymmetric one only from an issuer with public keys. This stops algorithm confusion, where a
 * token signed with HS256 using the issuer's public RSA key as the secret would otherwise verify
 * (CVE-2015-9235 and its many relatives).
 *
 * @param issuer the exact {@code iss} claim value
 * @param jwksUri an HTTPS (or, for tests, HTTP) URL of the issuer's JWK set
 * @param jwksFile a file path or {@code classpath:} location of a JWK set
 * @param hmacSecret a shared secret of at least 32 bytes (256 bits) for HS256/384/512
 * @param audiences accepted {@code aud} values; the token must contain at least one; empty means
 *     the audience is not checked (discouraged: a token for another service would be accepted)
 * @param algorithms accepted JWS algorithms; default RS256..RS512, PS256..PS512, ES256..ES512 and
 *     EdDSA for public keys, HS256..HS512 for a secret
 * @param jwks settings of the JWKS download and cache
 */
public record JwtIssuer(String issuer, URI jwksUri, String jwksFile, String hmacSecret, Set<String> audiences,
        Set<String> algorithms, JwksSettings jwks) {

    /** Accepted by default from issuers with public keys. */
    public static final Set<String> ASYMMETRIC_ALGORITHMS =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519");
    /** Accepted by default from issuers with an HMAC secret. */
    public static final Set<String> HMAC_ALGORITHMS = Set.of("HS256", "HS384", "HS512");
    /** Shortest accepted HMAC secret in bytes (RFC 7518, section 3.2: at least the hash size). */
    public static final int MIN_HMAC_SECRET_BYTES = 32;

    public JwtIssuer {
        Objects.requireNonNull(issuer, "issuer");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        int sources = (jwksUri != null ? 1 : 0) + (jwksFile != null ? 1 : 0) + (hmacSecret != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("issuer " + issuer + " needs exactly one of jwks-uri, jwks-file, hmac-secret");
        }
        if (jwksUri != null) {
            String scheme = jwksUri.getScheme() == null ? "" : jwksUri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("jwks-uri must be an http(s) URL: " + jwksUri);
            }
        }
        if (hmacSecret != null && hmacSecret.getBytes(StandardCharsets.UTF_8).length < MIN_HMAC_SECRET_BYTES) {
            throw new IllegalArgumentException("hmac-secret must be at least " + MIN_HMAC_SECRET_BYTES
                    + " bytes (256 bits) long");
        }
        audiences = Set.copyOf(audiences);
        Set<String> permitted = hmacSecret != null ? HMAC_ALGORITHMS : ASYMMETRIC_ALGORITHMS;
        if (algorithms == null || algorithms.isEmpty()) {
            algorithms = permitted;
        } else {
            for (String algorithm : algorithms) {
                if (algorithm.equalsIgnoreCase("none")) {
                    throw new IllegalArgumentException("algorithm 'none' is never accepted");
                }
                if (!permitted.contains(algorithm)) {
                    throw new IllegalArgumentException("algorithm " + algorithm + " does not fit this issuer's keys (allowed: "
                            + permitted.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
            }
            algorithms = Set.copyOf(algorithms);
        }
        if (jwks == null) {
            jwks = JwksSettings.defaults();
        }
    }

    /** Whether keys come from an HMAC secret. */
    public boolean usesHmac() {
        return hmacSecret != null;
    }

    @Override
    public String toString() {
        return "JwtIssuer[issuer=" + issuer + ", jwksUri=" + jwksUri + ", jwksFile=" + jwksFile
                + ", hmacSecret=" + (hmacSecret == null ? null : Masking.MASK) + ", audiences=" + audiences
                + ", algorithms=" + algorithms + "]";
    }

    /**
     * Download and cache settings for a JWKS URI.
     *
     * @param cacheTtl how long a fetched key set is used; default 5 minutes
     * @param refreshAhead how long before expiry the set is fetched again in the background; default 30 s
     * @param rateLimit minimum time between fetches caused by unknown {@code kid}s; default 30 s
     * @param outageTolerance how long the last key set keeps being used while the endpoint is down; default 1 hour
     * @param connectTimeout default 2 s
     * @param readTimeout default 2 s
     * @param sizeLimit largest accepted key set in bytes; default 64 KiB
     */
    public record JwksSettings(Duration cacheTtl, Duration refreshAhead, Duration rateLimit, Duration outageTolerance,
            Duration connectTimeout, Duration readTimeout, int sizeLimit) {

        private static final JwksSettings DEFAULTS = new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024);

        public JwksSettings {
            positive("cache-ttl", cacheTtl);
            positive("refresh-ahead", refreshAhead);
            positive("rate-limit", rateLimit);
            positive("outage-tolerance", outageTolerance);
            positive("connect-timeout", connectTimeout);
            positive("read-timeout", readTimeout);
            if (sizeLimit <= 0) {
                throw new IllegalArgumentException("size-limit must be positive");
            }
            if (refreshAhead.compareTo(cacheTtl) >= 0) {
                throw new IllegalArgumentException("refresh-ahead must be shorter than cache-ttl");
            }
            // The key source gives a refetch connect-timeout + read-timeout to finish, and that
            // refetch starts refresh-ahead before the set expires.
            if (refreshAhead.plus(connectTimeout).plus(readTimeout).compareTo(cacheTtl) > 0) {
                throw new IllegalArgumentException("refresh-ahead + connect-timeout + read-timeout must not exceed cache-ttl");
            }
        }

        public static JwksSettings defaults() {
            return DEFAULTS;
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration");
            }
        }
    }
}
