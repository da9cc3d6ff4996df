package dev.bulwark.core.internal.rules;

import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.RequestValue;
import java.util.List;

/**
 * Detects attacks that concern the request as a whole rather than one value: request smuggling
 * signals, conflicting framing headers, parameter pollution.
 */
public interface RequestDetector {

    /** Every rule this detector can report. */
    List<RuleDefinition> rules();

    /** Inspects one request with its parsed values; a finding about one value is reported in it. */
    void inspect(HttpRequest request, List<RequestValue> values, RequestSink sink);
}
