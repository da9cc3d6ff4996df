package dev.bulwark.core.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.JwtConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache of verified tokens may save work, never let through what a fresh check would refuse. */
class TokenCacheTest {

    @TempDir
    Path dir;

    private Instant now = Instant.now();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private JwtCheck check(String extra) {
        Path jwks = TestTokens.jwksFile(dir, TestTokens.RSA);
        JwtConfig config = BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                    - issuer: %s
                      jwks-file: %s
                      audiences: [%s]
                %s
                """.formatted(TestTokens.ISSUER, jwks, TestTokens.AUDIENCE, extra)).jwt();
        return new JwtCheck(config, clock);
    }

    @Test
    void refusesACachedTokenOnceItHasExpired() throws KeySourceException {
        JwtCheck check = check("");
        JWTClaimsSet claims = TestTokens.validClaims().issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(120))).build();
        String token = TestTokens.rs256(TestTokens.RSA, claims);
        assertThat(check.verify(token)).isInstanceOf(VerifiedToken.class);
        assertThat(check.cachedTokens()).isEqualTo(1);

        now = now.plus(Duration.ofSeconds(120 + 60 + 1));

        assertThat(check.verify(token)).isEqualTo(TokenRejection.EXPIRED);
    }

    @Test
    void neverCachesATokenForAnotherAudience() throws KeySourceException {
        JwtCheck check = check("");
        String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().audience("billing-api").build());

        assertThat(check.verify(token)).isEqualTo(TokenRejection.WRONG_AUDIENCE);
        assertThat(check.verify(token)).isEqualTo(TokenRejection.WRONG_AUDIENCE);
        assertThat(check.cachedTokens()).isZero();
    }

    @Test
    void keepsNoMoreVerifiedTokensThanTheCacheSize() throws KeySourceException {
        JwtCheck check = check("  cache-size: 3");
        for (int i = 0; i < 50; i++) {
            String token = TestTokens.rs256(TestTokens.RSA, TestTokens.validClaims().subject("user-" + i).build());
            assertThat(check.verify(token)).isInstanceOf(VerifiedToken.class);
        }

        assertThat(check.cachedTokens()).isLessThanOrEqualTo(3);
    }
}
