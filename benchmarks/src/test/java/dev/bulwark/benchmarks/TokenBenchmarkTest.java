package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Decision;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The token benchmark measures what it says: valid tokens, checked, all different when uncached. */
class TokenBenchmarkTest {

    @Test
    void cachedStateChecksAValidToken() {
        TokenBenchmark.Cached state = new TokenBenchmark.Cached();
        state.setUp();

        Decision decision = new TokenBenchmark().cached(state);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.attributes()).containsEntry("bulwark.jwt.subject", "user-4711");
        assertThat(new TokenBenchmark().baseline(state).attributes()).doesNotContainKey("bulwark.jwt.subject");
    }

    @Test
    void uncachedStateCyclesThroughDistinctValidTokens() {
        for (String algorithm : new String[] {"RS256", "ES256"}) {
            TokenBenchmark.Uncached state = new TokenBenchmark.Uncached();
            state.algorithm = algorithm;
            state.setUp();

            assertThat(Arrays.stream(state.requests.requests()).map(r -> r.headers().first("Authorization")).distinct())
                    .hasSize(TokenBenchmark.DISTINCT_TOKENS);
            for (int i = 0; i < 3; i++) {
                assertThat(new TokenBenchmark().uncached(state).attributes()).containsKey("bulwark.jwt.claims");
            }
        }
    }

    @Test
    void engineRefusesATokenItCannotVerify() {
        TokenBenchmark.Keys keys = TokenBenchmark.Keys.generate();
        TokenBenchmark.Keys other = TokenBenchmark.Keys.generate();

        Decision decision = TokenBenchmark.engine(keys.jwks(), 1)
                .evaluate(TokenBenchmark.request(TokenBenchmark.sign(other.rsa(), com.nimbusds.jose.JWSAlgorithm.RS256)));

        assertThat(decision.status()).isEqualTo(401);
    }
}
