package dev.bulwark.servlet;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Keys and tokens for the token tests over HTTP: what an identity provider (or an attacker) would send. */
final class Tokens {

    static final String AUDIENCE = "pets-api";

    private Tokens() {
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK set of {@code keys}, as an endpoint serves it. */
    static String publicJwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** Writes the public JWK set of {@code keys} to {@code file}. */
    static Path jwksFile(Path file, JWK... keys) {
        try {
            Files.writeString(file, publicJwks(keys), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Claims that pass every check: {@code issuer}, our audience, issued now, valid for 5 minutes,
     * with a fresh {@code jti} so that no two tokens are alike (the filter caches verified tokens).
     */
    static JWTClaimsSet.Builder valid(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject("user-42")
                .jwtID(java.util.UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("scope", "pets:read");
    }

    static String rs256(RSAKey key, JWTClaimsSet claims) {
        return rs256(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), key, claims);
    }

    static String rs256(JWSHeader header, RSAKey key, JWTClaimsSet claims) {
        return sign(header, claims, () -> new RSASSASigner(key));
    }

    static String es256(ECKey key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims, () -> new ECDSASigner(key));
    }

    /** HS256 with {@code secret} as the MAC key, under a header of the caller's choosing. */
    static String hs256(JWSHeader header, byte[] secret, JWTClaimsSet claims) {
        return sign(header, claims, () -> new MACSigner(secret));
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

    /** An unsigned token with the given header JSON: {@code header.payload.} (empty signature). */
    static String unsigned(String headerJson, JWTClaimsSet claims) {
        return Base64URL.encode(headerJson) + "." + claims.toPayload().toBase64URL() + ".";
    }

    /** The PEM text of the RSA public key, as an attacker would download it and use it as an HMAC secret. */
    static String publicPem(RSAKey key) {
        try {
            byte[] der = key.toRSAPublicKey().getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
