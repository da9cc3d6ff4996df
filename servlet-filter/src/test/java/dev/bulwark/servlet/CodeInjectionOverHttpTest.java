package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * PHP code injection and ORM lookup injection that used to pass the default level, through the real filter over real HTTP: the
 * request is refused with problem+json naming no rule, and the security log names it. Benign values
 * that look alike reach the application unchanged.
 */
class CodeInjectionOverHttpTest extends FilterContainerTest {

    private HttpResponse<String> postForm(String body) {
        return postForm("/params-first/render", body);
    }

    @Test
    void blocksHighRiskFunctionNameGivenAsCallbackInFormField() {
        HttpResponse<String> response = postForm(form("callback", "shell_exec"));

        assertThat(assertBlockedAndLogged(response, "PHP-CALLABLE-NAME").get("rule.id").asText())
                .isEqualTo("PHP-CALLABLE-NAME");
    }

    @Test
    void blocksMixedCaseFunctionNameFollowedByCodeInQuery() {
        HttpResponse<String> response = get("/render?test=" + encoded("ZlIb_DeCoDe=(bla)"));

        assertThat(assertBlockedAndLogged(response, "PHP-CALLABLE-NAME").get("rule.id").asText())
                .isEqualTo("PHP-CALLABLE-NAME");
    }

    @Test
    void blocksPhpCallAfterQuoteClosingTheInjectedStringInFormField() {
        HttpResponse<String> response = postForm(form("name", "';system('id');$a='"));

        assertThat(assertBlockedAndLogged(response, "PHP-FUNCTION-CALL").get("rule.id").asText())
                .isEqualTo("PHP-FUNCTION-CALL");
    }

    @Test
    void blocksSerializedPhpObjectWithSignedLengthInQuery() {
        HttpResponse<String> response = get("/render?prefs=" + encoded("O:+8:\"stdClass\":0:{}"));

        assertThat(assertBlockedAndLogged(response, "PHP-SERIALIZED-OBJECT").get("rule.id").asText())
                .isEqualTo("PHP-SERIALIZED-OBJECT");
    }

    @Test
    void passesSearchForFunctionNameUnchanged() {
        String query = "base64_decode example";
        HttpResponse<String> response = postForm(form("q", query) + "&" + form("mode", "passthru"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("q").get(0).asText()).isEqualTo(query);
        assertThat(parameters.get("mode").get(0).asText()).isEqualTo("passthru");
    }

    @Test
    void blocksOrmKeyLookupProbingForAdminFlagInQuery() {
        HttpResponse<String> response = get("/users?data__has_key=is_admin");

        assertThat(assertBlockedAndLogged(response, "CODE-ORM-LOOKUP").get("rule.id").asText())
                .isEqualTo("CODE-ORM-LOOKUP");
    }

    @Test
    void passesOrdinaryOrmFilterUnchanged() {
        HttpResponse<String> response = postForm(form("price__gte", "10") + "&" + form("data__has_key", "color"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("price__gte").get(0).asText()).isEqualTo("10");
        assertThat(parameters.get("data__has_key").get(0).asText()).isEqualTo("color");
    }
}
