package dev.bulwark.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemResponseTest {

    @Test
    void writesOnlyTypeTitleStatusAndIncidentId() {
        String body = new String(ProblemResponse.body(403, "ABCDEFGHJKMNPQRS"), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Request blocked\",\"status\":403,\"incidentId\":\"ABCDEFGHJKMNPQRS\"}");
    }

    @Test
    void namesStatusesGenerically() {
        assertThat(ProblemResponse.title(400)).isEqualTo("Bad request");
        assertThat(ProblemResponse.title(413)).isEqualTo("Payload too large");
        assertThat(ProblemResponse.title(408)).isEqualTo("Request timeout");
        assertThat(ProblemResponse.title(431)).isEqualTo("Request header fields too large");
        assertThat(ProblemResponse.title(503)).isEqualTo("Service unavailable");
        assertThat(ProblemResponse.title(418)).isEqualTo("Request blocked");
        assertThat(ProblemResponse.title(599)).isEqualTo("Service unavailable");
    }
}
