package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

/** Requests with more header fields than {@code limits.headers.count} never reach the application. */
class HeaderLimitTest extends FilterContainerTest {

    @Test
    void refusesThousandsOfDistinctHeaderNamesWith431AndLogsTheLimit() {
        int before = servlet.calls.get();
        StringBuilder request = new StringBuilder("GET /echo/many-headers HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 3000; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        request.append("Connection: close\r\n\r\n");

        RawHttp.Response response = raw(request.toString());

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("LIMIT-HEADERS-COUNT");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(431);
    }
}
