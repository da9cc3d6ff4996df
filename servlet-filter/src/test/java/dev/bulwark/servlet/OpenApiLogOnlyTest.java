package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.SecurityLog;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** OpenAPI in log-only mode: violations pass whole and are logged; a route can still block. */
class OpenApiLogOnlyTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
                  mode: log-only
                routes:
                  - when: {path: {prefix: /api/orders}}
                    openapi: {mode: block}
                """);
    }

    @Test
    void passesViolatingBodyByteForByte() {
        byte[] body = "{\"name\":\"Rex\",\"species\":\"dragon\",\"wings\":2}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post("/api/pets", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    @Test
    void passesUnknownPath() {
        assertThat(get("/api/unicorns").statusCode()).isEqualTo(200);
    }

    @Test
    void logsEveryViolationAtInfo() {
        Assumptions.assumeTrue(SecurityLog.available());
        byte[] body = "{\"name\":\"Rex\",\"species\":\"dragon\",\"wings\":2}".getBytes(StandardCharsets.UTF_8);

        String incidentId = json(post("/api/pets", "application/json", body).body()).get("incidentId").asText();

        assertThat(SecurityLog.line(incidentId)).contains("INFO");
        JsonNode event = SecurityLog.event(incidentId);
        assertThat(event.get("event.action").asText()).isEqualTo("logged");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(200);
        assertThat(event.get("bulwark.findings")).extracting(f -> f.get("rule.id").asText())
                .contains("validation.request.body.schema.enum", "validation.request.body.schema.additionalProperties");
        assertThat(event.get("bulwark.findings")).allSatisfy(f -> assertThat(f.get("mode").asText()).isEqualTo("log-only"));
    }

    @Test
    void blocksOnRouteThatOverridesTheMode() {
        HttpResponse<String> response = post("/api/orders", "application/json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
    }
}
