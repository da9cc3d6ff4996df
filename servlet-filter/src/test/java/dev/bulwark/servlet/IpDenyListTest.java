package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A deny list that holds the only client of the test, 127.0.0.1. */
class IpDenyListTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("ip-rules: {deny: [127.0.0.0/8, '::1']}")
                .toBuilder().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    @Test
    void blocksClientOnTheDenyListWith403() {
        HttpResponse<String> response = get("/echo/anything");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("incidentId").asText()).hasSize(16);
    }

    @Test
    void deniedClientNeverReachesTheApplication() {
        int before = servlet.calls.get();

        get("/echo/anything");

        assertThat(servlet.calls.get()).isEqualTo(before);
    }
}
