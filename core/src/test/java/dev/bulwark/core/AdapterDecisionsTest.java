package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BodyReadLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterDecisionsTest {

    private final BodyReadLimits limits = BodyReadLimits.defaults();

    @Test
    void blocksAnUnreadableBodyWith400() {
        Decision decision = AdapterDecisions.unreadableBody();

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.findings()).extracting(Finding::ruleId).containsExactly(AdapterDecisions.BODY_UNREADABLE);
    }

    @Test
    void blocksABodyPastItsTimeoutWith408NamingTheTimeout() {
        Decision decision = AdapterDecisions.bodyReadTimeout(false, 12, limits);

        assertThat(decision.status()).isEqualTo(408);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo(AdapterDecisions.BODY_READ_TIMEOUT);
        assertThat(decision.findings().get(0).description())
                .isEqualTo("body-read.timeout of " + limits.timeout() + " reached after 12 bytes");
    }

    @Test
    void blocksABodyBelowTheMinimumRateWith408NamingTheRate() {
        Decision decision = AdapterDecisions.bodyReadTimeout(true, 7, limits);

        assertThat(decision.status()).isEqualTo(408);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo(AdapterDecisions.BODY_READ_MIN_RATE);
        assertThat(decision.findings().get(0).description())
                .isEqualTo("body-read.min-rate of " + limits.minRate() + " bytes/s not kept after 7 bytes");
    }

    @Test
    void closesTheConnectionOnlyAfterABodyReadDeadline() {
        assertThat(AdapterDecisions.closesConnection(AdapterDecisions.bodyReadTimeout(false, 0, limits))).isTrue();
        assertThat(AdapterDecisions.closesConnection(AdapterDecisions.bodyReadTimeout(true, 0, limits))).isTrue();
        assertThat(AdapterDecisions.closesConnection(AdapterDecisions.unreadableBody())).isFalse();
        assertThat(AdapterDecisions.closesConnection(Decision.of(List.of(), "INCIDENT00000009", Map.of()))).isFalse();
    }

    @Test
    void blocksAFailureWith503NamingOnlyTheExceptionType() {
        Decision decision = AdapterDecisions.failure(new IllegalStateException("secret detail"));

        assertThat(decision.status()).isEqualTo(503);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo(AdapterDecisions.ADAPTER_FAILURE);
        assertThat(decision.findings().get(0).description())
                .isEqualTo("request could not be inspected: IllegalStateException").doesNotContain("secret detail");
    }
}
