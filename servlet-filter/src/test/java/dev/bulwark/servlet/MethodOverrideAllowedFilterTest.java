package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Method overrides over real HTTP with {@code method-override: allow}: the request is judged as the
 * method the application will act on, so the scope written for {@code DELETE} applies to a
 * {@code POST} that asks to be one; a request whose override needs nothing it lacks reaches the
 * application unchanged.
 */
class MethodOverrideAllowedFilterTest extends FilterContainerTest {

    private final IdentityProvider idp = new IdentityProvider();

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml(MethodOverrideFilterTest.yaml(idp, "method-override: allow"));
    }

    @AfterAll
    void stopIdp() {
        idp.close();
    }

    private HttpResponse<String> postFormWithToken(String target, String body) {
        return send(HttpRequest.newBuilder(uri(target))
                .header("Authorization", "Bearer " + idp.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    @Test
    void judgesTheScopeOfTheRouteByTheOverriddenMethod() {
        int calls = servlet.calls.get();

        HttpResponse<String> response = postFormWithToken("/echo/orders/7", "_method=delete");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(servlet.calls.get()).isEqualTo(calls);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("JWT-SCOPE");
    }

    @Test
    void refusesOverridesThatDisagree() {
        assertThat(postFormWithToken("/echo/orders/7?_method=PUT", "_method=DELETE").statusCode()).isEqualTo(400);
    }

    @Test
    void passesAnOverrideThePolicyAllowsUnchanged() {
        HttpResponse<String> response = postFormWithToken("/echo/orders/7", "_method=PUT&note=x");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("method").asText()).isEqualTo("POST");
        assertThat(seen.get("bodyLength").asInt()).isEqualTo("_method=PUT&note=x".length());
    }
}
