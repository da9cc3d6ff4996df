package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances of the filter, each in its own embedded Jetty, sharing one real Redis: the limit
 * holds across them, keys expire, and a Redis stopped midway follows {@code on-store-failure}.
 */
class SharedRateLimitTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    /** An engine whose limit allows {@code capacity} requests per {@code period}, under a prefix of this test's own. */
    private static Bulwark engine(String prefix, int capacity, String period, String onStoreFailure) {
        return Bulwark.create(BulwarkConfig.fromYaml("""
                rate-limits:
                  store: {redis: {uri: "%s", timeout: 500ms, key-prefix: "%s", retry-interval: 300ms}}
                  on-store-failure: %s
                  limits:
                    - name: per-client
                      key: client-address
                      bandwidths: [{capacity: %d, period: %s}]
                """.formatted(REDIS.uri(), prefix, onStoreFailure, capacity, period)));
    }

    private static String prefix() {
        return "test-" + UUID.randomUUID() + ":";
    }

    @Test
    void holdsTheLimitAcrossTwoInstances() throws Exception {
        String prefix = prefix();
        try (Bulwark first = engine(prefix, 3, "1m", "allow"); Bulwark second = engine(prefix, 3, "1m", "allow");
                FilterServer a = new FilterServer(BulwarkFilter.create(first));
                FilterServer b = new FilterServer(BulwarkFilter.create(second))) {
            assertThat(a.get("/orders").statusCode()).isEqualTo(200);
            assertThat(b.get("/orders").statusCode()).isEqualTo(200);
            assertThat(a.get("/orders").statusCode()).isEqualTo(200);

            HttpResponse<String> overOnB = b.get("/orders");
            HttpResponse<String> overOnA = a.get("/orders");

            assertThat(overOnB.statusCode()).isEqualTo(429);
            assertThat(overOnA.statusCode()).isEqualTo(429);
            assertThat(overOnB.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(overOnB.headers().firstValue("RateLimit-Policy")).hasValue("\"per-client\";q=3;w=60");
            assertThat(overOnB.headers().firstValue("Retry-After")).isPresent();
            assertThat(overOnB.body()).doesNotContain("per-client");
            assertThat(a.servlet.calls.get() + b.servlet.calls.get()).isEqualTo(3);
            JsonNode event = FilterContainerTest.loggedEvent(overOnB.body());
            assertThat(event.get("rule.id").asText()).isEqualTo("RATE-LIMIT-EXCEEDED");
            assertThat(event.get("bulwark.block_type").asText()).isEqualTo("rate-limit");
            assertThat(event.get("http.response.status_code").asInt()).isEqualTo(429);
        }
    }

    @Test
    void expiresKeysOnceTheirBucketWouldBeFullAgain() throws Exception {
        String prefix = prefix();
        String key = prefix + "global.per-client:127.0.0.1";
        try (Bulwark engine = engine(prefix, 2, "1s", "allow");
                FilterServer server = new FilterServer(BulwarkFilter.create(engine))) {
            server.get("/orders");
            assertThat(REDIS.command("EXISTS " + key)).isEqualTo(":1");
            assertThat(Long.parseLong(REDIS.command("PTTL " + key).substring(1))).isBetween(1L, 3000L);

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (REDIS.command("EXISTS " + key).equals(":1") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertThat(REDIS.command("EXISTS " + key)).isEqualTo(":0");
        }
    }

    @Test
    void letsRequestsThroughWhenRedisStopsAndOnStoreFailureIsAllow() throws Exception {
        String prefix = prefix();
        try (Bulwark engine = engine(prefix, 1, "1m", "allow");
                FilterServer server = new FilterServer(BulwarkFilter.create(engine))) {
            assertThat(server.get("/orders").statusCode()).isEqualTo(200);
            assertThat(server.get("/orders").statusCode()).isEqualTo(429);

            REDIS.stop();
            try {
                assertThat(server.get("/orders").statusCode()).isEqualTo(200);
                assertThat(server.get("/orders").statusCode()).isEqualTo(200);
                assertThat(engine.rateLimitStatus().available()).isFalse();
                assertThat(engine.rateLimitStatus().storeFailures()).isGreaterThanOrEqualTo(2);
            } finally {
                REDIS.start();
            }
        }
    }

    @Test
    void refusesRequestsWith503WhenRedisStopsAndOnStoreFailureIsBlock() throws Exception {
        String prefix = prefix();
        try (Bulwark engine = engine(prefix, 5, "1m", "block");
                FilterServer server = new FilterServer(BulwarkFilter.create(engine))) {
            assertThat(server.get("/orders").statusCode()).isEqualTo(200);

            REDIS.stop();
            HttpResponse<String> refused;
            try {
                refused = server.get("/orders");
            } finally {
                REDIS.start();
            }

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(FilterContainerTest.loggedEvent(refused.body()).get("rule.id").asText())
                    .isEqualTo("RATE-LIMIT-STORE-UNAVAILABLE");
        }
    }

    @Test
    void enforcesTheLimitAgainOnceRedisIsBack() throws Exception {
        String prefix = prefix();
        try (Bulwark engine = engine(prefix, 1, "1m", "block");
                FilterServer server = new FilterServer(BulwarkFilter.create(engine))) {
            REDIS.stop();
            try {
                assertThat(server.get("/orders").statusCode()).isEqualTo(503);
            } finally {
                REDIS.start();
            }
            // The circuit stays open for its retry interval, then one request tries the store again.
            long deadline = System.nanoTime() + 10_000_000_000L;
            int status = server.get("/orders").statusCode();
            while (status == 503 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = server.get("/orders").statusCode();
            }

            assertThat(status).isEqualTo(200);
            assertThat(server.get("/orders").statusCode()).isEqualTo(429);
            assertThat(engine.rateLimitStatus().available()).isTrue();
        }
    }
}
