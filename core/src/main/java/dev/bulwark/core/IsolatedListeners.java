package dev.bulwark.core;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DecisionListener#all}: each listener in turn, a failing one logged and skipped. */
final class IsolatedListeners implements DecisionListener {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionListener.class);

    private final List<DecisionListener> listeners;

    IsolatedListeners(List<? extends DecisionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onDecision(Decision decision, Duration inspectionTime) {
        for (DecisionListener listener : listeners) {
            try {
                listener.onDecision(decision, inspectionTime);
            } catch (RuntimeException e) {
                LOG.warn("Decision listener {} failed (incident {})", listener, decision.incidentId(), e);
            }
        }
    }
}
