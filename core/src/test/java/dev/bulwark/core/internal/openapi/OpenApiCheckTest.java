package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiCheckTest {

    private static final String CONFIG = """
            openapi:
              specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
            routes:
              - when: {path: {prefix: /api/legacy/}}
                openapi: {enabled: false}
              - when: {path: {prefix: /api/orders}}
                openapi: {mode: log-only}
            """;

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.fromYaml(CONFIG));

    private static Decision get(String target) {
        return BULWARK.evaluate(HttpRequest.builder("GET", target).remoteAddress("127.0.0.1").build());
    }

    private static Decision postJson(String target, String json) {
        return BULWARK.evaluate(HttpRequest.builder("POST", target).header("Content-Type", "application/json")
                .body(json.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void allowsValidGetWithQueryParameters() {
        assertThat(get("/api/pets?limit=10&status=available").allowed()).isTrue();
    }

    @Test
    void allowsValidJsonBody() {
        assertThat(postJson("/api/pets", "{\"name\":\"Rex\",\"species\":\"dog\",\"owner\":{\"email\":\"a@example.com\"}}").allowed())
                .isTrue();
    }

    @Test
    void blocksUnknownPathWith404() {
        Decision decision = get("/api/unicorns");
        assertThat(decision.status()).isEqualTo(404);
        assertThat(decision.blockType()).isEqualTo(BlockType.OPENAPI);
    }

    @Test
    void blocksUnknownMethodWith405() {
        Decision decision = BULWARK.evaluate(HttpRequest.builder("PATCH", "/api/pets/1").build());
        assertThat(decision.status()).isEqualTo(405);
    }

    @Test
    void blocksQueryParameterOutOfRange() {
        Decision decision = get("/api/pets?limit=1000");
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.violations()).extracting(Violation::location).contains("query:limit");
    }

    @Test
    void blocksEnumViolation() {
        assertThat(get("/api/pets?status=stolen").status()).isEqualTo(400);
    }

    @Test
    void blocksUnexpectedQueryParameter() {
        assertThat(get("/api/pets?debug=true").status()).isEqualTo(400);
    }

    @Test
    void blocksPathParameterOfWrongType() {
        assertThat(get("/api/pets/abc").status()).isEqualTo(400);
    }

    @Test
    void blocksMissingRequiredBody() {
        Decision decision = BULWARK.evaluate(HttpRequest.builder("POST", "/api/pets").header("Content-Type", "application/json").build());
        assertThat(decision.status()).isEqualTo(400);
    }

    @Test
    void blocksAdditionalPropertyInNestedObject() {
        Decision decision = postJson("/api/pets", "{\"name\":\"Rex\",\"species\":\"dog\",\"owner\":{\"email\":\"a@example.com\",\"isAdmin\":true}}");
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.violations()).isNotEmpty();
    }

    @Test
    void blocksWrongContentType() {
        Decision decision = BULWARK.evaluate(HttpRequest.builder("POST", "/api/pets").header("Content-Type", "text/plain")
                .body("name=Rex".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(decision.status()).isEqualTo(400);
    }

    @Test
    void blocksInvalidStringFormat() {
        Decision decision = postJson("/api/pets", "{\"name\":\"Rex\",\"species\":\"dog\",\"birthDate\":\"yesterday\"}");
        assertThat(decision.status()).isEqualTo(400);
    }

    @Test
    void blocksMissingRequiredHeader() {
        assertThat(postJson("/api/orders", "{\"petId\":1,\"quantity\":1}").blocked()).isFalse();
        assertThat(postJson("/api/orders", "{\"petId\":1,\"quantity\":1}").findings()).isNotEmpty();
    }

    @Test
    void violationsNeverEchoValues() {
        Decision decision = postJson("/api/pets", "{\"name\":\"<script>secret</script>\",\"species\":\"dragon\"}");
        assertThat(decision.violations()).allSatisfy(v -> assertThat(v.key() + v.location()).doesNotContain("dragon", "secret"));
        assertThat(decision.findings()).allSatisfy(f -> assertThat(f.description() + f.excerpt()).doesNotContain("dragon"));
    }

    @Test
    void routeLogOnlyLetsViolationPass() {
        Decision decision = postJson("/api/orders", "{\"petId\":1,\"quantity\":99}");
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.mode()).isEqualTo(Mode.LOG_ONLY));
    }

    @Test
    void routeCanSwitchValidationOff() {
        assertThat(get("/api/legacy/anything").allowed()).isTrue();
    }

    @Test
    void leavesPathsOutsideBasePathAlone() {
        assertThat(get("/health").allowed()).isTrue();
    }

    @Test
    void capsReportedViolations() {
        Bulwark capped = Bulwark.create(BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
                  max-violations: 1
                """));
        Decision decision = capped.evaluate(HttpRequest.builder("GET", "/api/pets?limit=0&status=x&extra=1").build());
        assertThat(decision.findings()).hasSize(1);
    }

    @Test
    void capsViolationsInTheOrderOfValuesGroupedByExactName(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("ids.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: ids, version: '1'}
                paths:
                  /items:
                    get:
                      parameters:
                        - {name: ids, in: query, schema: {type: array, items: {type: integer, maximum: 10}}}
                      responses: {'200': {description: ok}}
                """);
        Bulwark capped = Bulwark.create(BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: '%s'}]
                  max-violations: 1
                """.formatted(spec)));

        // The validator files IDS under ids: [1, abc, 99], as the names came grouped, not [1, 99, abc].
        Decision decision = capped.evaluate(HttpRequest.builder("GET", "/items?ids=1&IDS=99&ids=abc").build());

        assertThat(decision.findings()).filteredOn(finding -> finding.ruleKey().equals(OpenApiCheck.KEY))
                .extracting(Finding::ruleId).containsExactly("validation.request.parameter.schema.type");
    }

    /**
     * A query found valid is remembered by the calls that built the validator's request; a name
     * that differs only in case is another call, so the query that adds it is checked, not taken
     * for the one remembered.
     */
    @Test
    void blocksACaseVariantQueryNameAfterTheQueryWithoutItWasAllowed() {
        List<String> targets = List.of("/api/pets?limit=1", "/api/pets?limit=1&LIMIT=500", "/api/pets?LIMIT=500&limit=1",
                "/api/pets?limit=1");
        Bulwark remembering = Bulwark.create(BulwarkConfig.fromYaml(CONFIG));
        List<Boolean> allowed = new ArrayList<>();
        for (String target : targets) {
            Decision fresh = Bulwark.create(BulwarkConfig.fromYaml(CONFIG)).evaluate(HttpRequest.builder("GET", target).build());
            Decision afterTheOthers = remembering.evaluate(HttpRequest.builder("GET", target).build());
            assertThat(afterTheOthers.findings()).as(target).extracting(Finding::ruleId)
                    .containsExactlyElementsOf(fresh.findings().stream().map(Finding::ruleId).toList());
            allowed.add(afterTheOthers.allowed());
        }
        assertThat(allowed).containsExactly(true, false, false, true);
    }

    @Test
    void ignoredKeyIsNotReported() {
        Bulwark lenient = Bulwark.create(BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
                  ignore: [validation.request.parameter.query.unexpected]
                """));
        assertThat(lenient.evaluate(HttpRequest.builder("GET", "/api/pets?debug=1").build()).allowed()).isTrue();
    }

    @Test
    void validatesResponsesWhenEnabled() {
        Bulwark withResponses = Bulwark.create(BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
                  validate-responses: true
                """));
        HttpRequest request = HttpRequest.builder("GET", "/api/pets/1").build();
        Headers json = Headers.builder().add("Content-Type", "application/json").build();
        assertThat(withResponses.evaluateResponse(request, 200, json,
                "{\"id\":1,\"name\":\"Rex\",\"species\":\"dog\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(withResponses.evaluateResponse(request, 200, json, "{\"name\":7}".getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty().allSatisfy(f -> assertThat(f.mode()).isEqualTo(Mode.LOG_ONLY));
    }

    @Test
    void refusesMissingSpecAtStartUp() {
        assertThatThrownBy(() -> Bulwark.create(BulwarkConfig.fromYaml(
                "openapi: {specs: [{location: 'classpath:nope.yaml'}]}")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("openapi.specs[0].location");
    }

    /**
     * The validator's media type steps read the operation's declared types before the header, and
     * fail on an operation without responses or a request body without content; RequestSteps
     * skips those steps when the header is absent, which is safe only because no such spec loads.
     */
    @Test
    void refusesSpecWithAnOperationWithoutResponsesOrARequestBodyWithoutContent(@TempDir Path dir) throws Exception {
        Path noResponses = dir.resolve("no-responses.yaml");
        Files.writeString(noResponses, """
                openapi: 3.0.3
                info: {title: x, version: '1'}
                paths:
                  /items: {get: {parameters: [{name: q, in: query, schema: {type: integer}}]}}
                """);
        Path noContent = dir.resolve("no-content.yaml");
        Files.writeString(noContent, """
                openapi: 3.1.0
                info: {title: x, version: '1'}
                paths:
                  /items: {post: {requestBody: {description: anything}, responses: {'200': {description: ok}}}}
                """);
        assertThatThrownBy(() -> Bulwark.create(BulwarkConfig.fromYaml(
                "openapi: {specs: [{location: '" + noResponses + "'}]}")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("responses is missing");
        assertThatThrownBy(() -> Bulwark.create(BulwarkConfig.fromYaml(
                "openapi: {specs: [{location: '" + noContent + "'}]}")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("requestBody.content is missing");
    }

    @Test
    void refusesSpecWithoutPaths(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n");
        assertThatThrownBy(() -> Bulwark.create(BulwarkConfig.fromYaml(
                "openapi: {specs: [{location: '" + empty + "'}]}")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("defines no paths");
    }

}
