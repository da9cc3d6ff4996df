package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Method overrides over real HTTP, with the default {@code method-override: refuse}: a {@code POST}
 * that asks to be a {@code DELETE} must not reach a route whose scope requirement is written for
 * {@code DELETE} only. Every override is refused with a problem document before the application,
 * and the security log names it.
 */
class MethodOverrideFilterTest extends FilterContainerTest {

    private final IdentityProvider idp = new IdentityProvider();

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml(yaml(idp, ""));
    }

    /** Tokens for everyone on every route; deleting an order needs the {@code orders:admin} scope. */
    static String yaml(IdentityProvider idp, String extra) {
        return """
                jwt:
                  issuers: [%s]
                routes:
                  - when: {path: {prefix: /echo/orders}, methods: [DELETE]}
                    jwt: {scopes: ["orders:admin"]}
                %s
                """.formatted(idp.issuer(), extra);
    }

    @AfterAll
    void stopIdp() {
        idp.close();
    }

    private HttpRequest.Builder withToken(String target) {
        return HttpRequest.newBuilder(uri(target))
                .header("Authorization", "Bearer " + idp.token());
    }

    private static HttpRequest.BodyPublisher form(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    /** Checks the refusal the client sees and the security log line; returns the event. */
    private JsonNode assertRefused(HttpResponse<String> response, int callsBefore) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("METHOD").doesNotContainIgnoringCase("override");
        assertThat(servlet.calls.get()).isEqualTo(callsBefore);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("METHOD-OVERRIDE");
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
        assertThat(event.get("http.request.method").asText()).isEqualTo("POST");
        return event;
    }

    @Test
    void refusesOverrideHeaderToARouteThatNeedsAScopeForDelete() {
        int calls = servlet.calls.get();

        HttpResponse<String> response = send(withToken("/echo/orders/7").header("X-HTTP-Method-Override", "DELETE")
                .POST(HttpRequest.BodyPublishers.noBody()));

        JsonNode event = assertRefused(response, calls);
        assertThat(event.get("bulwark.location").asText()).contains("x-http-method-override");
    }

    @Test
    void refusesMethodFieldOfAFormToARouteThatNeedsAScopeForDelete() {
        int calls = servlet.calls.get();

        HttpResponse<String> response = send(withToken("/echo/orders/7")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form("_method=DELETE")));

        JsonNode event = assertRefused(response, calls);
        assertThat(event.get("bulwark.location").asText()).contains("_method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo/orders/7?_method=DELETE", "/echo/orders/7?_METHOD=delete"})
    void refusesMethodParameterInTheQuery(String target) {
        int calls = servlet.calls.get();

        assertRefused(send(withToken(target).POST(HttpRequest.BodyPublishers.noBody())), calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method", "X-Method-Override", "X_HTTP_Method_Override"})
    void refusesEveryOverrideHeader(String header) {
        int calls = servlet.calls.get();

        assertRefused(send(withToken("/echo/orders/7").header(header, "DELETE").POST(HttpRequest.BodyPublishers.noBody())),
                calls);
    }

    @Test
    void passesAFormWithoutAnOverrideUnchanged() {
        HttpResponse<String> response = send(withToken("/echo/orders/7")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form("method=DELETE&note=x")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("method").asText()).isEqualTo("POST");
        assertThat(seen.get("bodyLength").asInt()).isEqualTo("method=DELETE&note=x".length());
    }
}
