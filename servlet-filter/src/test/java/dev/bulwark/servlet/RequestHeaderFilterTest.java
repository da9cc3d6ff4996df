package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.testsupport.RawHttp;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Request header filtering: the application sees standard and listed headers only. */
class RequestHeaderFilterTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                headers:
                  request:
                    allow: [standard, X-Request-Id, X-Claim]
                    remove: [X-Claim, Pragma]
                """).toBuilder().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    @Test
    void hidesHeadersOutsideTheAllowList() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/h")).header("X-Debug", "1").header("X-User", "bob")).body());

        assertThat(seen.get("headers").has("X-Debug")).isFalse();
        assertThat(seen.get("xUser").isNull()).isTrue();
    }

    @Test
    void keepsStandardAndListedHeaders() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/h")).header("Accept", "application/json")
                .header("X-Request-Id", "42").header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .body());

        assertThat(seen.get("headers").has("Accept")).isTrue();
        assertThat(seen.get("headers").has("X-Request-Id")).isTrue();
        assertThat(seen.get("headers").has("traceparent")).isTrue();
        assertThat(seen.get("headers").has("Host")).isTrue();
    }

    @Test
    void hidesHeadersOnTheRemoveListEvenWhenAllowed() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/h")).header("Pragma", "no-cache")).body());

        assertThat(seen.get("headers").has("Pragma")).isFalse();
    }

    @Test
    void hidesEveryFieldLineOfAHiddenHeaderWhateverItsCase() {
        RawHttp.Response response = raw("GET /echo/h HTTP/1.1\r\nHost: localhost\r\nX-Debug: a\r\nx-debug: b\r\n"
                + "X-DEBUG: c\r\nX_Request_Id: forged\r\nConnection: close\r\n\r\n");

        JsonNode headers = json(response.body()).get("headers");
        assertThat(headers.fieldNames()).toIterable().noneMatch(name -> name.equalsIgnoreCase("x-debug"))
                .noneMatch(name -> name.equalsIgnoreCase("x_request_id"));
    }

    @Test
    void inspectsHiddenHeadersBeforeHidingThem() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/h")).header("X-Claim", "alice")).body());

        assertThat(seen.get("headers").has("X-Claim")).isFalse();
        assertThat(seen.get("claim").asText()).isEqualTo("alice");
    }
}
