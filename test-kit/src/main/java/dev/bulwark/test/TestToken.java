package dev.bulwark.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Signs tokens for tests of {@code jwt:} configurations, with a test key whose public half the
 * configuration under test trusts (a {@code jwks-file} or an {@code hmac-secret}):
 *
 * <pre>{@code
 * String token = TestToken.builder()
 *         .issuer("https://idp.example.com").audience("orders-api")
 *         .subject("alice").scope("orders:write")
 *         .signWith(TestToken.readJwk("classpath:test-signing-key.json"));
 * assertThat(bulwark.evaluate(post("/orders").bearer(token).json("{...}"))).isAllowed();
 * }</pre>
 *
 * Tokens expire five minutes after they are issued (now), unless told otherwise, and carry
 * {@code typ: JWT}. The algorithm follows the key: the key's {@code alg} when it names one, else
 * RS256 for RSA, ES256/ES384/ES512 for P-256/P-384/P-521, EdDSA for Ed25519, HS256 for a secret.
 */
public final class TestToken {

    private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
    private Instant issuedAt;
    private Duration lifetime = Duration.ofMinutes(5);
    private Instant expiresAt;
    private boolean expires = true;
    private JOSEObjectType type = JOSEObjectType.JWT;

    private TestToken() {
    }

    /** A token to be filled in and signed. */
    public static TestToken builder() {
        return new TestToken();
    }

    /** The {@code iss} claim. */
    public TestToken issuer(String issuer) {
        claims.issuer(issuer);
        return this;
    }

    /** The {@code sub} claim. */
    public TestToken subject(String subject) {
        claims.subject(subject);
        return this;
    }

    /** The {@code aud} claim: one value, or a list for several. */
    public TestToken audience(String... audiences) {
        claims.audience(audiences.length == 1 ? List.of(audiences[0]) : Arrays.asList(audiences));
        return this;
    }

    /** The {@code scope} claim, space-separated as in OAuth 2.0. */
    public TestToken scope(String... scopes) {
        claims.claim("scope", String.join(" ", scopes));
        return this;
    }

    /** Any claim; {@code null} removes it. */
    public TestToken claim(String name, Object value) {
        claims.claim(name, value);
        return this;
    }

    /** When the token was issued ({@code iat}); default now. */
    public TestToken issuedAt(Instant issuedAt) {
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        return this;
    }

    /** Expiry relative to {@code iat}; default five minutes. A negative duration makes an expired token. */
    public TestToken expiresIn(Duration lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.expiresAt = null;
        this.expires = true;
        return this;
    }

    /** Expiry ({@code exp}) at an instant. */
    public TestToken expiresAt(Instant expiresAt) {
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.expires = true;
        return this;
    }

    /** No {@code exp} claim at all. */
    public TestToken withoutExpiration() {
        this.expires = false;
        return this;
    }

    /** The {@code nbf} claim. */
    public TestToken notBefore(Instant notBefore) {
        claims.notBeforeTime(Date.from(notBefore));
        return this;
    }

    /** The {@code typ} header; default {@code JWT}; {@code null} for none. */
    public TestToken type(String type) {
        this.type = type == null ? null : new JOSEObjectType(type);
        return this;
    }

    /** Signs with a private JWK (RSA, EC or Ed25519). */
    public String signWith(JWK privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (!privateKey.isPrivate()) {
            throw new IllegalArgumentException("key " + privateKey.getKeyID() + " is a public key; signing needs the private key");
        }
        try {
            JWSAlgorithm algorithm;
            JWSSigner signer;
            if (privateKey instanceof RSAKey rsa) {
                algorithm = algorithm(privateKey, JWSAlgorithm.RS256);
                signer = new RSASSASigner(rsa);
            } else if (privateKey instanceof ECKey ec) {
                Curve curve = ec.getCurve();
                JWSAlgorithm byCurve = Curve.P_384.equals(curve) ? JWSAlgorithm.ES384
                        : Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256;
                algorithm = algorithm(privateKey, byCurve);
                signer = new ECDSASigner(ec);
            } else if (privateKey instanceof OctetKeyPair okp) {
                algorithm = algorithm(privateKey, JWSAlgorithm.EdDSA);
                signer = new Ed25519Signer(okp);
            } else {
                throw new IllegalArgumentException("unsupported key type " + privateKey.getKeyType());
            }
            return sign(new JWSHeader.Builder(algorithm).keyID(privateKey.getKeyID()).type(type).build(), signer);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with key " + privateKey.getKeyID() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Signs with the private JWK in this JSON text: a single JWK, or a JWK set whose first private
     * key is used.
     */
    public String signWithJwk(String jwkJson) {
        return signWith(parse(jwkJson));
    }

    /** Signs with an HMAC secret (HS256), as configured with {@code hmac-secret}. */
    public String signWithSecret(String secret) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(type).build(),
                    new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with this secret: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a private JWK (or the first private key of a JWK set) from a {@code classpath:} or
     * {@code file:} location or a file path.
     */
    public static JWK readJwk(String location) {
        return parse(BulwarkTester.read(location));
    }

    private static JWK parse(String json) {
        try {
            if (json.contains("\"keys\"")) {
                return JWKSet.parse(json).getKeys().stream().filter(JWK::isPrivate).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("the JWK set holds no private key"));
            }
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK or JWK set: " + e.getMessage(), e);
        }
    }

    private static JWSAlgorithm algorithm(JWK key, JWSAlgorithm fallback) {
        return key.getAlgorithm() == null ? fallback : JWSAlgorithm.parse(key.getAlgorithm().getName());
    }

    private String sign(JWSHeader header, JWSSigner signer) throws JOSEException {
        Instant iat = issuedAt != null ? issuedAt : Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(claims.build()).issueTime(Date.from(iat));
        if (expires) {
            builder.expirationTime(Date.from(expiresAt != null ? expiresAt : iat.plus(lifetime)));
        }
        SignedJWT jwt = new SignedJWT(header, builder.build());
        jwt.sign(signer);
        return jwt.serialize();
    }
}
