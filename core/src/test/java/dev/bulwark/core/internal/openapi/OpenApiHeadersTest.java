package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator is handed only the headers it can read; those must still be judged. */
class OpenApiHeadersTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: items, version: '1'}
            paths:
              /items:
                parameters:
                  - $ref: '#/components/parameters/Tenant'
                get:
                  security: [{apiKey: []}]
                  parameters:
                    - {name: X-Trace, in: header, schema: {type: string, maxLength: 8}}
                  responses:
                    '200':
                      description: the items
                      content: {application/json: {schema: {type: array, items: {type: string}}}}
            components:
              parameters:
                Tenant: {name: X-Tenant, in: header, required: true, schema: {type: integer}}
              securitySchemes:
                apiKey: {type: apiKey, in: header, name: X-Api-Key}
            """;

    @TempDir
    Path dir;

    private Bulwark bulwark;

    @BeforeEach
    void setUp() throws IOException {
        Path spec = Files.writeString(dir.resolve("items.yaml"), SPEC);
        bulwark = Bulwark.create(BulwarkConfig.fromYaml("openapi: {specs: [{location: '" + spec + "'}]}"));
    }

    private Decision get(String... headers) {
        HttpRequest.Builder request = HttpRequest.builder("GET", "/items").remoteAddress("127.0.0.1")
                .header("User-Agent", "Mozilla/5.0").header("Accept-Language", "en").header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return bulwark.evaluate(request.build());
    }

    @Test
    void allowsARequestWithEveryDeclaredHeader() {
        assertThat(get("x-tenant", "7", "X-Api-Key", "k", "X-Trace", "abc").allowed()).isTrue();
    }

    @Test
    void blocksAMissingHeaderParameterDeclaredInComponents() {
        assertThat(get("X-Api-Key", "k").status()).isEqualTo(400);
    }

    @Test
    void blocksAHeaderParameterOfTheWrongType() {
        assertThat(get("X-Tenant", "seven", "X-Api-Key", "k").status()).isEqualTo(400);
    }

    @Test
    void blocksAnOperationHeaderParameterOverItsLimit() {
        assertThat(get("X-Tenant", "7", "X-Api-Key", "k", "x-trace", "123456789").status()).isEqualTo(400);
    }

    @Test
    void judgesTheApiKeyHeaderOfTheSecurityScheme() {
        assertThat(get("X-Tenant", "7").findings()).isNotEmpty();
    }

    @Test
    void namesTheHeadersTheValidatorReads() {
        assertThat(HeadersRead.of(new OpenAPIV3Parser().readContents(SPEC, null, null).getOpenAPI()))
                .containsExactlyInAnyOrder("content-type", "accept", "authorization", "cookie", "x-tenant", "x-trace", "x-api-key");
    }

    @Test
    void passesEveryHeaderWhenAParameterLivesInAnotherDocument() {
        String external = SPEC.replace("'#/components/parameters/Tenant'", "'common.yaml#/Tenant'");
        assertThat(HeadersRead.of(new OpenAPIV3Parser().readContents(external, null, null).getOpenAPI())).isNull();
    }
}
