package dev.bulwark.core.internal.sql;

import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/** The rules that matched in one value, each with its first evidence; reported BASIC first. */
final class SqlFindings {

    private static final List<RuleDefinition> RULES = SqlRules.ALL;
    private static final int MAX_EVIDENCE = 120;

    private int found;
    private final int[] offset = new int[RULES.size()];
    private final int[] length = new int[RULES.size()];

    void add(int rule, int from, int to) {
        int bit = 1 << rule;
        if ((found & bit) == 0) {
            found |= bit;
            offset[rule] = from;
            length[rule] = Math.max(0, Math.min(to - from, MAX_EVIDENCE));
        }
    }

    boolean has(int rule) {
        return (found & (1 << rule)) != 0;
    }

    void remove(int rule) {
        found &= ~(1 << rule);
    }

    boolean isEmpty() {
        return found == 0;
    }

    void reportTo(DetectionSink sink) {
        for (int r = 0; r < RULES.size(); r++) {
            if ((found & (1 << r)) != 0) {
                sink.report(RULES.get(r), offset[r], length[r]);
            }
        }
    }
}
