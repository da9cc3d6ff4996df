package dev.bulwark.samples.petstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The petstore on a random port, exercised over HTTP as the README walks through it: a normal call,
 * an attack, a missing token, a write with a minted token, an invalid body, the metrics, and the
 * configuration kept off the port clients use.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PetstoreApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SECURITY_LOG = Path.of("target/petstore-test.log");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void answersANormalCall() throws Exception {
        HttpResponse<String> response = send(get("/pets?species=dog&limit=5"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).get(0).get("name").asText()).isEqualTo("Rex");
    }

    @Test
    void blocksAnAttackWithAProblemDocumentAndAnIncidentId() throws Exception {
        HttpResponse<String> response = send(get("/pets?tag=1'%20UNION%20SELECT%20password%20FROM%20users--"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("title").asText()).isEqualTo("Request blocked");
        String incident = problem.get("incidentId").asText();
        assertThat(incident).matches("[0-9A-Z]{16}");
        assertThat(response.body()).doesNotContain("UNION", "SQL", "tag");
        assertThat(securityEvent(incident)).contains("\"rule.id\":\"SQL-UNION-AFTER-BREAK\"", "\"bulwark.location\":\"query:tag\"");
    }

    @Test
    void asksForATokenForWrites() throws Exception {
        HttpResponse<String> response = send(post("/pets", "{\"name\": \"Bella\", \"species\": \"dog\"}"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void writesWithAMintedTokenAndNamesItsSubjectToTheService() throws Exception {
        String token = MintToken.mint("alice", "pets:write orders:write", Duration.ofMinutes(5));

        HttpResponse<String> created = send(post("/pets", "{\"name\": \"Bella\", \"species\": \"rabbit\", "
                + "\"description\": \"<span style=\\\"color: green\\\">Gentle</span> with kids\"}")
                .header("Authorization", "Bearer " + token));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode pet = JSON.readTree(created.body());
        assertThat(created.headers().firstValue("Location")).hasValue("/pets/" + pet.get("id").asLong());
        assertThat(pet.get("description").asText()).isEqualTo("<span style=\"color: green\">Gentle</span> with kids");

        HttpResponse<String> order = send(post("/store/orders", "{\"petId\": " + pet.get("id").asLong() + ", \"quantity\": 1, "
                + "\"delivery\": {\"street\": \"Bahnhofstrasse 1\", \"zip\": \"8001\", \"country\": \"CH\"}}")
                .header("Authorization", "Bearer " + token)
                .header("X-User-Id", "mallory"));
        assertThat(order.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(order.body()).get("placedBy").asText()).isEqualTo("alice");
        assertThat(send(get("/pets/" + pet.get("id").asLong())).body()).contains("\"status\":\"pending\"");
    }

    @Test
    void limitsOrdersPerCustomer() throws Exception {
        String token = MintToken.mint("limited-customer", "pets:write orders:write", Duration.ofMinutes(5));
        String other = MintToken.mint("other-customer", "pets:write orders:write", Duration.ofMinutes(5));
        for (int i = 0; i < 5; i++) {
            assertThat(placeOrder(token).statusCode()).isEqualTo(201);
        }

        HttpResponse<String> sixth = placeOrder(token);

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
        assertThat(sixth.headers().firstValue("RateLimit-Policy"))
                .hasValue("\"orders-per-customer-1\";q=5;w=60, \"orders-per-customer-2\";q=50;w=86400");
        assertThat(securityEvent(JSON.readTree(sixth.body()).get("incidentId").asText()))
                .contains("\"rule.id\":\"RATE-LIMIT-EXCEEDED\"");
        assertThat(placeOrder(other).statusCode()).isEqualTo(201);
    }

    /** Adds a pet and orders it, as the token's subject. */
    private HttpResponse<String> placeOrder(String token) throws Exception {
        HttpResponse<String> created = send(post("/pets", "{\"name\": \"Momo\", \"species\": \"cat\"}")
                .header("Authorization", "Bearer " + token));
        long petId = JSON.readTree(created.body()).get("id").asLong();
        return send(post("/store/orders", "{\"petId\": " + petId + ", \"quantity\": 1, "
                + "\"delivery\": {\"street\": \"Bahnhofstrasse 1\", \"zip\": \"8001\", \"country\": \"CH\"}}")
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void refusesAnInvalidBodyWithItsViolations() throws Exception {
        String token = MintToken.mint("alice", "pets:write", Duration.ofMinutes(5));

        HttpResponse<String> response = send(post("/pets", "{\"name\": \"\", \"species\": \"dragon\", \"birthDate\": \"yesterday\"}")
                .header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("incidentId").asText()).isNotEmpty();
        assertThat(problem.get("violations").findValuesAsText("location"))
                .containsExactlyInAnyOrder("body:/name", "body:/species", "body:/birthDate");
        assertThat(problem.get("violations").findValuesAsText("key")).contains("validation.request.body.schema.enum");
    }

    @Test
    void leavesErrorsOfTheServiceToTheService() throws Exception {
        HttpResponse<String> response = send(get("/pets/9999"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No pet with id 9999");
    }

    @Test
    void publishesItsMetersToPrometheus() throws Exception {
        send(get("/pets?tag=1'%20OR%20'1'='1"));
        send(get("/pets"));

        HttpResponse<String> response = send(get("/actuator/prometheus"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .containsPattern("bulwark_requests_total\\{outcome=\"allowed\"\\} [1-9]")
                .containsPattern("bulwark_requests_total\\{outcome=\"blocked\"\\} [1-9]")
                .containsPattern("bulwark_blocks_total\\{mode=\"block\",rule_key=\"SQL\"\\} [1-9]")
                .contains("bulwark_inspection_seconds_count");
    }

    @Test
    void reportsItsHealth() throws Exception {
        JsonNode health = JSON.readTree(send(get("/actuator/health")).body());

        assertThat(health.at("/components/bulwark/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/bulwark/details/openapiSpecs").asInt()).isEqualTo(1);
    }

    @Test
    void answersAnAllowedGraphQlQuery() throws Exception {
        HttpResponse<String> response = send(post("/graphql",
                "{\"query\":\"query($id: ID!){ pet(id: $id){ name tags } }\",\"variables\":{\"id\":\"1\"}}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"data\":{\"pet\":{\"name\":\"Rex\",\"tags\":[\"friendly\",\"house-trained\"]}}}");
    }

    @Test
    void refusesAnOverDeepGraphQlQuery() throws Exception {
        HttpResponse<String> response = send(post("/graphql",
                "{\"query\":\"{ pet(id: 3){ owner{ pets{ owner{ pets{ owner{ name } } } } } } }\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("{\"key\":\"GRAPHQL-DEPTH\",\"location\":\"graphql:document\"}");
    }

    @Test
    void refusesGraphQlIntrospection() throws Exception {
        HttpResponse<String> response = send(post("/graphql", "{\"query\":\"{ __schema { types { name } } }\"}"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("GRAPHQL-INTROSPECTION");
    }

    @Test
    void blocksAnInjectionInAGraphQlVariable() throws Exception {
        HttpResponse<String> response = send(post("/graphql", "{\"query\":\"query($tag: String){ pets(tag: $tag){ name } }\","
                + "\"variables\":{\"tag\":\"x' UNION SELECT password FROM users--\"}}"));

        assertThat(response.statusCode()).isEqualTo(403);
        String incident = JSON.readTree(response.body()).get("incidentId").asText();
        assertThat(securityEvent(incident)).contains("\"rule.id\":\"SQL-UNION-AFTER-BREAK\"",
                "\"bulwark.location\":\"graphql:variables/tag\"");
    }

    @Test
    void refusesAGraphQlFieldTheSchemaLacks() throws Exception {
        HttpResponse<String> response = send(post("/graphql", "{\"query\":\"{ pet(id: 1){ name password } }\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("GRAPHQL-SCHEMA-FIELD-UNDEFINED");
    }

    @Test
    void keepsItsConfigurationFromClients() throws Exception {
        HttpResponse<String> response = send(get("/actuator/bulwark"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("XSS-STYLE-ATTRIBUTE", "deny-rules");
    }

    private HttpRequest.Builder get(String target) {
        return HttpRequest.newBuilder(uri(target)).GET();
    }

    private HttpRequest.Builder post(String target, String json) {
        return HttpRequest.newBuilder(uri(target)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private URI uri(String target) {
        return URI.create("http://localhost:" + port + target);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The security event with this incident id, from the log the tests write (see logback-test.xml). */
    private static String securityEvent(String incident) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (String line : Files.readAllLines(SECURITY_LOG, StandardCharsets.UTF_8)) {
                if (line.contains("\"bulwark.incident_id\":\"" + incident + "\"")) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no security event for incident " + incident + " in " + SECURITY_LOG);
    }
}
