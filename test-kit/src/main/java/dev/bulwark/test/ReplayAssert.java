package dev.bulwark.test;

import dev.bulwark.core.Finding;
import dev.bulwark.core.suggest.SuggestedException;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on a {@link Replay}. A failure lists each blocked request, the rule that
 * blocked it and the exception that would let it pass, then every exception together, ready to
 * paste under {@code deny-rules.exceptions:}:
 *
 * <pre>
 * Expecting every request of shop.har to pass, but 1 of 12 was blocked:
 *   shop.har#7: GET /search?q=... blocked by SQL-UNION at query:q (incident 1b2c...)
 *     fixed by:
 *     # Lets SQL-UNION through in query parameter 'q' of GET /search: 1 request from 1 client (100.0% of clients)
 *     - rule-ids: ["SQL-UNION"]
 *       ...
 * </pre>
 *
 * Start with {@link BulwarkAssertions#assertThat(Replay)}.
 */
public final class ReplayAssert extends AbstractObjectAssert<ReplayAssert, Replay> {

    /** Longest request target shown in a failure, in characters. */
    private static final int MAX_TARGET = 120;

    ReplayAssert(Replay actual) {
        super(actual, ReplayAssert.class);
    }

    /** Every request passed. */
    public ReplayAssert allPass() {
        isNotNull();
        if (actual.allPassed()) {
            return this;
        }
        StringBuilder message = new StringBuilder();
        message.append("Expecting every request of ").append(actual.source()).append(" to pass, but ")
                .append(actual.blocked().size()).append(" of ").append(actual.requests().size())
                .append(" was blocked:\n");
        for (Replay.Blocked blocked : actual.blocked()) {
            Finding finding = blocked.decision().blockingFindings().get(0);
            String target = blocked.request().target();
            message.append("  ").append(blocked.request().id()).append(": ").append(blocked.request().method()).append(' ')
                    .append(target.length() > MAX_TARGET ? target.substring(0, MAX_TARGET) + "..." : target)
                    .append(" blocked by ").append(finding.ruleId()).append(" at ").append(finding.location())
                    .append(" (incident ").append(blocked.decision().incidentId()).append(")\n");
            if (blocked.fixes().isEmpty()) {
                message.append("    no exception fixes it: see the security log for the incident\n");
            } else {
                message.append("    fixed by:\n");
                for (SuggestedException fix : blocked.fixes()) {
                    message.append(fix.yaml(4));
                }
            }
        }
        message.append("\nAll exceptions together:\n").append(actual.suggestions().configuration(null, null));
        failWithMessage("%s", message.toString());
        return this;
    }
}
