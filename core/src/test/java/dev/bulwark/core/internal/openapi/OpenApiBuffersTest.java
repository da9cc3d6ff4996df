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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checking a request against the contract leaves none of its values in the thread's Jackson
 * buffers: the validator turns a form into a tree without a parser, Bulwark reads parameter values
 * with cleared buffers, and clears swagger-core's after the validator's own engine read one (a
 * parameter without a type, or any parameter of an OpenAPI 3.1 spec).
 */
class OpenApiBuffersTest {

    private static Bulwark bulwark;
    private static Bulwark untyped;
    private static Bulwark openApi31;

    @BeforeAll
    static void loadSpecs(@TempDir Path dir) throws Exception {
        untyped = load(dir.resolve("untyped.yaml"), "3.0.3", "{}");
        openApi31 = load(dir.resolve("cards31.yaml"), "3.1.0", "{type: integer, format: int64}");
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
    void checkingANumberParameterLeavesNoValueInTheThreadsBuffers() {
        String account = secretNumber();

        Decision decision = bulwark.evaluate(post(account, "holder=Ann"));

        assertThat(decision.allowed()).isTrue();
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(account);
    }

    /** Engines whose parameters the validator's own engine reads: without a type, or of a 3.1 spec. */
    static Stream<Arguments> readByTheValidatorsEngine() {
        return Stream.of(Arguments.of("without a type", untyped), Arguments.of("of an OpenAPI 3.1 spec", openApi31));
    }

    @ParameterizedTest(name = "parameter {0}")
    @MethodSource("readByTheValidatorsEngine")
    void checkingAParameterTheValidatorsEngineReadsLeavesNoValueInTheThreadsBuffers(String kind, Bulwark engine) {
        // The first check compiles what the validator needs; the second only reads the value.
        engine.evaluate(get(secretNumber()));
        String account = secretNumber();

        Decision decision = engine.evaluate(get(account));

        assertThat(decision.allowed()).isTrue();
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(account);
    }

    /** An engine with a spec of one operation, {@code GET /accounts} with the query parameter {@code account}. */
    private static Bulwark load(Path spec, String version, String accountSchema) throws Exception {
        Files.writeString(spec, """
                openapi: %s
                info: {title: accounts, version: '1'}
                paths:
                  /accounts:
                    get:
                      parameters:
                        - {name: account, in: query, required: true, schema: %s}
                      responses: {'200': {description: ok}}
                """.formatted(version, accountSchema));
        return Bulwark.create(BulwarkConfig.fromYaml("""
                deny-rules: {level: "off"}
                openapi:
                  specs: [{location: '%s'}]
                """.formatted(spec)));
    }

    private static HttpRequest get(String account) {
        return HttpRequest.builder("GET", "/accounts?account=" + account).build();
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
