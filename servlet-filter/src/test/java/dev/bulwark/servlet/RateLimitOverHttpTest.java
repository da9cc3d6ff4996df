package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A local rate limit in front of a real server. */
class RateLimitOverHttpTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: %d}
                rate-limits:
                  limits:
                    - {name: api, key: client-address, bandwidths: [{capacity: 2, period: 1m}], when: {path: {prefix: /api/}}}
                """.formatted(BODY_LIMIT));
    }

    @Test
    void refusesTheRequestOverTheLimitWith429AndTheRateLimitHeaders() {
        get("/api/one");
        get("/api/two");
        int before = servlet.calls.get();

        HttpResponse<String> over = get("/api/three");

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(over.headers().firstValue("RateLimit-Policy")).hasValue("\"api\";q=2;w=60");
        assertThat(over.headers().firstValue("RateLimit")).hasValueSatisfying(value -> assertThat(value).startsWith("\"api\";r=0;t="));
        assertThat(over.headers().firstValue("Retry-After")).hasValueSatisfying(value -> assertThat(Long.parseLong(value)).isPositive());
        assertThat(json(over.body()).get("incidentId").asText()).hasSize(16);
        assertThat(over.body()).doesNotContain("api\"");
        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = loggedEvent(over.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("RATE-LIMIT-EXCEEDED");
        assertThat(event.get("rule.description").asText()).contains("'api'");
        assertThat(event.get("source.ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void leavesPathsOutsideTheConditionUnlimited() {
        for (int i = 0; i < 5; i++) {
            assertThat(get("/static/" + i).statusCode()).isEqualTo(200);
        }
    }
}
