package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Level;

/**
 * Keeps the strongest of several candidate findings in one value (the rule with the lowest
 * level), so that a weak match early in a value does not hide a stronger one later: the engine
 * may ignore the weak rule at the configured level, and a detector stops after its report.
 */
public final class BestFinding {

    private RuleDefinition rule;
    private int offset;
    private int length;

    /** Offers a candidate; it replaces the kept one when its level is lower. */
    public void offer(RuleDefinition candidate, int candidateOffset, int candidateLength) {
        if (rule == null || candidate.level().ordinal() < rule.level().ordinal()) {
            rule = candidate;
            offset = candidateOffset;
            length = candidateLength;
        }
    }

    /**
     * Offers the URL under {@code url}, from its scheme to its end, to {@code best}, created on the
     * first finding so that values without one allocate nothing. Returns the kept finding.
     */
    public static BestFinding offer(BestFinding best, RuleDefinition candidate, UrlCursor url) {
        BestFinding kept = best == null ? new BestFinding() : best;
        kept.offer(candidate, url.schemeStart, url.end - url.schemeStart);
        return kept;
    }

    public boolean isEmpty() {
        return rule == null;
    }

    /** Whether the kept finding is of the lowest level, so nothing stronger can follow. */
    public boolean isBasic() {
        return rule != null && rule.level() == Level.BASIC;
    }

    /** Reports the kept finding, if any. */
    public void reportTo(DetectionSink sink) {
        if (rule != null) {
            sink.report(rule, offset, length);
        }
    }
}
