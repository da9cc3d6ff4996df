package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.RawHttp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shape of the echo sample's {@code openapi.yaml}: the petstore contract under {@code /api}. A
 * path parameter on the base path must not take a request out of the contract.
 */
class PathParameterOpenApiTest extends FilterContainerTest {

    @Override
    boolean acceptsAmbiguousUris() {
        return true;
    }


    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
                """);
    }

    private RawHttp.Response exchange(String method, String target, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (body.length > 0 ? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n" : "")
                + "\r\n";
        return raw(head + json);
    }

    private static void assertLogged(RawHttp.Response response, String ruleId) {
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo(ruleId);
    }

    @Test
    void allowsWhatTheContractAllowsWithAPathParameter() {
        assertThat(exchange("GET", "/api;x/pets?limit=10", "").status()).isEqualTo(200);
    }

    @Test
    void validatesQueryParametersWhenTheBasePathCarriesPathParameters() {
        int before = servlet.calls.get();

        RawHttp.Response response = exchange("GET", "/api;x/pets?limit=1000", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(servlet.calls.get()).isEqualTo(before);
        assertLogged(response, "validation.request.parameter.schema.maximum");
    }

    @Test
    void refusesAMethodOutsideTheContractWhenTheBasePathCarriesPathParameters() {
        RawHttp.Response response = exchange("PATCH", "/api;x/pets/1", "");

        assertThat(response.status()).isEqualTo(405);
        assertLogged(response, "validation.request.operation.notAllowed");
    }

    @Test
    void validatesTheBodyWhenTheBasePathCarriesPathParameters() {
        RawHttp.Response response = exchange("POST", "/api;x/pets", "{\"name\":7}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response.body()).get("violations")).isNotEmpty();
    }

    @Test
    void refusesAnotherCaseOfTheBasePathAsUnknown() {
        RawHttp.Response response = exchange("GET", "/API/pets?limit=1000", "");

        assertThat(response.status()).isEqualTo(404);
        assertLogged(response, "validation.request.path.missing");
    }
}
