package dev.bulwark.core.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtCheckTest {

    @TempDir
    Path dir;

    private Bulwark bulwark;

    @BeforeEach
    void setUp() {
        bulwark = bulwark("");
    }

    private Bulwark bulwark(String extra) {
        Path jwks = TestTokens.jwksFile(dir, TestTokens.RSA, TestTokens.EC);
        return Bulwark.create(BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                    - issuer: %s
                      jwks-file: %s
                      audiences: [%s]
                  propagate: {sub: X-User-Id}
                %s
                routes:
                  - when: {path: {prefix: /public/}}
                    jwt: {required: false}
                  - when: {path: {prefix: /orders}, methods: [DELETE]}
                    jwt: {scopes: ["orders:admin"]}
                  - when: {path: {prefix: /reports}}
                    jwt: {claims: [{claim: role, one-of: [auditor]}]}
                """.formatted(TestTokens.ISSUER, jwks, TestTokens.AUDIENCE, extra)));
    }

    private Decision call(String method, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.builder(method, path).remoteAddress("127.0.0.1");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return bulwark.evaluate(builder.build());
    }

    private Decision call(String method, String path, String token, String header, String value) {
        return bulwark.evaluate(HttpRequest.builder(method, path).remoteAddress("127.0.0.1")
                .header("Authorization", "Bearer " + token).header(header, value).build());
    }

    private static String ruleId(Decision decision) {
        return decision.findings().stream().map(Finding::ruleId).findFirst().orElse("none");
    }

    @Test
    void acceptsValidRs256Token() {
        Decision decision = call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build()));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.attributes()).containsEntry(JwtCheck.SUBJECT_ATTRIBUTE, "user-42");
        assertThat(decision.attributes().get(JwtCheck.CLAIMS_ATTRIBUTE)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("sub", "user-42");
    }

    @Test
    void acceptsValidEs256Token() {
        assertThat(call("GET", "/orders", TestTokens.es256(TestTokens.EC, TestTokens.validClaims().build())).allowed()).isTrue();
    }

    @Test
    void propagatesSubjectAndHidesClientSentHeader() {
        Decision decision = call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build()));
        assertThat(decision.headerChanges().setRequestHeaders()).containsEntry("X-User-Id", "user-42");
        assertThat(decision.headerChanges().hidesRequestHeader("x-user-id")).isTrue();
    }

    @Test
    void hidesClientSentPropagationHeaderEvenWithoutToken() {
        Decision decision = bulwark.evaluate(HttpRequest.builder("GET", "/public/x").header("X-User-Id", "admin").build());
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.headerChanges().hidesRequestHeader("X-User-Id")).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void blocksAMissingScopeOfACachedTokenEvenIfTheApplicationChangedItsClaims() {
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        Decision first = call("GET", "/orders", token);
        Object claims = first.attributes().get(JwtCheck.CLAIMS_ATTRIBUTE);
        try {
            ((Map<String, Object>) claims).put("scope", "orders:admin");
        } catch (UnsupportedOperationException e) {
            // An unmodifiable map cannot be changed at all.
        }

        Decision decision = call("DELETE", "/orders", token);

        assertThat(decision.status()).isEqualTo(403);
        assertThat(ruleId(decision)).isEqualTo("JWT-SCOPE");
    }

    @Test
    @SuppressWarnings("unchecked")
    void handsTheApplicationClaimsItCannotChangeAtAnyDepth() {
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims()
                .claim("realm", Map.of("roles", java.util.List.of("reader"))).build());

        Map<String, Object> claims = call("GET", "/orders", token).claims();

        assertThatThrownBy(() -> claims.put("scope", "orders:admin")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> realm = (Map<String, Object>) claims.get("realm");
        assertThatThrownBy(() -> realm.put("admin", true)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((java.util.List<Object>) realm.get("roles")).add("admin"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changesNoRequestHeaderWhenTheClientSentNoPropagatedHeaderAndNoToken() {
        Decision decision = bulwark.evaluate(HttpRequest.builder("GET", "/public/x").header("Accept", "text/html").build());

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.headerChanges().removedRequestHeaders()).isEmpty();
        assertThat(decision.headerChanges().setRequestHeaders()).isEmpty();
    }

    @Test
    void hidesEverySpellingOfAPropagatedHeaderTheClientSent() {
        Decision decision = bulwark.evaluate(HttpRequest.builder("GET", "/orders")
                .header("Authorization", "Bearer " + TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build()))
                .header("X_User_Id", "admin").header("x-user_id", "admin").header("X-USER-ID", "admin").build());

        assertThat(decision.headerChanges().setRequestHeaders()).containsEntry("X-User-Id", "user-42");
        assertThat(decision.headerChanges().removedRequestHeaders()).contains("x_user_id", "x-user_id", "x-user-id");
    }

    @Test
    void refusesAnOverrideThatWouldReachARouteNeedingAScope() {
        Decision decision = call("POST", "/orders/7", TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build()),
                "X-HTTP-Method-Override", "DELETE");

        assertThat(decision.status()).isEqualTo(400);
        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE");
    }

    @Test
    void judgesTheRouteScopeByTheOverrideWhenOverridesAreAllowed() {
        bulwark = bulwark("method-override: allow");

        Decision decision = call("POST", "/orders/7", TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build()),
                "X-HTTP-Method-Override", "DELETE");

        assertThat(decision.status()).isEqualTo(403);
        assertThat(ruleId(decision)).isEqualTo("JWT-SCOPE");
    }

    @Test
    void rejectsMissingTokenWith401AndBearerChallenge() {
        Decision decision = call("GET", "/orders", null);
        assertThat(decision.status()).isEqualTo(401);
        assertThat(decision.blockType()).isEqualTo(BlockType.TOKEN);
        assertThat(ruleId(decision)).isEqualTo("JWT-MISSING");
        assertThat(decision.headerChanges().responseHeaders()).containsEntry("WWW-Authenticate", "Bearer");
    }

    @Test
    void allowsMissingTokenOnPublicRoute() {
        assertThat(call("GET", "/public/info", null).allowed()).isTrue();
    }

    @Test
    void rejectsAlgNone() {
        String header = Base64URL.encode("{\"alg\":\"none\"}").toString();
        String payload = TestTokens.validClaims().build().toPayload().toBase64URL().toString();
        Decision decision = call("GET", "/orders", header + "." + payload + ".");
        assertThat(decision.status()).isEqualTo(401);
        assertThat(ruleId(decision)).isEqualTo("JWT-UNSIGNED");
        assertThat(decision.headerChanges().responseHeaders()).containsEntry("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Test
    void rejectsAlgNoneWithOtherCase() {
        String header = Base64URL.encode("{\"alg\":\"None\"}").toString();
        String payload = TestTokens.validClaims().build().toPayload().toBase64URL().toString();
        assertThat(call("GET", "/orders", header + "." + payload + ".").status()).isEqualTo(401);
    }

    @Test
    void rejectsHs256SignedWithRsaPublicKey() {
        byte[] publicKey = TestTokens.RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        Decision decision = call("GET", "/orders", TestTokens.hs256(publicKey, TestTokens.validClaims().build()));
        assertThat(decision.status()).isEqualTo(401);
        assertThat(ruleId(decision)).isEqualTo("JWT-ALGORITHM");
    }

    @Test
    void rejectsTamperedPayload() {
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        String[] parts = token.split("\\.");
        String forged = TestTokens.validClaims().subject("admin").build().toPayload().toBase64URL().toString();
        assertThat(ruleId(call("GET", "/orders", parts[0] + "." + forged + "." + parts[2]))).isEqualTo("JWT-BAD-SIGNATURE");
    }

    @Test
    void rejectsStrippedSignature() {
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        String stripped = token.substring(0, token.lastIndexOf('.') + 1);
        assertThat(call("GET", "/orders", stripped).status()).isEqualTo(401);
    }

    @Test
    void rejectsExpiredToken() {
        Instant past = Instant.now().minusSeconds(3600);
        JWTClaimsSet claims = TestTokens.validClaims().issueTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past)).build();
        assertThat(ruleId(call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, claims)))).isEqualTo("JWT-EXPIRED");
    }

    @Test
    void acceptsTokenExpiredWithinClockSkew() {
        JWTClaimsSet claims = TestTokens.validClaims().expirationTime(Date.from(Instant.now().minusSeconds(30))).build();
        assertThat(call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, claims)).allowed()).isTrue();
    }

    @Test
    void rejectsTokenNotYetValid() {
        JWTClaimsSet claims = TestTokens.validClaims().notBeforeTime(Date.from(Instant.now().plusSeconds(600)))
                .expirationTime(Date.from(Instant.now().plusSeconds(900))).build();
        assertThat(ruleId(call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, claims)))).isEqualTo("JWT-NOT-YET-VALID");
    }

    @Test
    void rejectsTokenIssuedInFuture() {
        JWTClaimsSet claims = TestTokens.validClaims().issueTime(Date.from(Instant.now().plusSeconds(600))).build();
        assertThat(ruleId(call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, claims)))).isEqualTo("JWT-IAT-FUTURE");
    }

    @Test
    void rejectsWrongIssuer() {
        JWTClaimsSet claims = TestTokens.validClaims().issuer("https://evil.example").build();
        assertThat(ruleId(call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, claims)))).isEqualTo("JWT-UNKNOWN-ISSUER");
    }

    @Test
    void rejectsWrongAudience() {
        JWTClaimsSet claims = TestTokens.validClaims().audience("billing-api").build();
        assertThat(ruleId(call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, claims)))).isEqualTo("JWT-WRONG-AUDIENCE");
    }

    @Test
    void rejectsMissingExpiration() {
        JWTClaimsSet claims = TestTokens.validClaims().expirationTime(null).build();
        assertThat(ruleId(call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, claims)))).isEqualTo("JWT-MISSING-EXP");
    }

    @Test
    void rejectsTokenSignedByUnknownKey() {
        String token = TestTokens.rs256(TestTokens.generateRsa("rsa-unknown"), TestTokens.validClaims().build());
        assertThat(ruleId(call("GET", "/orders", token))).isEqualTo("JWT-UNKNOWN-KEY");
    }

    @Test
    void rejectsTokenSignedByAttackerKeyWithKnownKid() {
        String token = TestTokens.rs256(TestTokens.ATTACKER_RSA, TestTokens.validClaims().build());
        assertThat(ruleId(call("GET", "/orders", token))).isEqualTo("JWT-BAD-SIGNATURE");
    }

    @Test
    void rejectsKidPathTraversal() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("../../../../etc/passwd").build();
        String token = TestTokens.sign(header, TestTokens.validClaims().build(), TestTokens.RSA);
        assertThat(ruleId(call("GET", "/orders", token))).isEqualTo("JWT-UNKNOWN-KEY");
    }

    @Test
    void rejectsKidSqlInjection() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("x' UNION SELECT 'key' --").build();
        String token = TestTokens.sign(header, TestTokens.validClaims().build(), TestTokens.RSA);
        assertThat(call("GET", "/orders", token).status()).isEqualTo(401);
    }

    @Test
    void ignoresJkuPointingAtAttackerKeys() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker")
                .jwkURL(URI.create("https://evil.example/jwks.json")).build();
        String token = TestTokens.sign(header, TestTokens.validClaims().build(), TestTokens.ATTACKER_RSA);
        assertThat(call("GET", "/orders", token).status()).isEqualTo(401);
    }

    @Test
    void ignoresX5uPointingAtAttackerCertificate() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker")
                .x509CertURL(URI.create("https://evil.example/cert.pem")).build();
        String token = TestTokens.sign(header, TestTokens.validClaims().build(), TestTokens.ATTACKER_RSA);
        assertThat(call("GET", "/orders", token).status()).isEqualTo(401);
    }

    @Test
    void ignoresEmbeddedJwk() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(TestTokens.ATTACKER_RSA.toPublicJWK()).build();
        String token = TestTokens.sign(header, TestTokens.validClaims().build(), TestTokens.ATTACKER_RSA);
        assertThat(call("GET", "/orders", token).status()).isEqualTo(401);
    }

    @Test
    void rejectsUnknownCriticalHeader() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .criticalParams(Set.of("exp-policy")).customParam("exp-policy", "lenient").build();
        String token = TestTokens.sign(header, TestTokens.validClaims().build(), TestTokens.RSA);
        assertThat(ruleId(call("GET", "/orders", token))).isEqualTo("JWT-CRITICAL-HEADER");
    }

    @Test
    void rejectsMalformedBase64() {
        assertThat(ruleId(call("GET", "/orders", "eyJ!!!.e30.c2ln"))).isEqualTo("JWT-MALFORMED");
    }

    @Test
    void rejectsTokenOverMaxTokenSizeBeforeParsing() {
        assertThat(ruleId(call("GET", "/orders", "a".repeat(20_000)))).isEqualTo("JWT-TOO-LARGE");
    }

    @Test
    void rejects60KilobyteTokenAtHeaderLimit() {
        Decision decision = call("GET", "/orders", "a".repeat(60_000));
        assertThat(decision.blocked()).isTrue();
        assertThat(decision.status()).isEqualTo(431);
    }

    @Test
    void rejectsTwoAuthorizationHeaders() {
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        Decision decision = bulwark.evaluate(HttpRequest.builder("GET", "/orders")
                .header("Authorization", "Bearer " + token).header("Authorization", "Bearer " + token).build());
        assertThat(ruleId(decision)).isEqualTo("JWT-AMBIGUOUS");
    }

    @Test
    void acceptsLowerCaseBearerScheme() {
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        Decision decision = bulwark.evaluate(HttpRequest.builder("GET", "/orders").header("authorization", "bearer " + token).build());
        assertThat(decision.allowed()).isTrue();
    }

    @Test
    void forbidsValidTokenWithoutRouteScope() {
        Decision decision = call("DELETE", "/orders/7", TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build()));
        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.blockType()).isEqualTo(BlockType.FORBIDDEN);
        assertThat(decision.headerChanges().responseHeaders().get("WWW-Authenticate")).contains("insufficient_scope");
    }

    @Test
    void checksTheRouteScopeOfATokenAlreadyVerifiedOnAnotherRoute() {
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        assertThat(call("GET", "/orders", token).allowed()).isTrue();

        Decision decision = call("DELETE", "/orders/7", token);

        assertThat(decision.status()).isEqualTo(403);
        assertThat(ruleId(decision)).isEqualTo("JWT-SCOPE");
    }

    @Test
    void allowsTokenWithRouteScopeFromScpArray() {
        JWTClaimsSet claims = TestTokens.validClaims().claim("scp", java.util.List.of("orders:admin")).build();
        assertThat(call("DELETE", "/orders/7", TestTokens.rs256(TestTokens.RSA, claims)).allowed()).isTrue();
    }

    @Test
    void forbidsTokenFailingClaimRequirement() {
        JWTClaimsSet claims = TestTokens.validClaims().claim("role", "clerk").build();
        assertThat(call("GET", "/reports/q3", TestTokens.rs256(TestTokens.RSA, claims)).status()).isEqualTo(403);
    }

    @Test
    void allowsTokenWhoseArrayClaimContainsRequiredValue() {
        JWTClaimsSet claims = TestTokens.validClaims().claim("role", java.util.List.of("clerk", "auditor")).build();
        assertThat(call("GET", "/reports/q3", TestTokens.rs256(TestTokens.RSA, claims)).allowed()).isTrue();
    }

    @Test
    void rejectsTokenWithWrongType() {
        bulwark = bulwark("  types: [at+jwt]");
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").type(JOSEObjectType.JWT).build();
        assertThat(ruleId(call("GET", "/orders", TestTokens.sign(header, TestTokens.validClaims().build(), TestTokens.RSA))))
                .isEqualTo("JWT-TYPE");
    }

    @Test
    void rejectsTokenOverMaxLifetime() {
        bulwark = bulwark("  max-lifetime: 10m");
        JWTClaimsSet claims = TestTokens.validClaims().expirationTime(Date.from(Instant.now().plusSeconds(7200))).build();
        assertThat(ruleId(call("GET", "/orders", TestTokens.rs256(TestTokens.RSA, claims)))).isEqualTo("JWT-LIFETIME");
    }

    @Test
    void acceptsTokenFromConfiguredCookie() {
        bulwark = bulwark("  cookie: access_token");
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        Decision decision = bulwark.evaluate(HttpRequest.builder("GET", "/orders").header("Cookie", "theme=dark; access_token=" + token).build());
        assertThat(decision.allowed()).isTrue();
    }

    @Test
    void ignoresQueryParameterTokenUnlessEnabled() {
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().build());
        assertThat(bulwark.evaluate(HttpRequest.builder("GET", "/orders?access_token=" + token).build()).status()).isEqualTo(401);
    }

    @Test
    void acceptsHmacTokenFromSecretIssuer() {
        String secret = "0123456789abcdef0123456789abcdef";
        Bulwark hmac = Bulwark.create(BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                    - {issuer: %s, hmac-secret: %s, audiences: [%s]}
                """.formatted(TestTokens.ISSUER, secret, TestTokens.AUDIENCE)));
        String token = TestTokens.hs256(secret.getBytes(StandardCharsets.UTF_8), TestTokens.validClaims().build());
        assertThat(hmac.evaluate(HttpRequest.builder("GET", "/").header("Authorization", "Bearer " + token).build()).allowed()).isTrue();
    }

    @Test
    void refusesShortHmacSecretAtStartUp() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                jwt:
                  issuers: [{issuer: x, hmac-secret: short}]
                """)).isInstanceOf(ConfigurationException.class).hasMessageContaining("256 bits");
    }

    @Test
    void refusesHmacAlgorithmForPublicKeyIssuer() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                jwt:
                  issuers: [{issuer: x, jwks-uri: "https://idp/jwks", algorithms: [HS256]}]
                """)).isInstanceOf(ConfigurationException.class).hasMessageContaining("does not fit");
    }

    @Test
    void refusesMissingJwksFileAtStartUp() {
        assertThatThrownBy(() -> Bulwark.create(BulwarkConfig.fromYaml("""
                jwt:
                  issuers: [{issuer: x, jwks-file: /nonexistent/jwks.json}]
                """))).isInstanceOf(ConfigurationException.class);
    }
}
