package dev.bulwark.core.internal.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps requests off a store that failed: after a failure the store is not asked for the retry
 * interval; then one request tries it, and its success closes the circuit again. Logs once when the
 * circuit opens and once when it closes, never per request.
 */
final class StoreCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCircuit.class);
    /** {@link #openUntil} when closed. */
    private static final long CLOSED = Long.MIN_VALUE;

    private final String store;
    private final long retryNanos;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    private volatile long openUntil = CLOSED;

    StoreCircuit(String store, Duration retryInterval) {
        this.store = store;
        this.retryNanos = retryInterval.toNanos();
    }

    /** Whether the store may be asked now: the circuit is closed, or this caller is the one probe. */
    boolean permits() {
        long until = openUntil;
        if (until == CLOSED) {
            return true;
        }
        return System.nanoTime() - until >= 0 && probing.compareAndSet(false, true);
    }

    void success() {
        if (openUntil != CLOSED) {
            openUntil = CLOSED;
            probing.set(false);
            LOG.info("Rate-limit store {} answers again; limits are enforced", store);
        }
    }

    void failure(RuntimeException e) {
        boolean wasClosed = openUntil == CLOSED;
        openUntil = System.nanoTime() + retryNanos;
        probing.set(false);
        if (wasClosed) {
            LOG.warn("Rate-limit store {} failed; not asked again for {} ms (on-store-failure applies meanwhile)",
                    store, retryNanos / 1_000_000, e);
        }
    }

    /** Counts a request whose limits could not be checked. */
    void countSkipped() {
        failures.incrementAndGet();
    }

    long failures() {
        return failures.get();
    }

    boolean available() {
        return openUntil == CLOSED;
    }
}
