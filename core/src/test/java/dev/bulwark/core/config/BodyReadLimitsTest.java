package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BodyReadLimitsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 1_000 * SECOND;

    /** 10 s in all, 100 bytes/s after 2 s. */
    private final BodyReadLimits limits = new BodyReadLimits(Duration.ofSeconds(10), 100, Duration.ofSeconds(2));

    @Test
    void defaultsAreTwoMinutesOneKibPerSecondAfterFiveSeconds() {
        assertThat(BodyReadLimits.defaults())
                .isEqualTo(new BodyReadLimits(Duration.ofMinutes(2), 1024, Duration.ofSeconds(5)));
    }

    @Test
    void deadlineOfANewReadIsTheEndOfTheGracePeriod() {
        assertThat(limits.deadline(START, 0)).isEqualTo(START + 2 * SECOND);
        assertThat(limits.rateBound(0)).isTrue();
    }

    @Test
    void everyByteBuysTimeAtTheMinimumRate() {
        assertThat(limits.deadline(START, 100)).isEqualTo(START + 3 * SECOND);
        assertThat(limits.deadline(START, 150)).isEqualTo(START + 3_500_000_000L);
    }

    @Test
    void timeoutCapsTheDeadlineOfAFastEnoughRead() {
        assertThat(limits.deadline(START, 1_000_000)).isEqualTo(START + 10 * SECOND);
        assertThat(limits.rateBound(1_000_000)).isFalse();
    }

    @Test
    void rateBindsUntilTheBytesBuyPastTheTimeout() {
        assertThat(limits.rateBound(799)).isTrue();
        assertThat(limits.rateBound(800)).isFalse();
    }

    @Test
    void deadlineDoesNotOverflowForTheLargestBody() {
        BodyReadLimits slowest = new BodyReadLimits(Duration.ofDays(1), 1, Duration.ofHours(23));
        assertThat(slowest.deadline(Long.MAX_VALUE / 4, Integer.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 4 + Duration.ofDays(1).toNanos());
    }

    @Test
    void rejectsGracePeriodNotShorterThanTimeout() {
        assertThatThrownBy(() -> new BodyReadLimits(Duration.ofSeconds(5), 100, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grace-period");
    }

    @Test
    void rejectsNonPositiveRate() {
        assertThatThrownBy(() -> BodyReadLimits.custom().minRate(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min-rate must be positive, was 0");
    }

    @Test
    void rejectsTimeoutOverOneDay() {
        assertThatThrownBy(() -> BodyReadLimits.custom().timeout(Duration.ofDays(2)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("timeout must be at most");
    }
}
