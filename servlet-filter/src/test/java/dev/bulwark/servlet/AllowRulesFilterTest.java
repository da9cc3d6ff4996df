package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.testsupport.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The positive model over HTTP: unknown endpoints look absent, unused methods are refused. */
class AllowRulesFilterTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                allowed-methods: [GET, HEAD, POST]
                allow-rules:
                  - path: {prefix: /echo/api/}
                    methods: [GET, POST]
                    content-types: [application/json]
                  - path: /echo/search
                    parameters: [q]
                """).toBuilder().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    @Test
    void answersUnknownEndpointWith404() {
        HttpResponse<String> response = get("/echo/admin");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).get("title").asText()).isEqualTo("Not found");
        assertThat(response.body()).doesNotContain("admin", "allow");
    }

    @Test
    void unknownEndpointNeverReachesTheApplication() {
        int before = servlet.calls.get();

        get("/echo/admin");

        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void passesRequestThatMatchesAnAllowRule() {
        assertThat(post("/echo/api/orders", "application/json", "{}".getBytes()).statusCode()).isEqualTo(200);
        assertThat(get("/echo/search?q=oak").statusCode()).isEqualTo(200);
    }

    @Test
    void answersParameterTheRuleDoesNotListWith404() {
        assertThat(get("/echo/search?q=oak&debug=true").statusCode()).isEqualTo(404);
    }

    @Test
    void answersContentTypeTheRuleDoesNotListWith404() {
        assertThat(post("/echo/api/orders", "application/xml", "<a/>".getBytes()).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesMethodTheServiceDoesNotUseWith405() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/api/orders"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        assertThat(json(response.body()).get("title").asText()).isEqualTo("Method not allowed");
    }

    @Test
    void refusesTrace() {
        RawHttp.Response response = raw("TRACE /echo/api/orders HTTP/1.1\r\nHost: localhost\r\nCookie: session=secret\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.body()).doesNotContain("session");
    }
}
