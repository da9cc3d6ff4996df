package dev.bulwark.samples.echo;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * A filter that does nothing but keep the CPU busy for a fixed time on each request, then passes
 * it on untouched: a stand-in of known cost for a gateway, to read the throughput ratios of
 * {@code benchmarks/http-bench.sh} against. Under that method a server pays more for a filter
 * than the filter's own time (the load generator, left waiting longer, is woken more often), and
 * this filter shows by how much.
 */
final class BusyFilter implements Filter {

    private final long nanos;

    /** @param nanos the time to keep busy per request, in nanoseconds */
    BusyFilter(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("busy time must be positive: " + nanos);
        }
        this.nanos = nanos;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        keepBusy();
        chain.doFilter(request, response);
    }

    /** Returns no sooner than {@link #nanos} after it was called, having used the CPU throughout. */
    void keepBusy() {
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            Thread.onSpinWait();
        }
    }
}
