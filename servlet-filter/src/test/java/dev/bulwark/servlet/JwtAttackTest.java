package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.SecurityLog;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Forged, broken and misused tokens over real HTTP, against an issuer whose keys come from a real
 * JWKS endpoint. Every case fails closed: 401 with {@code WWW-Authenticate: Bearer
 * error="invalid_token"} and a problem document, the application is not reached, and the security
 * log names the reason without the token. A second endpoint holds the attacker's keys; nothing
 * ever fetches from it.
 */
class JwtAttackTest extends FilterContainerTest {

    private static final String ISSUER = "https://idp.example";
    private static final String CHALLENGE = "Bearer error=\"invalid_token\"";

    private final RSAKey rsa = Tokens.rsa("idp-rsa");
    private final ECKey ec = Tokens.ec("idp-ec");
    private final RSAKey attacker = Tokens.rsa("attacker-rsa");
    private final JwksServer idp = JwksServer.serving(Tokens.publicJwks(rsa, ec));
    private final JwksServer evil = JwksServer.serving(Tokens.publicJwks(attacker));
    private final IdentityServlet app = new IdentityServlet();

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                    - issuer: %s
                      jwks-uri: %s
                      audiences: [%s]
                      jwks: {connect-timeout: 500ms, read-timeout: 500ms}
                  propagate: {sub: X-User-Id}
                routes:
                  - when: {path: {prefix: %s/public}}
                    jwt: {required: false}
                """.formatted(ISSUER, idp.uri(), Tokens.AUDIENCE, IdentityServlet.PATH));
    }

    @Override
    void customize(ServletContextHandler context) {
        context.addServlet(new ServletHolder(app), IdentityServlet.PATH + "/*");
    }

    @AfterAll
    void stopEndpoints() {
        idp.close();
        evil.close();
    }

    private HttpResponse<String> call(String token) {
        return send(HttpRequest.newBuilder(uri(IdentityServlet.PATH)).header("Authorization", "Bearer " + token));
    }

    private static JWTClaimsSet.Builder claims() {
        return Tokens.valid(ISSUER);
    }

    /** Sends {@code token} and checks that it was refused, for {@code ruleId}, without reaching the application. */
    private void assertRefused(String token, String ruleId) {
        int calls = app.calls.get();

        HttpResponse<String> response = call(token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain(ruleId);
        assertThat(app.calls.get()).isEqualTo(calls);
        if (SecurityLog.available()) {
            String incidentId = json(response.body()).get("incidentId").asText();
            String line = SecurityLog.line(incidentId);
            assertThat(SecurityLog.event(incidentId).get("rule.id").asText()).isEqualTo(ruleId);
            assertThat(line).doesNotContain(signaturePart(token));
        }
    }

    private static String signaturePart(String token) {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        return signature.isEmpty() ? token.substring(0, Math.min(token.length(), 40)) : signature;
    }

    private static JWSHeader.Builder rs256Header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256);
    }

    // ---- tokens that pass

    @Test
    void admitsValidRs256TokenOverHttp() {
        HttpResponse<String> response = call(Tokens.rs256(rsa, claims().build()));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void admitsValidEs256TokenOverHttp() {
        HttpResponse<String> response = call(Tokens.es256(ec, claims().build()));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void exposesSubjectAsUserPrincipal() {
        JsonNode seen = json(call(Tokens.rs256(rsa, claims().build())).body());

        assertThat(seen.get("principal").asText()).isEqualTo("user-42");
        assertThat(seen.get("remoteUser").asText()).isEqualTo("user-42");
        assertThat(seen.get("authType").asText()).isEqualTo("Bearer");
    }

    @Test
    void publishesVerifiedClaimsAsRequestAttribute() {
        JsonNode seen = json(call(Tokens.rs256(rsa, claims().claim("tenant", "acme").build())).body());

        assertThat(seen.get("claims").get("sub").asText()).isEqualTo("user-42");
        assertThat(seen.get("claims").get("tenant").asText()).isEqualTo("acme");
        assertThat(seen.get("subject").asText()).isEqualTo("user-42");
        assertThat(seen.get("issuer").asText()).isEqualTo(ISSUER);
    }

    @Test
    void replacesClientSentUserIdHeaderWithVerifiedSubject() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri(IdentityServlet.PATH))
                .header("Authorization", "Bearer " + Tokens.rs256(rsa, claims().build()))
                .header("X-User-Id", "admin")).body());

        assertThat(seen.get("xUserId")).extracting(JsonNode::asText).containsExactly("user-42");
    }

    @Test
    void handsTheApplicationOneWrapperForBodySubjectAndHeaderChanges() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri(IdentityServlet.PATH))
                .header("Authorization", "Bearer " + Tokens.rs256(rsa, claims().build()))
                .header("Content-Type", "application/json")
                .header("X-User-Id", "admin")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Biscuit\"}"))).body());

        assertThat(seen.get("body").asText()).isEqualTo("{\"name\":\"Biscuit\"}");
        assertThat(seen.get("principal").asText()).isEqualTo("user-42");
        assertThat(seen.get("xUserId")).extracting(JsonNode::asText).containsExactly("user-42");
        assertThat(seen.get("wrappers").asInt()).isEqualTo(1);
    }

    @Test
    void dropsClientSentUserIdHeaderWithoutToken() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri(IdentityServlet.PATH + "/public"))
                .header("X-User-Id", "admin")).body());

        assertThat(seen.get("xUserId")).isEmpty();
        assertThat(seen.get("principal").isNull()).isTrue();
    }

    @Test
    void refusesMissingTokenWithBareChallenge() {
        HttpResponse<String> response = get(IdentityServlet.PATH);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    // ---- the attack suite

    @Test
    void refusesAlgNoneOverHttp() {
        assertRefused(Tokens.unsigned("{\"alg\":\"none\"}", claims().build()), "JWT-UNSIGNED");
    }

    @Test
    void refusesAlgNoneInOtherCaseOverHttp() {
        assertRefused(Tokens.unsigned("{\"alg\":\"None\",\"kid\":\"idp-rsa\"}", claims().build()), "JWT-MALFORMED");
    }

    @Test
    void refusesHs256SignedWithRsaPublicKeyOverHttp() {
        byte[] pem = Tokens.publicPem(rsa).getBytes(StandardCharsets.US_ASCII);

        assertRefused(Tokens.hs256(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("idp-rsa").build(), pem,
                claims().build()), "JWT-ALGORITHM");
    }

    @Test
    void refusesTamperedPayloadOverHttp() {
        String[] parts = Tokens.rs256(rsa, claims().build()).split("\\.");
        String forged = claims().subject("admin").build().toPayload().toBase64URL().toString();

        assertRefused(parts[0] + "." + forged + "." + parts[2], "JWT-BAD-SIGNATURE");
    }

    @Test
    void refusesStrippedSignatureOverHttp() {
        String token = Tokens.rs256(rsa, claims().build());

        assertRefused(token.substring(0, token.lastIndexOf('.') + 1), "JWT-MALFORMED");
    }

    @Test
    void refusesExpiredTokenOverHttp() {
        Instant past = Instant.now().minusSeconds(3600);

        assertRefused(Tokens.rs256(rsa, claims().issueTime(Date.from(past.minusSeconds(300)))
                .expirationTime(Date.from(past)).build()), "JWT-EXPIRED");
    }

    @Test
    void refusesTokenNotYetValidOverHttp() {
        Instant later = Instant.now().plusSeconds(3600);

        assertRefused(Tokens.rs256(rsa, claims().notBeforeTime(Date.from(later))
                .expirationTime(Date.from(later.plusSeconds(300))).build()), "JWT-NOT-YET-VALID");
    }

    @Test
    void refusesWrongIssuerOverHttp() {
        assertRefused(Tokens.rs256(rsa, claims().issuer("https://evil.example").build()), "JWT-UNKNOWN-ISSUER");
    }

    @Test
    void refusesWrongAudienceOverHttp() {
        assertRefused(Tokens.rs256(rsa, claims().audience("billing-api").build()), "JWT-WRONG-AUDIENCE");
    }

    @Test
    void refusesMissingExpOverHttp() {
        assertRefused(Tokens.rs256(rsa, claims().expirationTime(null).build()), "JWT-MISSING-EXP");
    }

    @Test
    void refusesUnknownKeyOverHttp() {
        assertRefused(Tokens.rs256(attacker, claims().build()), "JWT-UNKNOWN-KEY");
    }

    @Test
    void refusesAttackerKeyUnderKnownKidOverHttp() {
        assertRefused(Tokens.rs256(rs256Header().keyID("idp-rsa").build(), attacker, claims().build()), "JWT-BAD-SIGNATURE");
    }

    @Test
    void refusesKidPathTraversalOverHttp() {
        assertRefused(Tokens.rs256(rs256Header().keyID("../../../../../../dev/null").build(), rsa, claims().build()),
                "JWT-UNKNOWN-KEY");
    }

    @Test
    void refusesKidSqlInjectionOverHttp() {
        assertRefused(Tokens.rs256(rs256Header().keyID("x' UNION SELECT 'secret' --").build(), rsa, claims().build()),
                "JWT-UNKNOWN-KEY");
    }

    @Test
    void refusesJkuPointingAtAttackerKeysOverHttp() {
        JWSHeader header = rs256Header().keyID("attacker-rsa").jwkURL(evil.uri()).build();

        assertRefused(Tokens.rs256(header, attacker, claims().build()), "JWT-UNKNOWN-KEY");
        assertThat(evil.hits()).isZero();
    }

    @Test
    void refusesX5uPointingAtAttackerCertificateOverHttp() {
        JWSHeader header = rs256Header().keyID("attacker-rsa").x509CertURL(evil.uri("/cert.pem")).build();

        assertRefused(Tokens.rs256(header, attacker, claims().build()), "JWT-UNKNOWN-KEY");
        assertThat(evil.hits()).isZero();
    }

    @Test
    void refusesEmbeddedJwkOverHttp() {
        JWSHeader header = rs256Header().jwk(attacker.toPublicJWK()).build();

        assertRefused(Tokens.rs256(header, attacker, claims().build()), "JWT-BAD-SIGNATURE");
    }

    @Test
    void refusesUnknownCritOverHttp() {
        JWSHeader header = rs256Header().keyID("idp-rsa").criticalParams(Set.of("exp-policy"))
                .customParam("exp-policy", "never").build();

        assertRefused(Tokens.rs256(header, rsa, claims().build()), "JWT-CRITICAL-HEADER");
    }

    @Test
    void refusesMalformedBase64OverHttp() {
        String token = Tokens.rs256(rsa, claims().build());

        assertRefused("eyJ!!!" + token.substring(token.indexOf('.')), "JWT-MALFORMED");
    }

    @Test
    void refuses60KilobyteTokenOverHttp() {
        int calls = app.calls.get();
        String token = Tokens.rs256(rsa, claims().claim("padding", "p".repeat(45_000)).build());
        assertThat(token.length()).isGreaterThan(60_000);

        HttpResponse<String> response = call(token);

        // The header-size limit (431) answers before the token check would (401): both refuse.
        assertThat(response.statusCode()).isIn(401, 431);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(app.calls.get()).isEqualTo(calls);
    }

    @Test
    void refusesTokenOverMaxTokenSizeOverHttp() {
        String token = Tokens.rs256(rsa, claims().claim("padding", "p".repeat(10_000)).build());

        assertRefused(token, "JWT-TOO-LARGE");
    }

    @Test
    void neverContactsTheAttackerEndpoint() {
        call(Tokens.rs256(rs256Header().keyID("x").jwkURL(evil.uri()).x509CertURL(URI.create(evil.uri() + "?x5u")).build(),
                attacker, claims().build()));

        assertThat(evil.hits()).isZero();
    }
}
