package dev.bulwark.benchmarks;

import dev.bulwark.traffic.Label;
import java.util.List;
import java.util.Objects;

/**
 * What the engine decided on one corpus request, and how long it took.
 *
 * @param file the corpus file name
 * @param id the request id
 * @param label what the corpus asserts
 * @param category the attack family or {@code benign}
 * @param blocked whether the engine blocked it
 * @param status the response status the engine chose (200 when allowed)
 * @param blockingRules the rule ids of the blocking findings, in order; empty when allowed
 * @param latencyNanos engine time, the median over the measured passes
 * @param stable whether every measured pass came to the same verdict
 */
public record RequestResult(
        String file, String id, Label label, String category, boolean blocked, int status,
        List<String> blockingRules, long latencyNanos, boolean stable) {

    public RequestResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(category, "category");
        blockingRules = List.copyOf(blockingRules);
    }

    /** An attack the engine let through. */
    public boolean missedAttack() {
        return label == Label.ATTACK && !blocked;
    }

    /** A benign request the engine blocked. */
    public boolean falsePositive() {
        return label == Label.BENIGN && blocked;
    }
}
