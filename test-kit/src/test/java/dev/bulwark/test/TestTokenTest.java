package dev.bulwark.test;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static dev.bulwark.test.TestRequest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTokenTest {

    private static final String ISSUER = "https://idp.test";

    @TempDir
    static Path dir;

    private static ECKey ec;
    private static RSAKey rsa;
    private static BulwarkTester bulwark;

    @BeforeAll
    static void keys() throws Exception {
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(java.util.List.of(ec, rsa)).toPublicJWKSet().toString());
        bulwark = BulwarkTester.of("""
                jwt:
                  issuers: [{issuer: %s, jwks-file: %s, audiences: [orders]}]
                routes:
                  - when: {path: {prefix: /admin}}
                    jwt: {scopes: [orders:admin]}
                """.formatted(ISSUER, jwks));
    }

    @Test
    void signsTokensTheConfigurationAccepts() throws Exception {
        String token = TestToken.builder().issuer(ISSUER).audience("orders").subject("alice").scope("orders:read", "orders:admin")
                .signWith(ec);

        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(parsed.getHeader().getKeyID()).isEqualTo("ec-1");
        assertThat(parsed.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("orders:read orders:admin");
        assertThat(Duration.between(parsed.getJWTClaimsSet().getIssueTime().toInstant(),
                parsed.getJWTClaimsSet().getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(5));
        assertThat(bulwark.evaluate(get("/admin").bearer(token))).isAllowed().hasAttribute("bulwark.jwt.subject", "alice");
        assertThat(bulwark.evaluate(get("/orders").bearer(TestToken.builder().issuer(ISSUER).audience("orders").signWith(rsa))))
                .isAllowed();
    }

    @Test
    void signsTokensTheConfigurationRefuses() {
        TestToken base = TestToken.builder().issuer(ISSUER).audience("orders");

        assertThat(bulwark.evaluate(get("/orders").bearer(base.expiresIn(Duration.ofMinutes(-10)).signWith(ec))))
                .isBlockedBy("JWT-EXPIRED");
        assertThat(bulwark.evaluate(get("/orders").bearer(base.expiresIn(Duration.ofMinutes(5)).withoutExpiration().signWith(ec))))
                .isBlockedBy("JWT-MISSING-EXP");
        assertThat(bulwark.evaluate(get("/orders").bearer(TestToken.builder().issuer(ISSUER).audience("billing").signWith(ec))))
                .isBlockedBy("JWT-WRONG-AUDIENCE");
        assertThat(bulwark.evaluate(get("/admin").bearer(TestToken.builder().issuer(ISSUER).audience("orders").signWith(rsa))))
                .isBlockedBy("JWT-SCOPE").hasStatus(403);
        assertThat(bulwark.evaluate(get("/orders").bearer(TestToken.builder().issuer(ISSUER).audience("orders")
                .notBefore(Instant.now().plus(Duration.ofHours(1))).signWith(rsa)))).isBlockedBy("JWT-NOT-YET-VALID");
    }

    @Test
    void readsPrivateKeysFromJwkText() throws Exception {
        Path single = Files.writeString(dir.resolve("key.json"), ec.toJSONString());
        Path set = Files.writeString(dir.resolve("set.json"), new JWKSet(java.util.List.of(ec.toPublicJWK(), rsa)).toString(false));

        assertThat(TestToken.readJwk(single.toString()).getKeyID()).isEqualTo("ec-1");
        assertThat(TestToken.readJwk("file:" + set).getKeyID()).isEqualTo("rsa-1");
        assertThat(bulwark.evaluate(get("/orders").bearer(TestToken.builder().issuer(ISSUER).audience("orders")
                .signWithJwk(ec.toJSONString())))).isAllowed();
        assertThatThrownBy(() -> TestToken.builder().signWith(ec.toPublicJWK()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a public key");
    }
}
