package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GraphQL protection over real HTTP with no configuration at all: the defaults of issue #18. An
 * ordinary query reaches the application byte for byte; depth over 10, more than 15 aliases and a
 * batch over 10 are refused with 400; introspection with 403; an attack in a variable or a string
 * argument is blocked by the deny rules, and the security log names where it was.
 */
class GraphQlOverHttpTest extends FilterContainerTest {

    static final String ORDINARY =
            "{\"query\":\"query($id: ID!){ pet(id: $id){ name tags } }\",\"variables\":{\"id\":\"7\"}}";

    static String request(String query) {
        return "{\"query\":\"" + query.replace("\"", "\\\"") + "\"}";
    }

    static String nested(int depth) {
        return "{ " + "pet { ".repeat(depth - 1) + "name" + " }".repeat(depth);
    }

    private HttpResponse<String> postGraphQl(String body) {
        return post("/graphql", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks a bare GraphQL refusal and returns its violations as {@code key@location}. */
    static List<String> refused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("incidentId").asText()).hasSize(16);
        List<String> violations = new ArrayList<>();
        for (JsonNode violation : problem.path("violations")) {
            violations.add(violation.get("key").asText() + "@" + violation.get("location").asText());
        }
        return violations;
    }

    @Test
    void passesAnOrdinaryQueryByteForByte() {
        HttpResponse<String> response = postGraphQl(ORDINARY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodySha256").asText())
                .isEqualTo(RecordingServlet.sha256(ORDINARY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void passesDepthTen() {
        assertThat(postGraphQl(request(nested(10))).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesDepthElevenWith400AndLogsTheRule() {
        HttpResponse<String> response = postGraphQl(request(nested(11)));

        assertThat(refused(response, 400)).containsExactly("GRAPHQL-DEPTH@graphql:document");
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("GRAPHQL-DEPTH");
        assertThat(event.get("rule.category").asText()).isEqualTo("GRAPHQL");
    }

    @Test
    void refusesSixteenAliasesWith400() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            query.append(" p").append(i).append(": pet(id: ").append(i).append(") { name }");
        }
        assertThat(refused(postGraphQl(request(query.append(" }").toString())), 400))
                .containsExactly("GRAPHQL-ALIASES@graphql:document");
    }

    @Test
    void passesFifteenAliases() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 15; i++) {
            query.append(" p").append(i).append(": pet(id: ").append(i).append(") { name }");
        }
        assertThat(postGraphQl(request(query.append(" }").toString())).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesABatchOfElevenWith400() {
        String batch = "[" + String.join(",", Collections.nCopies(11, ORDINARY)) + "]";
        assertThat(refused(postGraphQl(batch), 400)).containsExactly("GRAPHQL-BATCH@graphql:batch");
    }

    @Test
    void passesABatchOfTen() {
        String batch = "[" + String.join(",", Collections.nCopies(10, ORDINARY)) + "]";
        assertThat(postGraphQl(batch).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesIntrospectionWith403() {
        HttpResponse<String> response = postGraphQl(request("query IntrospectionQuery { __schema { queryType { name } } }"));

        assertThat(refused(response, 403)).containsExactly("GRAPHQL-INTROSPECTION@graphql:document");
        assertThat(loggedEvent(response.body()).get("rule.id").asText()).isEqualTo("GRAPHQL-INTROSPECTION");
    }

    @Test
    void blocksSqlInjectionInAVariableAndLogsItsLocation() {
        String body = "{\"query\":\"query($id: ID!){ pet(id: $id){ name } }\","
                + "\"variables\":{\"id\":\"7' UNION SELECT password FROM users--\"}}";

        JsonNode event = assertBlockedAndLogged(postGraphQl(body), "UNION", "password");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("graphql:variables/id");
        assertThat(event.get("rule.category").asText()).isEqualTo("SQL");
    }

    @Test
    void blocksXssInAStringArgumentAndLogsItsLocation() {
        JsonNode event = assertBlockedAndLogged(postGraphQl(request(
                "mutation { addPet(input: {name: \"<script>alert(document.cookie)</script>\"}) { id } }")), "script");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("graphql:argument:addPet.input.name");
    }

    @Test
    void treatsGetAsGraphQl() {
        assertThat(get("/graphql?query=" + encoded("{ pet(id: 1) { name } }")).statusCode()).isEqualTo(200);
        assertThat(refused(get("/graphql?query=" + encoded(nested(11))), 400)).containsExactly("GRAPHQL-DEPTH@graphql:document");
        assertThat(refused(get("/graphql?query=" + encoded("{ __type(name: \"Pet\") { name } }")), 403))
                .containsExactly("GRAPHQL-INTROSPECTION@graphql:document");
    }

    @Test
    void blocksAnAttackInTheVariablesOfAGet() {
        String target = "/graphql?query=" + encoded("query($id: ID!){ pet(id: $id){ name } }") + "&variables="
                + encoded("{\"id\":\"1; cat /etc/passwd\"}");
        JsonNode event = assertBlockedAndLogged(get(target), "passwd");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("graphql:variables/id");
    }

    @Test
    void refusesAFormPostOnTheGraphQlPath() {
        assertThat(refused(postForm("/graphql", form("query", "{ pets { name } }")), 400))
                .containsExactly("GRAPHQL-REQUEST@request");
    }

    @Test
    void refusesGetWithoutAQuery() {
        assertThat(refused(get("/graphql"), 400)).containsExactly("GRAPHQL-REQUEST@graphql:document");
    }

    @Test
    void leavesOtherPathsToTheJsonParser() {
        assertThat(post("/api/echo", "application/json", request(nested(20)).getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
    }
}
