package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.SecurityLog;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Response validation ({@code validate-responses: true}) over real HTTP: responses reach the client
 * exactly as the application wrote them, and mismatches with the contract are logged as log-only
 * findings in the request's security event.
 */
class OpenApiResponseValidationTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
                  validate-responses: true
                """);
    }

    @Override
    void customize(ServletContextHandler context) {
        ServletHolder pets = new ServletHolder(new PetServlet());
        pets.setAsyncSupported(true);
        context.addServlet(pets, "/api/*");
    }

    private static String incident(HttpResponse<String> response) {
        return response.headers().firstValue("X-Incident").orElseThrow();
    }

    private static JsonNode findings(String incidentId) {
        return SecurityLog.event(incidentId).get("bulwark.findings");
    }

    @Test
    void passesValidResponseUnchanged() {
        HttpResponse<String> response = get("/api/pets/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PetServlet.VALID);
        assertThat(response.headers().firstValue("Content-Length"))
                .hasValue(String.valueOf(PetServlet.VALID.getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void logsNothingForValidResponse() throws Exception {
        Assumptions.assumeTrue(SecurityLog.available());

        String incidentId = incident(get("/api/pets/1"));
        Thread.sleep(300);

        assertThat(SecurityLog.lines()).noneMatch(line -> line.contains(incidentId));
    }

    @Test
    void passesMismatchingResponseUnchanged() {
        HttpResponse<String> response = get("/api/pets/2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PetServlet.INVALID);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void logsResponseMismatchAsLogOnlyFinding() {
        Assumptions.assumeTrue(SecurityLog.available());

        String incidentId = incident(get("/api/pets/2"));

        JsonNode event = SecurityLog.event(incidentId);
        assertThat(SecurityLog.line(incidentId)).contains("INFO");
        assertThat(event.get("event.action").asText()).isEqualTo("logged");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(200);
        assertThat(event.get("bulwark.findings")).extracting(f -> f.get("rule.id").asText())
                .contains("validation.response.body.schema.type", "validation.response.body.schema.required");
        assertThat(event.get("bulwark.findings")).allSatisfy(f -> {
            assertThat(f.get("mode").asText()).isEqualTo("log-only");
            assertThat(f.get("rule.category").asText()).isEqualTo("OPENAPI");
        });
        assertThat(SecurityLog.line(incidentId)).doesNotContain("two", "crème");
    }

    @Test
    void validatesResponseWrittenThroughTheWriter() {
        HttpResponse<String> response = get("/api/pets/3");

        assertThat(response.body()).isEqualTo(PetServlet.INVALID);
        if (SecurityLog.available()) {
            assertThat(findings(incident(response))).extracting(f -> f.get("rule.id").asText())
                    .contains("validation.response.body.schema.type");
        }
    }

    @Test
    void validatesResponseWrittenAsynchronously() {
        HttpResponse<String> response = get("/api/pets/4");

        assertThat(response.body()).isEqualTo(PetServlet.INVALID);
        if (SecurityLog.available()) {
            JsonNode event = SecurityLog.event(incident(response));
            assertThat(event.get("http.response.status_code").asInt()).isEqualTo(200);
            assertThat(event.get("bulwark.findings")).extracting(f -> f.get("rule.id").asText())
                    .contains("validation.response.body.schema.type");
        }
    }

    @Test
    void logsStatusTheContractDoesNotList() {
        HttpResponse<String> response = get("/api/pets/5");

        assertThat(response.statusCode()).isEqualTo(418);
        if (SecurityLog.available()) {
            assertThat(findings(incident(response))).extracting(f -> f.get("rule.id").asText())
                    .contains("validation.response.status.unknown");
        }
    }

    @Test
    void passesResponseOverTheCaptureLimitWholeWithoutValidatingIt() throws Exception {
        String expected = PetServlet.large();
        assertThat(expected.length()).isGreaterThan(BulwarkFilter.RESPONSE_CAPTURE_LIMIT);

        HttpResponse<String> response = get("/api/pets");

        assertThat(response.body()).isEqualTo(expected);
        if (SecurityLog.available()) {
            String incidentId = incident(response);
            Thread.sleep(300);
            assertThat(SecurityLog.lines()).noneMatch(line -> line.contains(incidentId));
        }
    }
}
