package dev.bulwark.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * One bandwidth of a rate limit: at most {@code capacity} requests per {@code period}
 * ({@code bandwidths: [{capacity: 10, period: 1s}]}). A limit with several bandwidths admits a
 * request only when every one of them has a token left, e.g. 10 per second and 1,000 per hour.
 *
 * @param capacity the most requests in one period, at least 1
 * @param period the period, positive, at most 1 day
 * @param refill how tokens come back; {@link Refill#GREEDY} by default
 */
public record Bandwidth(long capacity, Duration period, Refill refill) {

    /** How a bandwidth's tokens come back. */
    public enum Refill {
        /** A token at a time, as soon as it is due: {@code capacity} tokens spread evenly over the period. */
        GREEDY,
        /** All {@code capacity} tokens at once, when the period is over. */
        INTERVAL
    }

    public Bandwidth {
        Objects.requireNonNull(period, "period");
        if (refill == null) {
            refill = Refill.GREEDY;
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        if (period.isNegative() || period.isZero() || period.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("period must be positive and at most 1d, was " + period);
        }
    }

    /** {@code capacity} requests per {@code period}, refilled greedily. */
    public static Bandwidth of(long capacity, Duration period) {
        return new Bandwidth(capacity, period, Refill.GREEDY);
    }
}
