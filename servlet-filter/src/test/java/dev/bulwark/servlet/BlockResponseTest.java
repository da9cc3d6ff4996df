package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testsupport.SecurityLog;
import dev.bulwark.testsupport.TestCheck;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What a client sees when a check blocks: the status, a generic problem document, nothing more. */
class BlockResponseTest extends FilterContainerTest {

    @Test
    void blocksWith403ProblemJsonWhenACheckBlocks() {
        HttpResponse<String> response = get("/echo/search?q=attack-payload");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode problem = json(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isEqualTo("Request blocked");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("incidentId").asText()).matches("[0-9A-Z]{16}");
    }

    @Test
    void blockResponseRevealsNoRuleAndNoInput() {
        HttpResponse<String> response = get("/echo/search?q=attack-payload");

        assertThat(json(response.body()).fieldNames()).toIterable()
                .containsExactly("type", "title", "status", "incidentId");
        assertThat(response.body()).doesNotContain(TestCheck.RULE_ID, TestCheck.RULE_KEY, "attack", "payload", "search");
    }

    @Test
    void blockedRequestNeverReachesTheApplication() {
        int before = servlet.calls.get();

        get("/echo/search?q=attack");

        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void blockedRequestIsLoggedWithTheIncidentIdOfTheResponse() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SecurityLog.available());

        String incidentId = json(get("/echo/search?q=attack").body()).get("incidentId").asText();

        assertThat(SecurityLog.line(incidentId)).contains("WARN").contains(TestCheck.RULE_ID);
    }

    @Test
    void allowsRequestWithoutFindings() {
        HttpResponse<String> response = get("/echo/search?q=harmless");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("parameters").get("q").get(0).asText()).isEqualTo("harmless");
    }

    @Test
    void putsTheDecisionIntoARequestAttribute() {
        JsonNode seen = json(get("/echo/decision").body());

        assertThat(seen.get("incidentId").asText()).hasSize(16);
    }

    @Test
    void putsDecisionAttributesIntoRequestAttributes() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/claims")).header("X-Claim", "alice")).body());

        assertThat(seen.get("claim").asText()).isEqualTo("alice");
    }
}
