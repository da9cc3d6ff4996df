package dev.bulwark.test;

import dev.bulwark.core.Decision;

/**
 * Entry point of the assertions on decisions, next to AssertJ's own:
 *
 * <pre>{@code
 * import static dev.bulwark.test.BulwarkAssertions.assertThat;
 *
 * assertThat(bulwark.evaluate(post("/pets").json("{\"name\":\"x' OR 1=1--\"}"))).isBlockedBy("SQL");
 * }</pre>
 *
 * Static imports of this {@code assertThat} and of AssertJ's {@code Assertions.assertThat} live side by side.
 */
public final class BulwarkAssertions {

    private BulwarkAssertions() {
    }

    /** Assertions on a decision; see {@link DecisionAssert}. */
    public static DecisionAssert assertThat(Decision decision) {
        return new DecisionAssert(decision);
    }

    /** Assertions on replayed traffic; see {@link ReplayAssert}. */
    public static ReplayAssert assertThat(Replay replay) {
        return new ReplayAssert(replay);
    }
}
