package dev.bulwark.benchmarks;

import java.util.Arrays;

/**
 * Latency figures of a set of requests, in nanoseconds.
 *
 * <p>Percentiles use the nearest-rank method: the p-th percentile of n sorted values is the value
 * at rank ⌈p/100 · n⌉ (counting from 1). It is always one of the measured values, never an
 * interpolation, and for small sets the p99 is simply the largest value but one or the largest.
 *
 * @param count number of values
 * @param p50 median (nearest rank); 0 when there are no values
 * @param p99 99th percentile (nearest rank); 0 when there are no values
 * @param max largest value; 0 when there are no values
 */
public record Latency(int count, long p50, long p99, long max) {

    /** No values. */
    public static final Latency NONE = new Latency(0, 0, 0, 0);

    /** The figures of these values; the array is not changed. */
    public static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /**
     * The nearest-rank percentile of sorted values.
     *
     * @param sorted ascending, not empty
     * @param p between 0 (exclusive) and 100 (inclusive)
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        // the small allowance keeps binary rounding (99.9 / 100 * 1000 = 999.0000000000001) from
        // moving the rank one up
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }

    /**
     * The median of a few values (an odd count gives the middle one, an even count the mean of the
     * two middle ones, rounded down); the array is not changed.
     */
    public static long median(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : sorted[middle - 1] + (sorted[middle] - sorted[middle - 1]) / 2;
    }

    /** Nanoseconds as microseconds. */
    public static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}
