package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.schema.SwaggerV20Library;
import com.github.fge.msgsimple.bundle.MessageBundle;
import com.github.fge.msgsimple.load.MessageBundles;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaEngineTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: patterns, version: '1'}
            paths:
              /items:
                get:
                  parameters:
                    - {name: sort, in: query, schema: {type: string, pattern: '^-?[a-z_]{1,32}$'}}
                  responses: {'200': {description: ok}}
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            sku: {type: string, pattern: '^SKU-[0-9]{4}$'}
                            tags: {type: array, items: {type: string, pattern: '^[a-z]+$'}}
                  responses: {'201': {description: created}}
            """;

    private static Path dir;
    private static Bulwark bulwark;

    @BeforeAll
    static void loadSpec() throws IOException {
        dir = Files.createTempDirectory("compiled-patterns");
        Path spec = Files.writeString(dir.resolve("patterns.yaml"), SPEC);
        bulwark = Bulwark.create(BulwarkConfig.fromYaml("openapi: {specs: [{location: '" + spec + "'}]}"));
    }

    @AfterAll
    static void deleteSpec() throws IOException {
        Files.deleteIfExists(dir.resolve("patterns.yaml"));
        Files.deleteIfExists(dir);
    }

    private static Decision post(String json) {
        return bulwark.evaluate(HttpRequest.builder("POST", "/items").header("Content-Type", "application/json")
                .body(json.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void allowsValuesThatMatchTheirPatterns() {
        assertThat(post("{\"sku\":\"SKU-1234\",\"tags\":[\"oak\",\"table\"]}").allowed()).isTrue();
    }

    @Test
    void blocksBodyValueThatMissesItsPattern() {
        Decision decision = post("{\"sku\":\"SKU-12345\"}");
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.violations()).extracting(Violation::location).contains("body:/sku");
    }

    @Test
    void blocksArrayItemThatMissesItsPatternAfterOthersMatched() {
        assertThat(post("{\"tags\":[\"oak\",\"Table\"]}").status()).isEqualTo(400);
    }

    @Test
    void blocksQueryValueThatMissesItsPattern() {
        Decision decision = bulwark.evaluate(HttpRequest.builder("GET", "/items?sort=Created-At").build());
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.violations()).extracting(Violation::location).contains("query:sort");
    }

    @Test
    void doesNotMatchDollarBeforeATrailingNewlineAsEcmaScriptDoes() {
        // java.util.regex would let "oak\n" match ^[a-z]+$; ECMA-262 does not.
        assertThat(post("{\"tags\":[\"oak\\n\"]}").status()).isEqualTo(400);
        assertThat(SchemaEngine.matches("^[a-z]+$", "oak\n")).isFalse();
    }

    @Test
    void matchesAnywhereInTheValueWhenThePatternIsNotAnchored() {
        assertThat(SchemaEngine.matches("[0-9]{2}", "order 42 of 50")).isTrue();
        assertThat(SchemaEngine.matches("[0-9]{2}", "order 4")).isFalse();
    }

    @Test
    void remembersTheMessagesTheBundleGives() {
        MessageBundle stock = MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class);
        MessageBundle remembered = SchemaEngine.remembered(stock);
        for (String key : List.of("err.common.validationLoop", "err.common.pattern.noMatch", "no.such.key")) {
            assertThat(remembered.getMessage(key)).isEqualTo(stock.getMessage(key));
            assertThat(remembered.getMessage(Locale.ROOT, key)).isEqualTo(stock.getMessage(Locale.ROOT, key));
        }
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean valid = i % 2 == 0;
                results.add(pool.submit(() -> post(valid ? "{\"sku\":\"SKU-0001\"}" : "{\"sku\":\"SKU-01\"}")
                        .allowed() == valid));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
