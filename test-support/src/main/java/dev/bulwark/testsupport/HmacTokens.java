package dev.bulwark.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

/** HS256 tokens for the tests' {@code hmac-secret} issuer, valid for five minutes. */
public final class HmacTokens {

    private HmacTokens() {
    }

    /** A token of {@code issuer} for {@code subject} with {@code claims} added, signed with {@code secret}. */
    public static String hs256(String secret, String issuer, String subject, Map<String, Object> claims) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        claims.forEach(set::claim);
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
        try {
            token.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }
}
