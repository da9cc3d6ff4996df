package dev.bulwark.core.internal.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemDocumentTest {

    @Test
    void writesOnlyTypeTitleStatusAndIncidentId() {
        String body = new String(ProblemDocument.body(403, "ABCDEFGHJKMNPQRS"), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Request blocked\",\"status\":403,\"incidentId\":\"ABCDEFGHJKMNPQRS\"}");
    }

    @Test
    void namesStatusesGenerically() {
        assertThat(ProblemDocument.title(400)).isEqualTo("Bad request");
        assertThat(ProblemDocument.title(413)).isEqualTo("Payload too large");
        assertThat(ProblemDocument.title(408)).isEqualTo("Request timeout");
        assertThat(ProblemDocument.title(431)).isEqualTo("Request header fields too large");
        assertThat(ProblemDocument.title(503)).isEqualTo("Service unavailable");
        assertThat(ProblemDocument.title(418)).isEqualTo("Request blocked");
        assertThat(ProblemDocument.title(599)).isEqualTo("Service unavailable");
    }
}
