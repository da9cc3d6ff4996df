package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured operation with a JSON body, the petstore's POST: the security step is skipped only for
 * a request that meets the requirement, and the body step only when the body is checked apart, so
 * a missing or wrong token and a bad body are still refused, alone or together.
 */
class OpenApiSecurityTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: pets, version: '1'}
            components:
              securitySchemes:
                bearer: {type: http, scheme: bearer}
            paths:
              /pets:
                post:
                  security: [{bearer: []}]
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string, maxLength: 8}
                  responses: {'201': {description: created}}
            """;

    private static Bulwark bulwark(Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("pets.yaml"), SPEC);
        return Bulwark.create(BulwarkConfig.fromYaml("openapi: {specs: [{location: '" + spec + "'}]}"));
    }

    private static Decision post(Bulwark bulwark, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.builder("POST", "/pets").header("Content-Type", "application/json")
                .body(json.getBytes(StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return bulwark.evaluate(request.build());
    }

    @Test
    void allowsValidBodyWithBearerToken(@TempDir Path dir) throws IOException {
        assertThat(post(bulwark(dir), "Bearer abc", "{\"name\":\"Rex\"}").allowed()).isTrue();
    }

    @Test
    void blocksValidBodyWithoutToken(@TempDir Path dir) throws IOException {
        assertThat(post(bulwark(dir), null, "{\"name\":\"Rex\"}").violations())
                .containsExactly(new Violation("validation.request.security.missing", "request"));
    }

    @Test
    void blocksValidBodyWithTokenOfAnotherScheme(@TempDir Path dir) throws IOException {
        assertThat(post(bulwark(dir), "Basic YTpi", "{\"name\":\"Rex\"}").violations())
                .containsExactly(new Violation("validation.request.security.invalid", "request"));
    }

    @Test
    void blocksInvalidBodyWithBearerToken(@TempDir Path dir) throws IOException {
        assertThat(post(bulwark(dir), "Bearer abc", "{\"name\":\"Rex the third\"}").violations())
                .containsExactly(new Violation("validation.request.body.schema.maxLength", "body:/name"));
    }

    @Test
    void blocksInvalidBodyWithoutTokenReportingBoth(@TempDir Path dir) throws IOException {
        assertThat(post(bulwark(dir), null, "{}").violations()).containsExactly(
                new Violation("validation.request.security.missing", "request"),
                new Violation("validation.request.body.schema.required", "body:/"));
    }
}
