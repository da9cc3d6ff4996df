package dev.bulwark.webflux;

import dev.bulwark.core.Decision;
import java.time.Duration;

/**
 * Observes the decisions of a {@link BulwarkWebFilter}, for example to count blocked requests by
 * rule key. Registered with {@link BulwarkWebFilter.Builder#listener}.
 *
 * <p>Called once for every request the filter inspects, after the decision is made and before the
 * application is called or the block response is written; that includes the decisions the filter
 * makes itself when a body cannot be read or inspection fails. It may run on a Netty event-loop
 * thread: keep it fast, never let it block, and let it not throw (an exception is logged and
 * ignored, and never changes the decision).
 */
@FunctionalInterface
public interface DecisionListener {

    /**
     * One decision.
     *
     * @param decision the decision the filter carries out
     * @param inspectionTime the time spent translating and evaluating the request, not counting the
     *     time spent receiving its body (which depends on the client); zero when the body could not
     *     be read
     */
    void onDecision(Decision decision, Duration inspectionTime);
}
