package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** With {@code details: false} the block response says only that the request was refused. */
class OpenApiDetailsOffTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
                  details: false
                """);
    }

    @Test
    void hidesViolationListWhenDetailsAreOff() {
        HttpResponse<String> response = get("/api/pets?limit=1000&status=lost");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).fieldNames()).toIterable().containsExactly("type", "title", "status", "incidentId");
        assertThat(response.body()).doesNotContain("validation.", "limit", "status=");
    }

    @Test
    void keepsStatusOfUnknownPathWhenDetailsAreOff() {
        HttpResponse<String> response = get("/api/unknown");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).has("violations")).isFalse();
    }
}
