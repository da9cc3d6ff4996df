package dev.bulwark.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The decision's header changes reach the handler, and every response gets the security headers. */
class HeadersOverNettyTest extends NettyApplicationTest {

    @Test
    void replacesARequestHeaderTheCheckSets() {
        JsonNode seen = headers("X-User", "mallory");

        assertThat(seen.get("X-User")).extracting(JsonNode::asText).containsExactly("alice");
    }

    @Test
    void hidesARequestHeaderTheCheckRemoves() {
        JsonNode seen = headers("X-Forwarded-For", "10.0.0.1");

        assertThat(seen.fieldNames()).toIterable().noneMatch(name -> name.equalsIgnoreCase("X-Forwarded-For"));
    }

    @Test
    void dropsASetHeaderWithALineBreak() {
        JsonNode seen = headers("X-Other", "1");

        assertThat(seen.fieldNames()).toIterable().noneMatch(name -> name.equalsIgnoreCase("X-Bad"));
    }

    @Test
    void leavesHeadersAloneWithoutChanges() {
        byte[] body = client.get().uri("/headers").header("X-User", "bob").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();

        assertThat(json(body).get("X-User")).extracting(JsonNode::asText).containsExactly("bob");
    }

    @Test
    void addsSecurityHeadersAndRemovesServerFromTheApplicationsResponse() {
        client.get().uri("/search?q=shoes").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().doesNotExist("Server")
                .expectHeader().doesNotExist("Strict-Transport-Security");
    }

    @Test
    void addsSecurityHeadersToTheBlockResponse() {
        client.get().uri("/search?q=attack").exchange()
                .expectStatus().isForbidden()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void failsClosedWith503WhenACheckThrows() {
        int before = ReactiveApplication.CALLS.get();

        byte[] problem = client.get().uri("/search?q=x").header("X-Explode", "1").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType("application/problem+json")
                .expectBody().returnResult().getResponseBody();

        assertThat(json(problem).get("incidentId").asText()).hasSize(16);
        assertThat(new String(problem)).doesNotContain("exploded");
        assertThat(ReactiveApplication.CALLS.get()).isEqualTo(before);
    }

    private JsonNode headers(String name, String value) {
        byte[] body = client.get().uri("/headers").header("X-Change-Headers", "1").header(name, value).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return json(body);
    }
}
