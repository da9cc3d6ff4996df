package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.RawHttp;
import dev.bulwark.testsupport.SecurityLog;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * OpenAPI enforcement over real HTTP with the petstore contract under {@code /api}: requests the
 * contract allows reach the application byte for byte; each class of violation is refused with
 * its status (404 unknown path, 405 unknown method, 400 otherwise) and a problem document listing
 * the violated constraints by key and location, never the values sent.
 */
class OpenApiEnforcementTest extends FilterContainerTest {

    /** Sent as the offending value wherever possible, to show it never comes back. */
    private static final String MARKER = "zq7marker";

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
                routes:
                  - when: {path: {prefix: /api/pets/}, methods: [POST]}
                    openapi: {mode: log-only}
                """);
    }

    private HttpResponse<String> postJson(String target, String json) {
        return post(target, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> sendJson(String method, String target, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** Checks the refusal and returns the listed violations as {@code key@location}. */
    private List<String> refused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain(MARKER);
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        List<String> violations = new ArrayList<>();
        for (JsonNode violation : problem.get("violations")) {
            assertThat(violation.fieldNames()).toIterable().containsExactly("key", "location");
            violations.add(violation.get("key").asText() + "@" + violation.get("location").asText());
        }
        return violations;
    }

    private static String pet(String name, String species) {
        return "{\"name\":\"" + name + "\",\"species\":\"" + species + "\",\"birthDate\":\"2020-02-29\","
                + "\"tags\":[\"good\",\"boy\"],\"owner\":{\"email\":\"ann@example.com\",\"phone\":\"+41 44 123 45 67\"}}";
    }

    // ---- what the contract allows passes unchanged

    @Test
    void passesValidGetWithItsQueryAsSent() {
        HttpResponse<String> response = get("/api/pets?limit=10&status=available&tag=caf%C3%A9");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("path").asText()).isEqualTo("/api/pets");
        assertThat(seen.get("query").asText()).isEqualTo("limit=10&status=available&tag=caf%C3%A9");
    }

    @Test
    void passesValidJsonPostByteForByte() {
        byte[] body = ("{ \"name\" : \"Rex\",\n  \"species\":\"dog\", \"birthDate\":\"2020-02-29\", \"tags\":[\"good\"],"
                + " \"owner\":{\"email\":\"ann@example.com\"} }\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post("/api/pets", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
        assertThat(seen.get("contentLength").asLong()).isEqualTo(body.length);
    }

    @Test
    void passesValidPutByteForByte() {
        String json = pet("Rex", "dog");

        HttpResponse<String> response = sendJson("PUT", "/api/pets/7", json);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("bodySha256").asText())
                .isEqualTo(RecordingServlet.sha256(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void passesValidOrderWithRequiredHeader() {
        HttpResponse<String> response = sendJson("POST", "/api/orders",
                "{\"petId\":7,\"quantity\":2,\"shipDate\":\"2025-01-01T10:00:00Z\",\"delivery\":{\"zip\":\"8001\"}}",
                "X-Request-Id", "3f0c2a9e-4b7d-4e1a-9c55-0d6f1b2e8a71");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void passesValidDeleteAndPathPatterns() {
        assertThat(send(HttpRequest.newBuilder(uri("/api/pets/7")).DELETE()).statusCode()).isEqualTo(200);
        assertThat(get("/api/orders/CH-123456").statusCode()).isEqualTo(200);
        assertThat(get("/api/pets/7/photos").statusCode()).isEqualTo(200);
    }

    @Test
    void leavesPathsOutsideTheBasePathAlone() {
        assertThat(get("/health?anything=" + MARKER).statusCode()).isEqualTo(200);
    }

    // ---- unknown paths and methods

    @Test
    void blocksUnknownPathWith404() {
        assertThat(refused(get("/api/" + MARKER), 404)).containsExactly("validation.request.path.missing@request");
    }

    @Test
    void blocksUnknownMethodWith405() {
        HttpResponse<String> response = sendJson("PATCH", "/api/pets/7", pet("Rex", "dog"));

        assertThat(refused(response, 405)).containsExactly("validation.request.operation.notAllowed@request");
    }

    @Test
    void blocksMethodOpenApiCannotDescribeWith405() {
        int calls = servlet.calls.get();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/pets"))
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()));

        // The method policy refuses it first by default; the contract would too (OpenApiMethodTest).
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(servlet.calls.get()).isEqualTo(calls);
    }

    // ---- parameters

    @Test
    void blocksPathParameterOfWrongType() {
        assertThat(refused(get("/api/pets/" + MARKER), 400))
                .containsExactly("validation.request.parameter.schema.type@path:petId");
    }

    @Test
    void blocksPathParameterNotMatchingPattern() {
        assertThat(refused(get("/api/orders/" + MARKER), 400))
                .containsExactly("validation.request.parameter.schema.pattern@path:orderId");
    }

    @Test
    void blocksQueryParameterOutOfRange() {
        assertThat(refused(get("/api/pets?limit=1000"), 400))
                .containsExactly("validation.request.parameter.schema.maximum@query:limit");
    }

    @Test
    void blocksQueryParameterOutsideEnum() {
        assertThat(refused(get("/api/pets?status=" + MARKER), 400))
                .containsExactly("validation.request.parameter.schema.enum@query:status");
    }

    @Test
    void blocksUnexpectedQueryParameter() {
        assertThat(refused(get("/api/pets?debug=" + MARKER), 400))
                .containsExactly("validation.request.parameter.query.unexpected@query:debug");
    }

    @Test
    void blocksMissingRequiredHeader() {
        HttpResponse<String> response = sendJson("POST", "/api/orders", "{\"petId\":7,\"quantity\":2}");

        assertThat(refused(response, 400)).containsExactly("validation.request.parameter.header.missing@header:X-Request-Id");
    }

    @Test
    void blocksHeaderOfWrongFormat() {
        HttpResponse<String> response = sendJson("POST", "/api/orders", "{\"petId\":7,\"quantity\":2}", "X-Request-Id", MARKER);

        assertThat(refused(response, 400)).containsExactly("validation.request.parameter.schema.format.uuid@header:X-Request-Id");
    }

    // ---- bodies

    @Test
    void blocksWrongContentType() {
        HttpResponse<String> response = post("/api/pets", "text/plain", ("name=" + MARKER).getBytes(StandardCharsets.UTF_8));

        assertThat(refused(response, 400)).containsExactly("validation.request.contentType.notAllowed@header:content-type");
    }

    @Test
    void blocksBodyWithoutContentType() {
        int calls = servlet.calls.get();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/pets"))
                .POST(HttpRequest.BodyPublishers.ofString(pet("Rex", MARKER))));

        assertThat(refused(response, 400)).containsExactly("validation.request.contentType.notAllowed@header:content-type");
        assertThat(servlet.calls.get()).isEqualTo(calls);
    }

    // The protocol deny rules refuse an ambiguous Content-Type first (403); the contract refuses it
    // too (400) where those rules are lowered or off (see OpenApiContentTypeTest in the core).

    @Test
    void blocksBodyUnderTwoContentTypes() {
        int calls = servlet.calls.get();
        RawHttp.Response response = raw(rawPost("Content-Type: text/plain\r\nContent-Type: application/json\r\n",
                pet("Rex", MARKER)));

        assertThat(response.status()).isIn(400, 403);
        assertThat(response.body()).doesNotContain(MARKER);
        assertThat(servlet.calls.get()).isEqualTo(calls);
    }

    @Test
    void blocksBodyUnderListOfContentTypes() {
        int calls = servlet.calls.get();
        RawHttp.Response response = raw(rawPost("Content-Type: text/plain, application/json\r\n", pet("Rex", MARKER)));

        assertThat(response.status()).isIn(400, 403);
        assertThat(response.body()).doesNotContain(MARKER);
        assertThat(servlet.calls.get()).isEqualTo(calls);
    }

    private static String rawPost(String contentTypes, String json) {
        return "POST /api/pets HTTP/1.1\r\nHost: localhost\r\n" + contentTypes + "Content-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + json;
    }

    @Test
    void blocksMissingRequiredBody() {
        HttpResponse<String> response = post("/api/pets", "application/json", new byte[0]);

        assertThat(refused(response, 400)).containsExactly("validation.request.body.missing@body");
    }

    @Test
    void blocksMissingRequiredProperty() {
        assertThat(refused(postJson("/api/pets", "{\"name\":\"" + MARKER + "\"}"), 400))
                .containsExactly("validation.request.body.schema.required@body:/");
    }

    @Test
    void blocksAdditionalPropertyInNestedObject() {
        String json = "{\"name\":\"Rex\",\"species\":\"dog\",\"owner\":{\"email\":\"ann@example.com\",\"isAdmin\":\"" + MARKER + "\"}}";

        assertThat(refused(postJson("/api/pets", json), 400))
                .containsExactly("validation.request.body.schema.additionalProperties@body:/owner");
    }

    @Test
    void blocksValueOutsideEnumInBody() {
        assertThat(refused(postJson("/api/pets", pet("Rex", MARKER)), 400))
                .containsExactly("validation.request.body.schema.enum@body:/species");
    }

    @Test
    void blocksInvalidDateFormat() {
        String json = "{\"name\":\"Rex\",\"species\":\"dog\",\"birthDate\":\"" + MARKER + "\"}";

        assertThat(refused(postJson("/api/pets", json), 400)).containsExactly("validation.request.body.schema.format.date@body:/birthDate");
    }

    @Test
    void blocksInvalidEmailInNestedObject() {
        String json = "{\"name\":\"Rex\",\"species\":\"dog\",\"owner\":{\"email\":\"" + MARKER + "\"}}";

        assertThat(refused(postJson("/api/pets", json), 400)).containsExactly("validation.request.body.schema.format.email@body:/owner/email");
    }

    @Test
    void blocksStringNotMatchingPattern() {
        String json = "{\"name\":\"Rex\",\"species\":\"dog\",\"owner\":{\"email\":\"ann@example.com\",\"phone\":\"" + MARKER + "\"}}";

        assertThat(refused(postJson("/api/pets", json), 400)).containsExactly("validation.request.body.schema.pattern@body:/owner/phone");
    }

    @Test
    void blocksStringTooLong() {
        assertThat(refused(postJson("/api/pets", pet(MARKER.repeat(8), "dog")), 400))
                .containsExactly("validation.request.body.schema.maxLength@body:/name");
    }

    @Test
    void blocksNumberOutOfRange() {
        HttpResponse<String> response = sendJson("POST", "/api/orders", "{\"petId\":7,\"quantity\":99}",
                "X-Request-Id", "3f0c2a9e-4b7d-4e1a-9c55-0d6f1b2e8a71");

        assertThat(refused(response, 400)).containsExactly("validation.request.body.schema.maximum@body:/quantity");
    }

    @Test
    void blocksWrongTypeInArray() {
        String json = "{\"name\":\"Rex\",\"species\":\"dog\",\"tags\":[\"good\",7]}";

        assertThat(refused(postJson("/api/pets", json), 400)).containsExactly("validation.request.body.schema.type@body:/tags/1");
    }

    @Test
    void listsEveryViolationOfOneRequest() {
        String json = "{\"name\":\"\",\"species\":\"" + MARKER + "\",\"birthDate\":\"" + MARKER + "\",\"extra\":1}";

        assertThat(refused(postJson("/api/pets", json), 400)).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void blockedRequestNeverReachesTheApplication() {
        int calls = servlet.calls.get();

        postJson("/api/pets", pet("Rex", MARKER));

        assertThat(servlet.calls.get()).isEqualTo(calls);
    }

    @Test
    void logsTheViolationWithTheIncidentIdOfTheResponse() {
        Assumptions.assumeTrue(SecurityLog.available());

        String incidentId = json(get("/api/pets?limit=0").body()).get("incidentId").asText();

        JsonNode event = SecurityLog.event(incidentId);
        assertThat(event.get("rule.id").asText()).isEqualTo("validation.request.parameter.schema.minimum");
        assertThat(event.get("rule.category").asText()).isEqualTo("OPENAPI");
        assertThat(event.get("bulwark.block_type").asText()).isEqualTo("openapi");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(400);
    }

    // ---- a route in log-only mode

    @Test
    void passesViolationOnLogOnlyRouteAndLogsIt() {
        byte[] body = ("{\"url\":\"" + MARKER + "\",\"unexpected\":true}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post("/api/pets/7/photos", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
        if (SecurityLog.available()) {
            JsonNode event = SecurityLog.event(seen.get("incidentId").asText());
            assertThat(event.get("event.action").asText()).isEqualTo("logged");
            assertThat(event.get("bulwark.mode").asText()).isEqualTo("log-only");
            assertThat(event.get("rule.category").asText()).isEqualTo("OPENAPI");
        }
    }
}
