package dev.bulwark.core.internal.rules;

import java.util.List;

/**
 * Reports each rule of one detector at most once per value, and maps evidence found in decoded
 * text back to offsets in the value the detector was given.
 */
public final class Findings {

    private DetectionSink sink;
    private List<RuleDefinition> rules;
    private final int valueLength;
    private UnescapedText decoded;
    private boolean wholeValue;
    private int reported;

    public Findings(DetectionSink sink, List<RuleDefinition> rules, int valueLength) {
        this.sink = sink;
        this.rules = rules;
        this.valueLength = valueLength;
    }

    /**
     * Starts over for another detector on the same value, reporting its {@code rules} to
     * {@code sink}: nothing reported yet, evidence at offsets in the value. For detectors that take
     * turns reading one value (the script-language families, {@link ScriptPasses#findings}), so
     * that the value needs one collector rather than one per detector.
     */
    public void restart(DetectionSink sink, List<RuleDefinition> rules) {
        this.sink = sink;
        this.rules = rules;
        this.decoded = null;
        this.wholeValue = false;
        this.reported = 0;
    }

    /** Evidence offsets from now on refer to {@code text}. */
    public void mapThrough(UnescapedText text) {
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
