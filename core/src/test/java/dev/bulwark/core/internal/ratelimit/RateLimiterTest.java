package dev.bulwark.core.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.internal.jwt.TestTokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Rate limits through the engine, on the local store. */
class RateLimiterTest {

    private static Bulwark bulwark(String yaml) {
        return Bulwark.create(BulwarkConfig.fromYaml(yaml));
    }

    private static Bulwark perClient(int capacity) {
        return bulwark("""
                rate-limits:
                  limits:
                    - {name: per-client, key: client-address, bandwidths: [{capacity: %d, period: 1m}]}
                """.formatted(capacity));
    }

    private static HttpRequest from(String address, String target) {
        return HttpRequest.builder("GET", target).remoteAddress(address).build();
    }

    @Test
    void blocksRequestOverTheLimitWith429() {
        Bulwark bulwark = perClient(2);
        assertThat(bulwark.evaluate(from("192.0.2.1", "/a")).allowed()).isTrue();
        assertThat(bulwark.evaluate(from("192.0.2.1", "/a")).allowed()).isTrue();

        Decision third = bulwark.evaluate(from("192.0.2.1", "/a"));

        assertThat(third.blocked()).isTrue();
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.blockType()).isEqualTo(BlockType.RATE_LIMIT);
        assertThat(third.findings()).extracting(Finding::ruleId).containsExactly("RATE-LIMIT-EXCEEDED");
        assertThat(third.findings().get(0).description()).contains("per-client");
    }

    @Test
    void answersWithRetryAfterAndRateLimitHeaders() {
        Bulwark bulwark = perClient(1);
        bulwark.evaluate(from("192.0.2.1", "/a"));

        Decision over = bulwark.evaluate(from("192.0.2.1", "/a"));

        assertThat(over.headerChanges().responseHeaders())
                .containsEntry("RateLimit-Policy", "\"per-client\";q=1;w=60")
                .containsKey("Retry-After")
                .hasEntrySatisfying("RateLimit", value -> assertThat(value).matches("\"per-client\";r=0;t=\\d+"));
        long retryAfter = Long.parseLong(over.headerChanges().responseHeaders().get("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
    }

    @Test
    void countsEachClientAddressSeparately() {
        Bulwark bulwark = perClient(1);
        bulwark.evaluate(from("192.0.2.1", "/a"));

        assertThat(bulwark.evaluate(from("192.0.2.2", "/a")).allowed()).isTrue();
        assertThat(bulwark.evaluate(from("192.0.2.1", "/a")).blocked()).isTrue();
    }

    @Test
    void countsByHeaderValue() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: per-key, key: "header:X-Api-Key", bandwidths: [{capacity: 1, period: 1m}]}]
                """);
        HttpRequest alice = HttpRequest.builder("GET", "/").header("x-api-key", "alice").build();
        HttpRequest bob = HttpRequest.builder("GET", "/").header("X-API-KEY", "bob").build();
        bulwark.evaluate(alice);

        assertThat(bulwark.evaluate(bob).allowed()).isTrue();
        assertThat(bulwark.evaluate(alice).status()).isEqualTo(429);
    }

    @Test
    void leavesRequestsWithoutTheKeyHeaderUncounted() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: per-key, key: "header:X-Api-Key", bandwidths: [{capacity: 1, period: 1m}]}]
                """);

        assertThat(bulwark.evaluate(HttpRequest.builder("GET", "/").build()).allowed()).isTrue();
        assertThat(bulwark.evaluate(HttpRequest.builder("GET", "/").build()).allowed()).isTrue();
    }

    @Test
    void countsLongKeyValuesByDigest() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: per-key, key: "header:X-Api-Key", bandwidths: [{capacity: 1, period: 1m}]}]
                """);
        String longKey = "k".repeat(500);
        bulwark.evaluate(HttpRequest.builder("GET", "/").header("X-Api-Key", longKey).build());

        assertThat(bulwark.evaluate(HttpRequest.builder("GET", "/").header("X-Api-Key", longKey).build()).status())
                .isEqualTo(429);
        assertThat(bulwark.evaluate(HttpRequest.builder("GET", "/").header("X-Api-Key", longKey + "x").build()).allowed())
                .isTrue();
    }

    @Test
    void countsByCookie() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: per-session, key: "cookie:session", bandwidths: [{capacity: 1, period: 1m}]}]
                """);
        HttpRequest one = HttpRequest.builder("GET", "/").header("Cookie", "theme=dark; session=s1").build();
        bulwark.evaluate(one);

        assertThat(bulwark.evaluate(HttpRequest.builder("GET", "/").header("Cookie", "session=s2").build()).allowed())
                .isTrue();
        assertThat(bulwark.evaluate(one).status()).isEqualTo(429);
    }

    @Test
    void countsByClaimOfTheVerifiedTokenOnly() {
        String secret = "0123456789abcdef0123456789abcdef";
        Bulwark bulwark = bulwark("""
                jwt:
                  required: false
                  issuers: [{issuer: %s, hmac-secret: %s, audiences: [%s]}]
                rate-limits:
                  limits: [{name: per-user, key: "claim:sub", bandwidths: [{capacity: 1, period: 1m}]}]
                """.formatted(TestTokens.ISSUER, secret, TestTokens.AUDIENCE));
        String token = TestTokens.hs256(secret.getBytes(StandardCharsets.UTF_8), TestTokens.validClaims().build());
        HttpRequest withToken = HttpRequest.builder("GET", "/").remoteAddress("192.0.2.1")
                .header("Authorization", "Bearer " + token).build();

        assertThat(bulwark.evaluate(withToken).allowed()).isTrue();
        assertThat(bulwark.evaluate(withToken).status()).isEqualTo(429);
        assertThat(bulwark.evaluate(from("192.0.2.1", "/")).allowed()).isTrue();
        assertThat(bulwark.evaluate(from("192.0.2.1", "/")).allowed()).isTrue();
    }

    @Test
    void countsTheRouteKeyOnceForAllClients() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: whole, key: route, bandwidths: [{capacity: 1, period: 1m}]}]
                """);
        bulwark.evaluate(from("192.0.2.1", "/"));

        assertThat(bulwark.evaluate(from("192.0.2.2", "/")).status()).isEqualTo(429);
    }

    @Test
    void requiresRoomInEveryBandwidth() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: two, bandwidths: [{capacity: 5, period: 1s}, {capacity: 2, period: 1h}]}]
                """);
        bulwark.evaluate(from("192.0.2.1", "/"));
        bulwark.evaluate(from("192.0.2.1", "/"));

        Decision third = bulwark.evaluate(from("192.0.2.1", "/"));

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.headerChanges().responseHeaders().get("RateLimit-Policy"))
                .isEqualTo("\"two-1\";q=5;w=1, \"two-2\";q=2;w=3600");
    }

    @Test
    void refillsGreedilyTokenByToken() throws InterruptedException {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: greedy, bandwidths: [{capacity: 2, period: 1s, refill: greedy}]}]
                """);
        bulwark.evaluate(from("192.0.2.1", "/"));
        bulwark.evaluate(from("192.0.2.1", "/"));

        Thread.sleep(600);

        assertThat(bulwark.evaluate(from("192.0.2.1", "/")).allowed()).isTrue();
    }

    @Test
    void refillsIntervallyOnlyWhenThePeriodIsOver() throws InterruptedException {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: interval, bandwidths: [{capacity: 2, period: 2s, refill: interval}]}]
                """);
        bulwark.evaluate(from("192.0.2.1", "/"));
        bulwark.evaluate(from("192.0.2.1", "/"));

        Thread.sleep(1100);
        assertThat(bulwark.evaluate(from("192.0.2.1", "/")).status()).isEqualTo(429);
        Thread.sleep(1100);
        assertThat(bulwark.evaluate(from("192.0.2.1", "/")).allowed()).isTrue();
    }

    @Test
    void countsOnlyRequestsTheConditionCovers() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits:
                    - {name: api, bandwidths: [{capacity: 1, period: 1m}], when: {path: {prefix: /api/}}}
                """);
        bulwark.evaluate(from("192.0.2.1", "/api/a"));

        assertThat(bulwark.evaluate(from("192.0.2.1", "/static/a")).allowed()).isTrue();
        assertThat(bulwark.evaluate(from("192.0.2.1", "/api/b")).status()).isEqualTo(429);
    }

    @Test
    void logOnlyLimitLetsTheRequestPassWithAFinding() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: watch, mode: log-only, bandwidths: [{capacity: 1, period: 1m}]}]
                """);
        bulwark.evaluate(from("192.0.2.1", "/"));

        Decision over = bulwark.evaluate(from("192.0.2.1", "/"));

        assertThat(over.allowed()).isTrue();
        assertThat(over.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("RATE-LIMIT-EXCEEDED");
            assertThat(finding.mode()).isEqualTo(Mode.LOG_ONLY);
        });
        assertThat(over.headerChanges().responseHeaders()).isEmpty();
    }

    @Test
    void globalLogOnlyModeLogsLimitsToo() {
        Bulwark bulwark = bulwark("""
                mode: log-only
                rate-limits:
                  limits: [{name: watch, bandwidths: [{capacity: 1, period: 1m}]}]
                """);
        bulwark.evaluate(from("192.0.2.1", "/"));

        assertThat(bulwark.evaluate(from("192.0.2.1", "/")).allowed()).isTrue();
    }

    @Test
    void appliesRouteLimitsOnTheirRouteOnly() {
        Bulwark bulwark = bulwark("""
                routes:
                  - when: {path: {prefix: /login}}
                    rate-limits:
                      limits: [{name: logins, bandwidths: [{capacity: 1, period: 1m}]}]
                """);
        bulwark.evaluate(from("192.0.2.1", "/login"));

        assertThat(bulwark.evaluate(from("192.0.2.1", "/other")).allowed()).isTrue();
        assertThat(bulwark.evaluate(from("192.0.2.1", "/login")).status()).isEqualTo(429);
    }

    @Test
    void keepsRouteAndGlobalLimitsOfOneNameApart() {
        Bulwark bulwark = bulwark("""
                rate-limits:
                  limits: [{name: same, bandwidths: [{capacity: 2, period: 1m}]}]
                routes:
                  - when: {path: {prefix: /login}}
                    rate-limits:
                      limits: [{name: same, bandwidths: [{capacity: 1, period: 1m}]}]
                """);

        assertThat(bulwark.evaluate(from("192.0.2.1", "/login")).allowed()).isTrue();
        assertThat(bulwark.evaluate(from("192.0.2.1", "/login")).status()).isEqualTo(429);
    }

    @Test
    void reportsLimitedRequestsInTheStatus() {
        Bulwark bulwark = perClient(1);
        bulwark.evaluate(from("192.0.2.1", "/"));
        bulwark.evaluate(from("192.0.2.1", "/"));

        assertThat(bulwark.rateLimitStatus().enabled()).isTrue();
        assertThat(bulwark.rateLimitStatus().store()).isEqualTo("local");
        assertThat(bulwark.rateLimitStatus().available()).isTrue();
        assertThat(bulwark.rateLimitStatus().limitedRequests()).isEqualTo(1);
    }

    @Test
    void reportsDisabledStatusWithoutLimits() {
        assertThat(Bulwark.create(BulwarkConfig.defaults()).rateLimitStatus().enabled()).isFalse();
    }
}
