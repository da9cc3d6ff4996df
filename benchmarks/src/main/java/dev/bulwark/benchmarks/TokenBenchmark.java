package dev.bulwark.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the token check ({@code jwt:}) inside {@link Bulwark#evaluate}, on a GET with the
 * headers of typical API traffic and keys from a {@code jwks-file}:
 * <ul>
 *   <li>{@link #baseline}: the same request, engine without {@code jwt:} (parsing and the default
 *       deny rules, which also scan the {@code Authorization} header);</li>
 *   <li>{@link #cached}: one RS256 token over and over, so every check after the first is a
 *       SHA-256 of the token and a cache hit, then the claim and route checks;</li>
 *   <li>{@link #uncached}: {@value #DISTINCT_TOKENS} distinct tokens (different {@code jti}),
 *       handed out in turn to an engine with {@code cache-size: 1}, so every check parses the
 *       token and verifies its signature (RS256 with RSA-2048, ES256 with P-256), then stores it
 *       in the cache it will never be found in again: the cost of a token seen for the first time.</li>
 * </ul>
 * The token check's own cost is the difference to {@link #baseline}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh TokenBenchmark -wi 2 -i 3 -w 2s -r 2s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenBenchmark {

    static final String ISSUER = "https://idp.example.com";
    static final String AUDIENCE = "orders-api";
    /** Tokens cycled through by {@link #uncached}; far more than the cache of one holds. */
    static final int DISTINCT_TOKENS = 1024;

    /** An engine that checks tokens, one without, and one request with a valid RS256 token. */
    @State(Scope.Thread)
    public static class Cached {
        Bulwark engine;
        Bulwark withoutJwt;
        HttpRequest request;

        @Setup
        public void setUp() {
            Keys keys = Keys.generate();
            engine = engine(keys.jwks(), 10_000);
            withoutJwt = Bulwark.create(BulwarkConfig.defaults());
            request = request(sign(keys.rsa(), JWSAlgorithm.RS256));
            ApiClient.requireAllowed(engine, request);
            ApiClient.requireAllowed(withoutJwt, request);
        }
    }

    /** An engine with a cache of one and {@value #DISTINCT_TOKENS} requests with distinct tokens. */
    @State(Scope.Thread)
    public static class Uncached {
        @Param({"RS256", "ES256"})
        public String algorithm;

        Bulwark engine;
        RequestCycle requests;

        @Setup
        public void setUp() {
            Keys keys = Keys.generate();
            engine = engine(keys.jwks(), 1);
            JWSAlgorithm parsed = JWSAlgorithm.parse(algorithm.toUpperCase(Locale.ROOT));
            JWK key = parsed.equals(JWSAlgorithm.ES256) ? keys.ec() : keys.rsa();
            HttpRequest[] all = new HttpRequest[DISTINCT_TOKENS];
            for (int i = 0; i < all.length; i++) {
                all[i] = request(sign(key, parsed));
                ApiClient.requireAllowed(engine, all[i]);
            }
            requests = new RequestCycle(all);
        }
    }

    @Benchmark
    public Decision baseline(Cached state) {
        return state.withoutJwt.evaluate(state.request);
    }

    @Benchmark
    public Decision cached(Cached state) {
        return state.engine.evaluate(state.request);
    }

    @Benchmark
    public Decision uncached(Uncached state) {
        return state.engine.evaluate(state.requests.next());
    }

    /** An RSA-2048 and a P-256 key of the issuer, and a JWKS file with their public halves. */
    record Keys(RSAKey rsa, ECKey ec, Path jwks) {

        static Keys generate() {
            try {
                RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
                ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
                Path jwks = Files.createTempFile("bulwark-bench-jwks", ".json");
                jwks.toFile().deleteOnExit();
                Files.writeString(jwks, new JWKSet(List.of(rsa, ec)).toPublicJWKSet().toString(), StandardCharsets.UTF_8);
                return new Keys(rsa, ec, jwks);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Bulwark engine(Path jwks, int cacheSize) {
        return Bulwark.create(BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                    - issuer: %s
                      jwks-file: '%s'
                      audiences: [%s]
                  cache-size: %d
                  propagate: {sub: X-User-Id}
                """.formatted(ISSUER, jwks, AUDIENCE, cacheSize)));
    }

    /** A token valid for an hour, with a fresh {@code jti}, signed with {@code key}. */
    static String sign(JWK key, JWSAlgorithm algorithm) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("user-4711")
                .claim("scope", "orders:read orders:write")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET as a browser-based API client sends it, with {@code token} as the bearer token. */
    static HttpRequest request(String token) {
        return ApiClient.headers(HttpRequest.builder("GET", "/api/v1/orders?customer=12345&status=open&limit=20"))
                .header("Authorization", "Bearer " + token)
                .build();
    }
}
