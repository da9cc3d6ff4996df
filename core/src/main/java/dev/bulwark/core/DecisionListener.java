package dev.bulwark.core;

import java.time.Duration;
import java.util.List;

/**
 * Observes the decisions an adapter (the servlet filter, the WebFlux filter) carries out, for
 * example to count blocked requests by rule key. Registered with the adapter's builder
 * ({@code BulwarkFilter.builder(bulwark).listener(...)}, {@code BulwarkWebFilter.builder(bulwark).listener(...)});
 * in a Spring Boot application every bean of this type is registered with whichever filter the
 * starter sets up.
 *
 * <p>Called once for every request the adapter inspects, after the decision is made and before
 * the application is called or the block response is written; that includes the decisions the
 * adapter makes itself ({@link AdapterDecisions}) when a body cannot be read or inspection fails.
 * The servlet filter calls it on the request's thread; the WebFlux filter may call it on a Netty
 * event-loop thread. Keep it fast, never let it block, and let it not throw: an exception is logged
 * and ignored, and never changes the decision.
 */
@FunctionalInterface
public interface DecisionListener {

    /**
     * One decision.
     *
     * @param decision the decision the adapter carries out
     * @param inspectionTime the time spent translating and evaluating the request, not counting the
     *     time spent reading its body (which depends on the client); zero when the body could not
     *     be read
     */
    void onDecision(Decision decision, Duration inspectionTime);

    /**
     * One listener that tells each of {@code listeners}, in order, and keeps the contract above for
     * an adapter: a listener that throws is logged at WARN and skipped, and the rest still hear
     * of the decision; the call itself never throws.
     */
    static DecisionListener all(List<? extends DecisionListener> listeners) {
        return new IsolatedListeners(listeners);
    }
}
