package dev.bulwark.core.internal.rules;

import java.util.List;

/**
 * Reports each rule of one detector at most once per value, and maps evidence found in decoded
 * text back to offsets in the value the detector was given.
 */
public final class Findings {

    private final DetectionSink sink;
    private final List<RuleDefinition> rules;
    private final int valueLength;
    private DecodedText decoded;
    private boolean wholeValue;
    private int reported;

    public Findings(DetectionSink sink, List<RuleDefinition> rules, int valueLength) {
        this.sink = sink;
        this.rules = rules;
        this.valueLength = valueLength;
    }

    /** Evidence offsets from now on refer to {@code text}. */
    public void mapThrough(DecodedText text) {
        this.decoded = text;
        this.wholeValue = false;
    }

    /** Evidence from now on is in a derived text (a decoded payload): report the whole value. */
    public void reportWholeValue() {
        this.wholeValue = true;
    }

    public boolean alreadyReported(RuleDefinition rule) {
        int bit = rules.indexOf(rule);
        return bit >= 0 && (reported & (1 << bit)) != 0;
    }

    /** Whether every rule has been reported, so scanning further cannot add anything. */
    public boolean complete() {
        return Integer.bitCount(reported) == rules.size();
    }

    public void report(RuleDefinition rule, int start, int end) {
        int bit = rules.indexOf(rule);
        if (bit < 0) {
            throw new IllegalArgumentException("not a rule of this detector: " + rule.id());
        }
        if ((reported & (1 << bit)) != 0) {
            return;
        }
        reported |= 1 << bit;
        int from;
        int to;
        if (wholeValue) {
            from = 0;
            to = valueLength;
        } else if (decoded != null && decoded.changed()) {
            from = decoded.originOf(start);
            to = end > start ? decoded.originOf(end - 1) + 1 : from;
        } else {
            from = start;
            to = end;
        }
        from = Math.max(0, Math.min(from, valueLength));
        to = Math.max(from, Math.min(to, valueLength));
        sink.report(rule, from, to - from);
    }
}
