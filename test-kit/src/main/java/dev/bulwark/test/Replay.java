package dev.bulwark.test;

import dev.bulwark.core.Decision;
import dev.bulwark.core.suggest.SuggestedException;
import dev.bulwark.core.suggest.Suggestions;
import dev.bulwark.traffic.RecordedRequest;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of replaying recorded traffic with {@link BulwarkTester#replay}: every request, and
 * for each one blocked the exceptions that would let it pass. Assert on it with
 * {@link BulwarkAssertions#assertThat(Replay)}.
 *
 * @param source what was replayed, e.g. the HAR file's name
 * @param requests the requests replayed
 * @param blocked the requests blocked, in recording order
 * @param suggestions the suggestions over every blocked request together
 */
public record Replay(String source, List<RecordedRequest> requests, List<Blocked> blocked, Suggestions suggestions) {

    /**
     * A blocked request.
     *
     * @param request the request as recorded
     * @param decision the engine's decision on it
     * @param fixes the exceptions that together let it pass; empty when no exception can (a limit,
     *     a malformed request, a location that looks attacked)
     */
    public record Blocked(RecordedRequest request, Decision decision, List<SuggestedException> fixes) {

        public Blocked {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(decision, "decision");
            fixes = List.copyOf(fixes);
        }
    }

    public Replay {
        Objects.requireNonNull(source, "source");
        requests = List.copyOf(requests);
        blocked = List.copyOf(blocked);
        Objects.requireNonNull(suggestions, "suggestions");
    }

    /** Whether every request passed. */
    public boolean allPassed() {
        return blocked.isEmpty();
    }
}
