package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Token checks against real JWKS endpoints (second embedded Jetty servers): keys are fetched once
 * and cached, a new key is found after rotation through the refetch an unknown {@code kid}
 * causes, an endpoint that fails or hangs neither lets unknown keys in nor holds requests past its
 * timeouts, and a service that never obtained keys answers 503.
 *
 * <p>Each test has an issuer and an endpoint of its own, so their caches do not meet.
 */
class JwksEndpointTest extends FilterContainerTest {

    /** Generous bound for a request while an endpoint misbehaves; timeouts are 250 ms, one retry. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final RSAKey first = Tokens.rsa("2024-01");
    private final RSAKey second = Tokens.rsa("2024-07");
    private final RSAKey stranger = Tokens.rsa("unknown-key");

    private final JwksServer steady = JwksServer.serving(Tokens.publicJwks(first));
    private final JwksServer rotating = JwksServer.serving(Tokens.publicJwks(first));
    private final JwksServer retiring = JwksServer.serving(Tokens.publicJwks(first));
    private final JwksServer failing = JwksServer.serving(Tokens.publicJwks(first));
    private final JwksServer vanishing = JwksServer.serving(Tokens.publicJwks(first));
    private final JwksServer hanging = JwksServer.serving(Tokens.publicJwks(first));
    private final JwksServer neverUp = JwksServer.serving(Tokens.publicJwks(first));
    private final JwksServer neverAnswers = JwksServer.serving(Tokens.publicJwks(first));
    private final IdentityServlet app = new IdentityServlet();

    JwksEndpointTest() {
        neverUp.fail();
        neverAnswers.hang();
    }

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                %s%s%s%s%s%s%s%s
                """.formatted(
                issuer("https://steady.example", steady, "5m"),
                issuer("https://rotating.example", rotating, "5m"),
                issuer("https://retiring.example", retiring, "5m"),
                issuer("https://failing.example", failing, "1s"),
                issuer("https://vanishing.example", vanishing, "1s"),
                issuer("https://hanging.example", hanging, "1s"),
                issuer("https://never-up.example", neverUp, "5m"),
                issuer("https://never-answers.example", neverAnswers, "5m")));
    }

    private static String issuer(String name, JwksServer server, String cacheTtl) {
        return """
                    - issuer: %s
                      jwks-uri: %s
                      audiences: [%s]
                      jwks: {cache-ttl: %s, refresh-ahead: 100ms, connect-timeout: 250ms, read-timeout: 250ms}
                """.formatted(name, server.uri(), Tokens.AUDIENCE, cacheTtl);
    }

    @Override
    void customize(ServletContextHandler context) {
        context.addServlet(new ServletHolder(app), IdentityServlet.PATH + "/*");
    }

    @AfterAll
    void stopEndpoints() {
        for (JwksServer server : new JwksServer[] {steady, rotating, retiring, failing, vanishing, hanging, neverUp, neverAnswers}) {
            server.close();
        }
    }

    private HttpResponse<String> call(String token) {
        return send(HttpRequest.newBuilder(uri(IdentityServlet.PATH)).header("Authorization", "Bearer " + token));
    }

    private static String signed(RSAKey key, String issuer) {
        return Tokens.rs256(key, Tokens.valid(issuer).build());
    }

    /**
     * Lets the filter cache the issuer's keys with one good token, then breaks the endpoint and
     * waits past the 1 s cache time, so that the next token makes the filter go back to it.
     */
    private void cacheKeysThenBreak(String issuer, Runnable breakEndpoint) throws InterruptedException {
        assertThat(call(signed(first, issuer)).statusCode()).isEqualTo(200);
        breakEndpoint.run();
        Thread.sleep(1500);
    }

    @Test
    void fetchesTheKeySetOnceForManyTokens() {
        for (int i = 0; i < 3; i++) {
            assertThat(call(signed(first, "https://steady.example")).statusCode()).isEqualTo(200);
        }

        assertThat(steady.hits()).isEqualTo(1);
    }

    @Test
    void acceptsTokenSignedWithNewKeyAfterRotation() {
        assertThat(call(signed(first, "https://rotating.example")).statusCode()).isEqualTo(200);
        int before = rotating.hits();

        rotating.serve(Tokens.publicJwks(first, second));
        HttpResponse<String> response = call(signed(second, "https://rotating.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rotating.hits()).isEqualTo(before + 1);
    }

    @Test
    void refusesRetiredKeyAfterRotation() {
        assertThat(call(signed(first, "https://retiring.example")).statusCode()).isEqualTo(200);

        retiring.serve(Tokens.publicJwks(second));
        assertThat(call(signed(second, "https://retiring.example")).statusCode()).isEqualTo(200);
        HttpResponse<String> response = call(signed(first, "https://retiring.example"));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void keepsUsingCachedKeysWhileEndpointFails() throws Exception {
        cacheKeysThenBreak("https://failing.example", failing::fail);

        long start = System.nanoTime();
        HttpResponse<String> response = call(signed(first, "https://failing.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(failing.hits()).isGreaterThan(1);
    }

    @Test
    void refusesUnknownKeyWhileEndpointIsDown() throws Exception {
        cacheKeysThenBreak("https://vanishing.example", vanishing::down);

        long start = System.nanoTime();
        HttpResponse<String> unknown = call(signed(stranger, "https://vanishing.example"));
        HttpResponse<String> known = call(signed(first, "https://vanishing.example"));

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }

    @Test
    void answersWithinTimeoutWhileEndpointHangs() throws Exception {
        cacheKeysThenBreak("https://hanging.example", hanging::hang);

        long start = System.nanoTime();
        HttpResponse<String> known = call(signed(first, "https://hanging.example"));
        HttpResponse<String> unknown = call(signed(stranger, "https://hanging.example"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(401);
    }

    @Test
    void answers503WhenKeysWereNeverFetched() {
        int calls = app.calls.get();

        HttpResponse<String> response = call(signed(first, "https://never-up.example"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(app.calls.get()).isEqualTo(calls);
        assertThat(neverUp.hits()).isPositive();
    }

    @Test
    void answers503WithinTimeoutWhenEndpointNeverAnswers() {
        long start = System.nanoTime();

        HttpResponse<String> response = call(signed(first, "https://never-answers.example"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    }
}
