package dev.bulwark.core.internal.rules;

import dev.bulwark.core.RequestValue;

/**
 * Receives what a {@link RequestDetector} found: about the request as a whole
 * ({@link #report(RuleDefinition, int, int)}, located at the request), or about one of its values
 * ({@link #reportIn}), so that the finding, and the security log, name where the value sits (the
 * multipart part, the parameter) rather than the request.
 */
public interface RequestSink extends DetectionSink {

    /** Reports that {@code rule} matched because of {@code value}, e.g. a flag its decoding raised. */
    void reportIn(RuleDefinition rule, RequestValue value);
}
