package dev.bulwark.core.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Keys and token factories shared by the token tests. */
public final class TestTokens {

    public static final String ISSUER = "https://idp.example.com";
    public static final String AUDIENCE = "orders-api";

    public static final RSAKey RSA = generateRsa("rsa-1");
    public static final ECKey EC = generateEc("ec-1");
    public static final RSAKey ATTACKER_RSA = generateRsa("rsa-1");

    private TestTokens() {
    }

    public static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK set of {@code keys}, as an endpoint serves it. */
    public static String publicJwks(com.nimbusds.jose.jwk.JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** Writes the public keys to a JWKS file. */
    public static Path jwksFile(Path dir, com.nimbusds.jose.jwk.JWK... keys) {
        try {
            Path file = dir.resolve("jwks.json");
            Files.writeString(file, publicJwks(keys));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Valid claims: our issuer and audience, issued now, expiring in 5 minutes. */
    public static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("user-42")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "orders:read orders:write");
    }

    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims, key);
    }

    public static String es256(ECKey key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims, () -> new ECDSASigner(key));
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        return sign(header, claims, () -> new RSASSASigner(key));
    }

    public static String hs256(byte[] secret, JWTClaimsSet claims) {
        return sign(new JWSHeader(JWSAlgorithm.HS256), claims, () -> new MACSigner(secret));
    }

    /** A signer, made inside {@link #sign(JWSHeader, JWTClaimsSet, SignerFactory)}, as making one may fail. */
    @FunctionalInterface
    private interface SignerFactory {
        JWSSigner create() throws JOSEException;
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, SignerFactory signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer.create());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
