package dev.bulwark.core.internal.xss;

import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.Arrays;
import java.util.List;

/** The first piece of evidence per rule found in one value; reported once per rule at the end. */
final class Findings {

    private static final List<RuleDefinition> RULES = XssRules.ALL;

    private final int[] start = new int[RULES.size()];
    private final int[] end = new int[RULES.size()];
    private int found;

    Findings() {
        Arrays.fill(start, -1);
    }

    void add(RuleDefinition rule, int from, int to) {
        int index = indexOf(rule);
        if (start[index] < 0) {
            start[index] = from;
            end[index] = Math.max(from + 1, to);
            found++;
        }
    }

    boolean has(RuleDefinition rule) {
        return start[indexOf(rule)] >= 0;
    }

    private static int indexOf(RuleDefinition rule) {
        for (int i = 0; i < RULES.size(); i++) {
            if (RULES.get(i) == rule) {
                return i;
            }
        }
        throw new IllegalArgumentException("not an XSS rule: " + rule.id());
    }

    boolean isEmpty() {
        return found == 0;
    }

    /** Reports each rule found, with its evidence mapped back to offsets in the original value. */
    void reportTo(DetectionSink sink, XssText text) {
        for (int i = 0; i < start.length; i++) {
            if (start[i] >= 0) {
                int from = text.originOf(start[i]);
                int to = end[i] >= text.length ? originalEnd(text) : text.originOf(end[i]);
                sink.report(RULES.get(i), from, Math.max(1, to - from));
            }
        }
    }

    private static int originalEnd(XssText text) {
        return text.length == 0 ? 0 : text.originOf(text.length - 1) + 1;
    }
}
