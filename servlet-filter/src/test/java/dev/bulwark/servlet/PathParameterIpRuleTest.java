package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * The shape of the echo sample's {@code policy.yaml}: {@code /account/admin/} only for 10.0.0.0/8,
 * which the test client (127.0.0.1) is not in.
 */
class PathParameterIpRuleTest extends FilterContainerTest {

    @Override
    boolean acceptsAmbiguousUris() {
        return true;
    }


    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                ip-rules: {deny: [203.0.113.0/24]}
                routes:
                  - when: {path: {prefix: /account/admin/}}
                    ip-rules: {allow: [10.0.0.0/8]}
                """);
    }

    @Test
    void allowsTheClientOutsideTheRoute() {
        assertThat(rawGet("/account/profile;v=1").status()).isEqualTo(200);
    }

    @Test
    void appliesTheRouteAllowListWhenASegmentCarriesPathParameters() {
        int before = servlet.calls.get();

        RawHttp.Response response = rawGet("/account/admin;x/y");

        assertThat(response.status()).isEqualTo(403);
        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("IP-NOT-ALLOWED");
    }

    @Test
    void appliesTheRouteAllowListToEncodedAndDottedSpellings() {
        assertThat(rawGet("/account;a/admin;b/y").status()).isEqualTo(403);
        assertThat(rawGet("/account/%61dmin/y").status()).isEqualTo(403);
        assertThat(rawGet("/account/x/../admin/y").status()).isEqualTo(403);
    }
}
