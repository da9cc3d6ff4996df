package dev.bulwark.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testsupport.SecurityLog;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Attacks are blocked on Netty before any handler runs, with a problem response that names no rule. */
class InjectionOverNettyTest extends NettyApplicationTest {

    @Test
    void blocksSqlInjectionInTheQueryWith403() {
        int before = ReactiveApplication.CALLS.get();

        EntityExchangeResult<byte[]> result = client.get()
                .uri("/search?q={q}", "1' UNION SELECT username, password FROM users--")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody().returnResult();

        JsonNode problem = json(result.getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("incidentId").asText()).hasSize(16);
        assertThat(new String(result.getResponseBody())).doesNotContain("SQL").doesNotContain("UNION");
        assertThat(ReactiveApplication.CALLS.get()).isEqualTo(before);
    }

    @Test
    void logsOneSecurityEventNamingTheRuleForABlockedRequest() {
        assumeTrue(SecurityLog.available());
        byte[] body = client.get().uri("/search?q={q}", "1' UNION SELECT username, password FROM users--")
                .exchange().expectStatus().isForbidden().expectBody().returnResult().getResponseBody();

        JsonNode event = SecurityLog.event(json(body).get("incidentId").asText());

        assertThat(event.get("rule.category").asText()).isEqualTo("SQL");
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
        assertThat(event.get("http.request.method").asText()).isEqualTo("GET");
        assertThat(event.get("url.path").asText()).isEqualTo("/search");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(403);
        assertThat(event.get("source.ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void blocksScriptInjectionInAJsonBody() {
        int before = ReactiveApplication.CALLS.get();

        client.post().uri("/echo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"comment\":\"<script>alert(document.cookie)</script>\"}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json");

        assertThat(ReactiveApplication.CALLS.get()).isEqualTo(before);
    }

    @Test
    void blocksByTheApplicationsOwnCheck() {
        client.get().uri("/search?q=attack").exchange()
                .expectStatus().isForbidden()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"test\"")
                .expectHeader().doesNotExist("X-Split")
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void allowsABenignQuery() {
        client.get().uri("/search?q={q}", "running shoes size 42").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("ok");
    }
}
