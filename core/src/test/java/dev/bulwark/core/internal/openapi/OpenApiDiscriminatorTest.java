package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies whose schema has a {@code discriminator} that the schemas it selects extend (the usual
 * inheritance layout): swagger-request-validator overflowed its stack or ran out of memory on one
 * such request; the compiled schemas judge it at once. A request that nothing can check is refused.
 */
class OpenApiDiscriminatorTest {

    private static final String DOG = "{\"petType\":\"Dog\",\"name\":\"Rex\",\"bark\":true}";

    private static Bulwark bulwark(String extra) {
        return Bulwark.create(BulwarkConfig.fromYaml(
                "openapi: {specs: [{location: 'classpath:openapi/pets-discriminator.yaml'}]" + extra + "}"));
    }

    private static Decision post(Bulwark bulwark, String target, String json) {
        return bulwark.evaluate(HttpRequest.builder("POST", target).header("Content-Type", "application/json")
                .body(json.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void judgesDiscriminatedBodyThatOverflowedTheValidatorAtOnce() {
        Bulwark bulwark = bulwark("");

        Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> post(bulwark, "/pets", DOG));

        // Closed objects: Dog's own part admits only bark, as the validator reads allOf.
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.violations()).containsExactly(new Violation("validation.request.body.schema.discriminator", "body:/"));
    }

    @Test
    void allowsDiscriminatedBodyWhenObjectsAreOpen() {
        Bulwark bulwark = bulwark(", ignore: [validation.schema.additionalProperties]");

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> post(bulwark, "/pets", DOG)).allowed()).isTrue();
        assertThat(post(bulwark, "/dogs", DOG).allowed()).isTrue();
        assertThat(post(bulwark, "/pets", "{\"petType\":\"Unicorn\"}").violations())
                .containsExactly(new Violation("validation.request.body.schema.discriminator", "body:/"));
    }

    @Test
    void refusesRequestTheSchemaEngineFailsOnWith400(@TempDir Path dir) throws IOException {
        // A schema that is nothing but itself: checking any body against it never ends.
        Path spec = Files.writeString(dir.resolve("loop.yaml"), """
                openapi: 3.0.3
                info: {title: loop, version: '1'}
                paths:
                  /loops:
                    post:
                      requestBody:
                        content:
                          application/json: {schema: {$ref: '#/components/schemas/Loop'}}
                      responses: {'201': {description: created}}
                components:
                  schemas:
                    Loop: {allOf: [{$ref: '#/components/schemas/Loop'}]}
                """);
        Bulwark bulwark = Bulwark.create(BulwarkConfig.fromYaml("openapi: {specs: [{location: '" + spec + "'}]}"));

        Decision decision = post(bulwark, "/loops", "{}");

        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.violations()).containsExactly(new Violation(OpenApiCheck.UNCHECKABLE, "request"));
        assertThat(decision.blockingFindings()).extracting(finding -> finding.ruleId()).containsExactly(OpenApiCheck.UNCHECKABLE);
    }
}
