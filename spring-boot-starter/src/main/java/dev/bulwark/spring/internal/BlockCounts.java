package dev.bulwark.spring.internal;

import dev.bulwark.core.Decision;
import dev.bulwark.core.DecisionListener;
import dev.bulwark.core.Finding;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per rule key, the requests with a blocking finding of that key and those with a
 * log-only one, since start-up. Rule keys are few (the built-in families plus the keys of custom
 * rules), so the maps stay small.
 */
public final class BlockCounts implements DecisionListener {

    private final Map<String, LongAdder> blocked = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> logged = new ConcurrentHashMap<>();

    @Override
    public void onDecision(Decision decision, Duration inspectionTime) {
        if (!decision.hasFindings()) {
            return;
        }
        Set<String> seenBlocking = new HashSet<>();
        Set<String> seenLogged = new HashSet<>();
        for (Finding finding : decision.findings()) {
            if (finding.blocks() ? seenBlocking.add(finding.ruleKey()) : seenLogged.add(finding.ruleKey())) {
                (finding.blocks() ? blocked : logged).computeIfAbsent(finding.ruleKey(), k -> new LongAdder()).increment();
            }
        }
    }

    /** Requests with a blocking finding, by rule key, sorted by key. */
    public Map<String, Long> blocked() {
        return snapshot(blocked);
    }

    /** Requests with a log-only finding, by rule key, sorted by key. */
    public Map<String, Long> logged() {
        return snapshot(logged);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }
}
