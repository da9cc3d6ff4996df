package dev.bulwark.benchmarks;

import dev.bulwark.traffic.Label;
import java.util.List;
import java.util.Locale;

/**
 * Counts and latency of a group of requests: one category, one label, one file, or the headline
 * families.
 *
 * @param name what the group is, e.g. {@code sqli} or {@code all attacks}
 * @param label the label all its requests share, or {@code null} for a mixed group (not scored)
 * @param requests how many requests
 * @param blocked how many of them were blocked
 * @param latency engine time of its requests
 */
public record Tally(String name, Label label, int requests, int blocked, Latency latency) {

    /** The tally of these results. */
    public static Tally of(String name, Label label, List<RequestResult> results) {
        long[] nanos = new long[results.size()];
        int blocked = 0;
        for (int i = 0; i < nanos.length; i++) {
            RequestResult result = results.get(i);
            nanos[i] = result.latencyNanos();
            if (result.blocked()) {
                blocked++;
            }
        }
        return new Tally(name, label, results.size(), blocked, Latency.of(nanos));
    }

    /** Blocked as a share of all, 0 to 1; 0 for an empty group. */
    public double rate() {
        return requests == 0 ? 0 : (double) blocked / requests;
    }

    /** Whether the rate is scored: TPR for attacks, FPR for benign requests. */
    public boolean scored() {
        return label == Label.ATTACK || label == Label.BENIGN;
    }

    /** {@code TPR 12.34%}, {@code FPR 0.00%}, or {@code blocked 3 of 977} for unscored groups. */
    public String score() {
        if (label == Label.ATTACK) {
            return "TPR " + percent(rate());
        }
        if (label == Label.BENIGN) {
            return "FPR " + percent(rate());
        }
        return "blocked " + count(blocked) + " of " + count(requests);
    }

    /** A share as a percentage with two decimals, e.g. {@code 99.95%}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    /** A count with thousands separators, e.g. {@code 33,448}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Nanoseconds as microseconds with one decimal, e.g. {@code 2,754.1}. */
    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%,.1f", Latency.micros(nanos));
    }
}
