package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.internal.JacksonBuffers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checking a form body and a parameter whose schema is a {@code $ref} against the contract leaves
 * none of their values in the thread's Jackson buffers: the validator turns a form into a tree
 * without a parser, and parameter values are read with cleared buffers.
 */
class OpenApiBuffersTest {

    private static Bulwark bulwark;

    @BeforeAll
    static void loadSpec(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("cards.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: cards, version: '1'}
                paths:
                  /cards:
                    post:
                      parameters:
                        - {name: X-Account, in: header, required: true, schema: {$ref: '#/components/schemas/Number'}}
                      requestBody:
                        content:
                          application/x-www-form-urlencoded:
                            schema:
                              type: object
                              properties:
                                number: {type: integer, format: int64}
                                holder: {type: string}
                      responses: {'200': {description: ok}}
                components:
                  schemas:
                    Number: {type: integer, format: int64}
                """);
        bulwark = Bulwark.create(BulwarkConfig.fromYaml("""
                deny-rules: {level: "off"}
                openapi:
                  specs: [{location: '%s'}]
                """.formatted(spec)));
    }

    @Test
    void checkingAFormLeavesNoNumberFieldInTheThreadsBuffers() {
        String number = secretNumber();

        Decision decision = bulwark.evaluate(post(secretNumber(), "number=" + number + "&holder=Ann"));

        assertThat(decision.allowed()).isTrue();
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(number);
    }

    @Test
    void checkingAReferencedParameterLeavesNoValueInTheThreadsBuffers() {
        String account = secretNumber();

        Decision decision = bulwark.evaluate(post(account, "holder=Ann"));

        assertThat(decision.allowed()).isTrue();
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(account);
    }

    private static HttpRequest post(String account, String form) {
        return HttpRequest.builder("POST", "/cards")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Account", account)
                .body(form.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** Sixteen digits no other test uses. */
    private static String secretNumber() {
        return "4" + (100_000_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000_000L));
    }
}
