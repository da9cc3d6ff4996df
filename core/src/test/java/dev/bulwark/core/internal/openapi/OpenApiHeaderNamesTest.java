package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header the contract asks for is found only under its name spelt in ASCII, as field names are
 * (RFC 9110, section 5.1): a look-alike with a dotless i does not meet an API key requirement.
 */
class OpenApiHeaderNamesTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: keys, version: '1'}
            components:
              securitySchemes:
                key: {type: apiKey, in: header, name: X-Api-Key}
            paths:
              /items:
                get:
                  security: [{key: []}]
                  responses: {'200': {description: ok}}
            """;

    private static Bulwark bulwark(Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("keys.yaml"), SPEC);
        return Bulwark.create(BulwarkConfig.fromYaml("openapi: {specs: [{location: '" + spec + "'}]}"));
    }

    @Test
    void allowsApiKeyUnderItsNameInAnyCase(@TempDir Path dir) throws IOException {
        assertThat(bulwark(dir).evaluate(HttpRequest.builder("GET", "/items").header("x-api-key", "k1").build())
                .allowed()).isTrue();
    }

    @Test
    void blocksApiKeyUnderANameWithADotlessI(@TempDir Path dir) throws IOException {
        assertThat(bulwark(dir).evaluate(HttpRequest.builder("GET", "/items").header("X-Ap\u0131-Key", "k1").build())
                .violations()).containsExactly(new Violation("validation.request.security.missing", "request"));
    }
}
