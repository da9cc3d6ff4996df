package dev.bulwark.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the body of one request may take to arrive ({@code limits.body-read:}). A client that
 * sends its body slowly holds a server thread for as long as the blocking read waits; a few hundred
 * such clients (slow POST, "R.U.D.Y.") take every thread of a default pool. Two bounds end such a
 * read, whichever comes first, counted from the first read of the body:
 * <ul>
 *   <li>the {@code timeout}, for the whole body; and</li>
 *   <li>the {@code min-rate}: once the {@code grace-period} is over, the bytes received must keep
 *       up with the rate on average since the start, so every byte buys {@code 1 / min-rate}
 *       seconds more. A client that stops sending reaches its deadline after the grace period
 *       plus the time its bytes so far have bought.</li>
 * </ul>
 * A read that reaches its deadline is answered with 408 and the connection is closed.
 *
 * <p>The defaults spare slow legitimate uploads: 1 KiB/s (8 kbit/s) is below any cellular data
 * link, averaging from the start absorbs pauses such as a radio waking up, and the 5 s grace
 * covers TCP slow start, {@code Expect: 100-continue} round trips and a client that sends the
 * body a moment after the headers (the same grace as Kestrel's {@code MinRequestBodyDataRate}).
 * The 2 minute timeout lets a body of the default {@code body-size} (1 MiB) arrive at 70 kbit/s.
 * A client sending nothing after its headers is released after 5 s instead of the container's
 * idle timeout (30 s in Jetty, 20-60 s in Tomcat), which a trickle of one byte at a time would
 * otherwise renew forever.
 *
 * @param timeout longest time the whole body may take; positive, at most one day; default 2 minutes
 * @param minRate least average rate in bytes per second after the grace period; positive; default 1 KiB/s
 * @param gracePeriod time from the first read before the rate applies; positive and shorter than
 *                    {@code timeout}; default 5 seconds
 */
public record BodyReadLimits(Duration timeout, long minRate, Duration gracePeriod) {

    private static final Duration LONGEST = Duration.ofDays(1);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final BodyReadLimits DEFAULTS = new BodyReadLimits(Duration.ofMinutes(2), 1024, Duration.ofSeconds(5));

    public BodyReadLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        positive("timeout", timeout);
        positive("grace-period", gracePeriod);
        if (minRate <= 0) {
            throw new IllegalArgumentException("min-rate must be positive, was " + minRate);
        }
        if (gracePeriod.compareTo(timeout) >= 0) {
            throw new IllegalArgumentException("grace-period (" + gracePeriod + ") must be shorter than timeout ("
                    + timeout + "): the min-rate would never apply");
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        if (value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + LONGEST + ", was " + value);
        }
    }

    /** The defaults listed on the class. */
    public static BodyReadLimits defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The moment a read that started at {@code startNanos} and has received {@code bytesRead}
     * bytes so far must have ended, on the {@link System#nanoTime()} scale: the earlier of the
     * timeout and the point where the bytes no longer keep up with the minimum rate. Constant
     * time, no allocation; it only moves later as bytes arrive.
     */
    public long deadline(long startNanos, long bytesRead) {
        return startNanos + Math.min(timeout.toNanos(), rateAllowance(bytesRead));
    }

    /**
     * Whether the minimum rate, not the timeout, sets the deadline after {@code bytesRead} bytes:
     * which of the two a read that expired broke.
     */
    public boolean rateBound(long bytesRead) {
        return rateAllowance(bytesRead) < timeout.toNanos();
    }

    /** The time, in nanoseconds from the start, that the grace period and the bytes so far allow. */
    private long rateAllowance(long bytesRead) {
        long bought = bytesRead >= Long.MAX_VALUE / NANOS_PER_SECOND
                ? Long.MAX_VALUE / 2 : bytesRead * NANOS_PER_SECOND / minRate;
        return gracePeriod.toNanos() + Math.min(bought, LONGEST.toNanos());
    }

    /** Builds {@link BodyReadLimits}; {@link #build()} rejects a grace period not shorter than the timeout. */
    public static final class Builder {
        private Duration timeout;
        private long minRate;
        private Duration gracePeriod;

        private Builder(BodyReadLimits from) {
            timeout = from.timeout;
            minRate = from.minRate;
            gracePeriod = from.gracePeriod;
        }

        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        public Builder minRate(long bytesPerSecond) { this.minRate = bytesPerSecond; return this; }
        public Builder gracePeriod(Duration gracePeriod) { this.gracePeriod = gracePeriod; return this; }

        public BodyReadLimits build() {
            return new BodyReadLimits(timeout, minRate, gracePeriod);
        }
    }
}
