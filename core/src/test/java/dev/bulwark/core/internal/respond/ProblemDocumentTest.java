package dev.bulwark.core.internal.respond;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Violation;
import dev.bulwark.core.internal.JacksonBuffers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
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

    @Test
    void writingViolationsLeavesNoClientNameInTheThreadsBuffers() {
        String name = "card" + UUID.randomUUID().toString().replace("-", "");

        byte[] body = ProblemDocument.body(400, "ABCDEFGHJKMNPQRS",
                List.of(new Violation("validation.request.parameter.query.unexpected", "query:" + name)));

        assertThat(new String(body, StandardCharsets.UTF_8)).contains(name);
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(name);
    }
}
