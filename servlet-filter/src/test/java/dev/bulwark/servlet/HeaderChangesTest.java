package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Header changes the checks ask for reach the application and the block response. */
class HeaderChangesTest extends FilterContainerTest {

    @Test
    void replacesRequestHeaderTheCheckSets() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers"))
                .header("X-Change-Headers", "1").header("X-User", "mallory")).body());

        assertThat(seen.get("xUser").asText()).isEqualTo("alice");
        assertThat(seen.get("headers").get("X-User")).extracting(JsonNode::asText).containsExactly("alice");
        assertThat(seen.get("headers").has("x-user")).isFalse();
    }

    @Test
    void hidesRequestHeaderTheCheckRemoves() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers"))
                .header("X-Change-Headers", "1").header("X-Forwarded-For", "10.0.0.1")).body());

        assertThat(seen.get("xForwardedFor").isNull()).isTrue();
        assertThat(seen.get("headers").fieldNames()).toIterable().doesNotContain("X-Forwarded-For");
    }

    @Test
    void dropsRequestHeaderWithLineBreak() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers")).header("X-Change-Headers", "1")).body());

        assertThat(seen.get("headers").has("X-Bad")).isFalse();
    }

    @Test
    void leavesHeadersAloneWithoutChanges() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers")).header("X-User", "bob")).body());

        assertThat(seen.get("xUser").asText()).isEqualTo("bob");
    }

    @Test
    void addsResponseHeadersTheCheckAsksForToTheBlockResponse() {
        HttpResponse<String> response = get("/echo/protected?q=attack");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"test\"");
    }

    @Test
    void keepsTheProblemContentTypeAndDropsHeadersWithLineBreaks() {
        HttpResponse<String> response = get("/echo/protected?q=attack");

        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/problem+json");
        assertThat(response.headers().firstValue("X-Split")).isEmpty();
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
