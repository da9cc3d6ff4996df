package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over real HTTP, a spec whose {@code Pet} has a {@code discriminator} mapping to {@code Dog},
 * which extends {@code Pet} through {@code allOf}: one such request used to overflow the
 * validator's stack or exhaust the heap. It is now judged at once, valid bodies pass unchanged, and
 * a request the schema engine fails on is refused with 400 and logged, never a 500.
 */
@Timeout(60)
class OpenApiDiscriminatorOverHttpTest extends FilterContainerTest {

    private static final String DOG = "{\"petType\":\"Dog\",\"name\":\"Rex\",\"bark\":true}";

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                openapi:
                  specs:
                    - {location: "classpath:openapi/pets-discriminator.yaml", base-path: /api}
                    - {location: "classpath:openapi/loop.yaml", base-path: /broken}
                  ignore: [validation.schema.additionalProperties]
                """);
    }

    private HttpResponse<String> postJson(String target, String json) {
        return post(target, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode refused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("incidentId").asText()).hasSize(16);
        return json(response.body());
    }

    @Test
    void passesDiscriminatedBodyThatOverflowedTheValidatorByteForByte() {
        byte[] body = DOG.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();

        HttpResponse<String> response = post("/api/pets", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void blocksDiscriminatingValueThatSelectsNoSchemaAndLogsIt() {
        HttpResponse<String> response = postJson("/api/pets", "{\"petType\":\"Unicorn\",\"name\":\"zq7marker\"}");

        JsonNode problem = refused(response);
        assertThat(response.body()).doesNotContain("zq7marker", "Unicorn");
        assertThat(problem.get("violations").get(0).get("key").asText()).isEqualTo("validation.request.body.schema.discriminator");
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("validation.request.body.schema.discriminator");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(400);
    }

    @Test
    void blocksInvalidBodyOfTheSelectedSchema() {
        JsonNode problem = refused(postJson("/api/pets", "{\"petType\":\"Cat\",\"lives\":10}"));

        assertThat(problem.get("violations").get(0).get("location").asText()).isEqualTo("body:/");
    }

    @Test
    void refusesRequestTheSchemaEngineFailsOnWith400AndLogsIt() {
        int before = servlet.calls.get();

        HttpResponse<String> response = postJson("/broken/loops", "{}");

        refused(response);
        assertThat(response.body()).doesNotContain("StackOverflowError");
        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("validation.request.uncheckable");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(400);
    }
}
