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

    /** Judges one URL found in a value: the rule it matches, or {@code null}. */
    @FunctionalInterface
    public interface UrlJudge {
        RuleDefinition judge(UrlCursor url);
    }

    /**
     * Walks the URLs in {@code text} and reports the strongest rule {@code judge} finds, with the
     * URL from its scheme to its end as evidence; stops at the first BASIC one. Values without a
     * URL get no cursor, and those without a finding allocate nothing beyond it.
     */
    public static void reportStrongestUrl(String text, UrlJudge judge, DetectionSink sink) {
        UrlCursor url = UrlCursor.fromFirstUrl(text);
        if (url == null) {
            return;
        }
        BestFinding best = null;
        while (url.next()) {
            RuleDefinition rule = judge.judge(url);
            if (rule == null) {
                continue;
            }
            if (best == null) {
                best = new BestFinding();
            }
            best.offer(rule, url.schemeStart, url.end - url.schemeStart);
            if (best.isBasic()) {
                break;
            }
        }
        if (best != null) {
            best.reportTo(sink);
        }
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
