package dev.bulwark.core.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys from a JWKS URI, served by the JDK's HTTP server: unknown keys against the refetch rate limit. */
class JwksUriTest {

    private final AtomicInteger hits = new AtomicInteger();
    private volatile String jwks;
    private volatile int status = 200;
    private HttpServer server;
    private Bulwark bulwark;

    @BeforeEach
    void setUp() throws IOException {
        jwks = TestTokens.publicJwks(TestTokens.RSA);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            hits.incrementAndGet();
            byte[] body = status == 200 ? jwks.getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        bulwark = bulwark("rate-limit: 30s, connect-timeout: 500ms, read-timeout: 500ms");
    }

    /** An engine that fetches the issuer's keys from the test server with these {@code jwks} settings. */
    private Bulwark bulwark(String jwksSettings) {
        return Bulwark.create(BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                    - issuer: %s
                      jwks-uri: http://127.0.0.1:%d/jwks.json
                      audiences: [%s]
                      jwks: {%s}
                """.formatted(TestTokens.ISSUER, server.getAddress().getPort(), TestTokens.AUDIENCE, jwksSettings)));
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private Decision call(String token) {
        return bulwark.evaluate(HttpRequest.builder("GET", "/orders").header("Authorization", "Bearer " + token).build());
    }

    private static List<String> ruleIds(Decision decision) {
        return decision.findings().stream().map(Finding::ruleId).toList();
    }

    @Test
    void refusesUnknownKeysWith401OnceTheRefetchIsRateLimited() {
        assertThat(call(TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build())).allowed()).isTrue();

        for (int i = 0; i < 4; i++) {
            RSAKey stranger = TestTokens.generateRsa("stranger-" + i);
            Decision decision = call(TestTokens.rs256(stranger, TestTokens.validClaims().build()));

            assertThat(decision.status()).isEqualTo(401);
            assertThat(ruleIds(decision)).containsExactly("JWT-UNKNOWN-KEY");
        }
        assertThat(hits.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void refusesACachedTokenOnceItsKeyLeavesTheFetchedKeySet() throws Exception {
        // The widest timeouts the start-up check lets through for a 600 ms cache, so that a busy
        // machine does not turn the first fetch into a 503.
        bulwark = bulwark("cache-ttl: 600ms, refresh-ahead: 100ms, rate-limit: 50ms, connect-timeout: 250ms, read-timeout: 250ms");
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        assertThat(call(token).allowed()).isTrue();
        assertThat(call(token).allowed()).isTrue();

        jwks = TestTokens.publicJwks(TestTokens.generateRsa("rsa-2"));
        Thread.sleep(900);

        Decision decision = call(token);
        assertThat(decision.status()).isEqualTo(401);
        assertThat(ruleIds(decision)).containsExactly("JWT-UNKNOWN-KEY");
    }

    @Test
    void keepsPassingACachedTokenWhenTheKeySetIsFetchedAgainUnchanged() throws Exception {
        bulwark = bulwark("cache-ttl: 600ms, refresh-ahead: 100ms, rate-limit: 50ms, connect-timeout: 250ms, read-timeout: 250ms");
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        assertThat(call(token).allowed()).isTrue();
        assertThat(call(token).allowed()).isTrue();
        int fetched = hits.get();

        Thread.sleep(900);

        assertThat(call(token).allowed()).isTrue();
        assertThat(call(token).allowed()).isTrue();
        assertThat(hits.get()).isGreaterThan(fetched);
    }

    @Test
    void answers503WhileKeysWereNeverObtainedEvenWhenRateLimited() {
        status = 500;

        for (int i = 0; i < 4; i++) {
            Decision decision = call(TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build()));

            assertThat(decision.status()).isEqualTo(503);
            assertThat(ruleIds(decision)).containsExactly("JWT-KEYS-UNAVAILABLE");
        }
    }
}
