package dev.bulwark.core.internal.rules;

import java.util.List;

/**
 * The first evidence of each rule found in one value, kept until the family has read every
 * reading of the value and then reported in the order of the rule table. For families whose
 * scanners run several passes and may withdraw a finding ({@link #remove}) before reporting; a
 * family that reports as it goes uses {@link Findings}.
 *
 * <p>Offsets are kept as the scanners give them; the sink passed to {@link #reportTo} maps them
 * to the value (a decoded reading) and bounds the evidence length as the family needs.
 */
public final class FirstFindings {

    private final List<RuleDefinition> rules;
    private final int[] start;
    private final int[] end;
    private long found;

    /** @param rules the family's rule table, at most 64 rules; positions are the indexes used below */
    public FirstFindings(List<RuleDefinition> rules) {
        if (rules.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most 64 rules: " + rules.size());
        }
        this.rules = rules;
        this.start = new int[rules.size()];
        this.end = new int[rules.size()];
    }

    /** Keeps {@code [from, to)} as the evidence of the rule at {@code index}, unless it has some. */
    public void add(int index, int from, int to) {
        long bit = 1L << index;
        if ((found & bit) == 0) {
            found |= bit;
            start[index] = from;
            end[index] = to;
        }
    }

    public void add(RuleDefinition rule, int from, int to) {
        add(indexOf(rule), from, to);
    }

    public boolean has(int index) {
        return (found & (1L << index)) != 0;
    }

    public boolean has(RuleDefinition rule) {
        return has(indexOf(rule));
    }

    /** Withdraws the rule at {@code index}; a later {@link #add} keeps new evidence. */
    public void remove(int index) {
        found &= ~(1L << index);
    }

    public boolean isEmpty() {
        return found == 0;
    }

    /** Withdraws every rule, for the next value. */
    public void clear() {
        found = 0;
    }

    /** Reports each rule found, in table order, as {@code (rule, start, end - start)}. */
    public void reportTo(DetectionSink sink) {
        for (int i = 0; i < start.length; i++) {
            if ((found & (1L << i)) != 0) {
                sink.report(rules.get(i), start[i], end[i] - start[i]);
            }
        }
    }

    private int indexOf(RuleDefinition rule) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == rule) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a rule of this family: " + rule.id());
    }
}
