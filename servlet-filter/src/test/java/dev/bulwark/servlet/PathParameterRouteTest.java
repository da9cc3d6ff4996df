package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the echo sample's {@code jwt.yaml}: {@code /admin/} needs a scope the token lacks.
 * Path parameters, dot-segments and other spellings of {@code /admin} must not reach the servlet
 * without it.
 */
class PathParameterRouteTest extends FilterContainerTest {

    @Override
    boolean acceptsAmbiguousUris() {
        return true;
    }


    private final IdentityProvider idp = new IdentityProvider();
    private final String token = idp.token();

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                jwt:
                  issuers: [%s]
                routes:
                  - when: {path: {prefix: /public/}}
                    jwt: {required: false}
                  - when: {path: {prefix: /admin/}}
                    jwt: {scopes: ["echo:admin"]}
                """.formatted(idp.issuer()));
    }

    @AfterAll
    void stopIdp() {
        idp.close();
    }

    private RawHttp.Response getWithToken(String target) {
        return raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void admitsTheTokenOutsideTheAdminRoute() {
        assertThat(getWithToken("/echo/x").status()).isEqualTo(200);
    }

    @Test
    void requiresTheAdminScopeWhenASegmentCarriesPathParameters() {
        int before = servlet.calls.get();

        RawHttp.Response response = getWithToken("/admin;x/y");

        assertThat(response.status()).isEqualTo(403);
        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.category").asText()).isEqualTo("JWT");
    }

    @Test
    void requiresTheAdminScopeAfterDotSegmentsAreResolved() {
        assertThat(getWithToken("/public/../admin/y").status()).isEqualTo(403);
        assertThat(getWithToken("/public;x/../admin/y").status()).isEqualTo(403);
    }

    @Test
    void refusesAnotherCaseOfTheAdminPathWith400() {
        RawHttp.Response response = getWithToken("/ADMIN/y");

        assertThat(response.status()).isEqualTo(400);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("MALFORMED-PATH-ROUTE-SPELLING");
    }

    @Test
    void refusesADotDotSegmentWithPathParametersAsATraversal() {
        int before = servlet.calls.get();

        RawHttp.Response response = getWithToken("/public/..;x/admin/y");

        // The path as sent holds a ../ segment, which the deny rules report before the path is called suspicious (400).
        assertThat(response.status()).isEqualTo(403);
        assertThat(servlet.calls.get()).isEqualTo(before);
    }
}
