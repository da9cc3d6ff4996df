package dev.bulwark.core.internal.rules;

/** Receives what a {@link Detector} found in one value. */
@FunctionalInterface
public interface DetectionSink {

    /**
     * Reports that {@code rule} matched.
     *
     * @param rule the matching rule
     * @param offset where in the scanned text the evidence starts
     * @param length how many characters of evidence, for a log excerpt
     */
    void report(RuleDefinition rule, int offset, int length);
}
