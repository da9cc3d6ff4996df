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
 * JSON bodies checked by the compiled schemas inside the OpenAPI check: the validator's formats
 * and closed objects hold, the violations sit where the validator listed them, and the
 * configuration's {@code ignore} and {@code max-violations} apply to them as to the others.
 */
class OpenApiJsonBodyTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: orders, version: '1'}
            paths:
              /shops/{shop}/orders:
                parameters: [{name: shop, in: path, required: true, schema: {type: integer}}]
                post:
                  parameters: [{name: dry, in: query, schema: {type: boolean}}]
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [item]
                          properties:
                            item: {type: string, maxLength: 4}
                            quantity: {type: integer, format: int32}
                  responses: {'201': {description: created}}
            """;

    private static Bulwark bulwark(Path dir, String extra) throws IOException {
        Path spec = Files.writeString(dir.resolve("orders.yaml"), SPEC);
        return Bulwark.create(BulwarkConfig.fromYaml("openapi: {specs: [{location: '" + spec + "'}]" + extra + "}"));
    }

    private static Decision post(Bulwark bulwark, String target, String json) {
        return bulwark.evaluate(HttpRequest.builder("POST", target).header("Content-Type", "application/json")
                .body(json.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void allowsValidBody(@TempDir Path dir) throws IOException {
        assertThat(post(bulwark(dir, ""), "/shops/1/orders", "{\"item\":\"tea\",\"quantity\":2}").allowed()).isTrue();
    }

    @Test
    void blocksIntegerBeyondInt32(@TempDir Path dir) throws IOException {
        Decision decision = post(bulwark(dir, ""), "/shops/1/orders", "{\"item\":\"tea\",\"quantity\":3000000000}");

        assertThat(decision.violations()).containsExactly(new Violation("validation.request.body.schema.format.int32", "body:/quantity"));
    }

    @Test
    void blocksMemberTheSchemaDoesNotListThoughItSaysNothingOfOthers(@TempDir Path dir) throws IOException {
        Decision decision = post(bulwark(dir, ""), "/shops/1/orders", "{\"item\":\"tea\",\"isAdmin\":true}");

        assertThat(decision.violations()).containsExactly(new Violation("validation.request.body.schema.additionalProperties", "body:/"));
    }

    @Test
    void allowsUnlistedMemberWhenClosedObjectsAreIgnored(@TempDir Path dir) throws IOException {
        Bulwark open = bulwark(dir, ", ignore: [validation.schema.additionalProperties]");

        assertThat(post(open, "/shops/1/orders", "{\"item\":\"tea\",\"note\":\"x\"}").allowed()).isTrue();
    }

    @Test
    void listsBodyViolationsAfterPathAndBeforeQueryParameters(@TempDir Path dir) throws IOException {
        Decision decision = post(bulwark(dir, ""), "/shops/x/orders?dry=maybe", "{\"item\":\"teapot\"}");

        assertThat(decision.violations()).extracting(Violation::location).containsExactly("path:shop", "body:/item", "query:dry");
    }

    @Test
    void capsBodyViolationsWithTheOthers(@TempDir Path dir) throws IOException {
        Decision decision = post(bulwark(dir, ", max-violations: 2"), "/shops/x/orders?dry=maybe",
                "{\"item\":\"teapot\",\"quantity\":\"two\"}");

        assertThat(decision.violations()).extracting(Violation::location).containsExactly("path:shop", "body:/item");
    }

    @Test
    void ignoredBodyKeyIsNotReported(@TempDir Path dir) throws IOException {
        Bulwark lenient = bulwark(dir, ", ignore: [validation.request.body.schema.maxLength]");

        assertThat(post(lenient, "/shops/1/orders", "{\"item\":\"teapot\"}").allowed()).isTrue();
    }

    @Test
    void blocksMissingBodyWithoutReportingTheBodyThatIsThere(@TempDir Path dir) throws IOException {
        Bulwark bulwark = bulwark(dir, "");

        assertThat(bulwark.evaluate(HttpRequest.builder("POST", "/shops/1/orders").header("Content-Type", "application/json")
                .build()).violations()).containsExactly(new Violation("validation.request.body.missing", "body"));
        assertThat(post(bulwark, "/shops/1/orders", "{\"item\":\"tea\"}").violations()).isEmpty();
    }
}
