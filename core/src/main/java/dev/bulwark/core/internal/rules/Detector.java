package dev.bulwark.core.internal.rules;

import java.util.List;

/**
 * Detects one family of attacks (a rule key) in single decoded values.
 *
 * <p>Implementations are stateless and thread-safe, built once at start-up, and run in time linear
 * in the length of the value: no backtracking regular expressions, no unbounded look-ahead.
 * A detector reports each rule that matches (the engine keeps the enabled ones and stops at the
 * first one that blocks), so it may stop after its first report.
 */
public interface Detector {

    /** The family this detector reports, e.g. {@code SQL}. */
    String key();

    /** Every rule this detector can report, for documentation and configuration checks. */
    List<RuleDefinition> rules();

    /** Scans one value. */
    void scan(ScanTarget target, DetectionSink sink);
}
