package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.SecurityLog;
import java.net.http.HttpRequest;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client-address and identity headers over real HTTP, from a client at 127.0.0.1 that is not one
 * of the trusted proxies (10.0.0.0/8): the application never sees them, in any spelling, and the
 * security log reports them as it reports forged forwarding headers. A claim propagated as
 * {@code X-User-Id} cannot be spoofed by an underscore spelling either.
 */
class IdentityHeadersFilterTest extends FilterContainerTest {

    private final IdentityProvider idp = new IdentityProvider();

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
                jwt:
                  issuers: [%s]
                  required: false
                  propagate: {sub: X-User-Id}
                """.formatted(idp.issuer()));
    }

    @AfterAll
    void stopIdp() {
        idp.close();
    }

    /** Header names the application received, folded as a lenient server would read them. */
    private static java.util.List<String> foldedNames(JsonNode seen) {
        java.util.List<String> names = new java.util.ArrayList<>();
        seen.get("headers").fieldNames().forEachRemaining(name -> names.add(name.toLowerCase(Locale.ROOT).replace('_', '-')));
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Originating-IP", "X-Remote-Addr", "X-Remote-IP", "Forwarded-For", "X-Forwarded",
            "X-Envoy-External-Address", "X-Azure-ClientIP", "Cdn-Src-Ip", "X-Remote-User", "X-Auth-Request-User",
            "X-WEBAUTH-USER", "X_Originating_IP", "x_remote_user", "X_WEBAUTH_USER"})
    void neverPassesIdentityHeadersFromAnUntrustedClient(String header) {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers")).header(header, "10.0.0.5")).body());

        assertThat(foldedNames(seen)).doesNotContain(header.toLowerCase(Locale.ROOT).replace('_', '-'));
        Assumptions.assumeTrue(SecurityLog.available());
        JsonNode event = SecurityLog.event(seen.get("incidentId").asText());
        assertThat(event.get("rule.id").asText()).isEqualTo("HEADER-UNTRUSTED-FORWARDING");
        assertThat(event.get("source.ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void neverPassesAnUnderscoreSpellingOfAPropagatedClaimHeader() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers"))
                .header("Authorization", "Bearer " + idp.token())
                .header("X_User_Id", "admin").header("x-user_id", "admin")).body());

        assertThat(foldedNames(seen)).containsOnlyOnce("x-user-id");
        assertThat(seen.get("headers").get("X-User-Id").get(0).asText()).isEqualTo("user-42");
    }

    @Test
    void neverPassesAnUnderscoreSpellingOfAPropagatedClaimHeaderWithoutAToken() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers"))
                .header("X_User_Id", "admin").header("X-User-Id", "admin")).body());

        assertThat(foldedNames(seen)).doesNotContain("x-user-id");
    }
}
