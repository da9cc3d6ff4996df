package dev.bulwark.core.suggest;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Suggestions from replayed requests. The engine stops at a request's first blocking finding, so
 * a request may hide further findings behind it: blocked requests are evaluated again, with the
 * exceptions suggested so far added to the configuration, until they pass or show nothing new (at
 * most {@value #MAX_ROUNDS} rounds). Every finding of every round counts, each request once.
 * Used alike by the command line and the test kit.
 */
public final class SuggestionRun {

    /** Rounds of evaluation at most; each uncovers the next blocking finding of a request. */
    public static final int MAX_ROUNDS = 12;

    /**
     * A request to replay.
     *
     * @param route its route pattern (see {@link RoutePatterns})
     * @param method its method
     * @param client who sent it
     * @param request the request
     */
    public record Sample(String route, String method, String client, HttpRequest request) {

        public Sample {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * A request the given engine blocked.
     *
     * @param sample the request
     * @param decision the engine's decision on it
     * @param findings its blocking findings over every round
     */
    public record Blocked(Sample sample, Decision decision, List<Finding> findings) {

        public Blocked {
            Objects.requireNonNull(sample, "sample");
            Objects.requireNonNull(decision, "decision");
            findings = List.copyOf(findings);
        }
    }

    private final Suggestions suggestions;
    private final List<Blocked> blocked;

    private SuggestionRun(Suggestions suggestions, List<Blocked> blocked) {
        this.suggestions = suggestions;
        this.blocked = List.copyOf(blocked);
    }

    /**
     * Replays {@code samples} through {@code engine}, then the blocked ones through engines of its
     * configuration with the exceptions suggested so far.
     *
     * @param engine the engine of the first round; later rounds use its configuration only
     * @param samples the requests to replay
     * @param recorded findings taken as they are (e.g. read from a security log)
     * @param maxLocations the collector's budget, see {@link SuggestionCollector#create(int)}
     */
    public static SuggestionRun replay(Bulwark engine, List<Sample> samples, List<Observation> recorded,
            int maxLocations) {
        List<Blocked> blocked = new ArrayList<>();
        List<List<Finding>> found = new ArrayList<>();
        for (Sample sample : samples) {
            Decision decision = engine.evaluate(sample.request());
            if (decision.blocked()) {
                blocked.add(new Blocked(sample, decision, List.of()));
                found.add(new ArrayList<>(decision.blockingFindings()));
            }
        }
        Suggestions suggestions = collect(recorded, blocked, found, maxLocations);
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < blocked.size(); i++) {
            open.add(i);
        }
        for (int round = 1; round < MAX_ROUNDS && !open.isEmpty(); round++) {
            Bulwark next = Bulwark.create(suggestions.applyTo(engine.config()));
            List<Integer> stillOpen = new ArrayList<>();
            for (int i : open) {
                Decision decision = next.evaluate(blocked.get(i).sample().request());
                List<Finding> more = decision.blockingFindings().stream().filter(f -> !found.get(i).contains(f)).toList();
                if (decision.blocked() && !more.isEmpty()) {
                    found.get(i).addAll(more);
                    stillOpen.add(i);
                }
            }
            if (stillOpen.isEmpty()) {
                break;
            }
            open = stillOpen;
            suggestions = collect(recorded, blocked, found, maxLocations);
        }
        List<Blocked> result = new ArrayList<>(blocked.size());
        for (int i = 0; i < blocked.size(); i++) {
            result.add(new Blocked(blocked.get(i).sample(), blocked.get(i).decision(), found.get(i)));
        }
        return new SuggestionRun(suggestions, result);
    }

    private static Suggestions collect(List<Observation> recorded, List<Blocked> blocked, List<List<Finding>> found,
            int maxLocations) {
        SuggestionCollector collector = SuggestionCollector.create(maxLocations);
        for (Observation observation : recorded) {
            collector.record(observation.route(), observation.method(), observation.client(), observation.findings());
        }
        for (int i = 0; i < blocked.size(); i++) {
            Sample sample = blocked.get(i).sample();
            collector.record(sample.route(), sample.method(), sample.client(), found.get(i));
        }
        return collector.suggestions();
    }

    /** The suggestions over every round. */
    public Suggestions suggestions() {
        return suggestions;
    }

    /** The requests the given engine blocked, in replay order, with their findings over every round. */
    public List<Blocked> blocked() {
        return blocked;
    }

    /** The exceptions for one blocked request's findings alone: what would let it pass. */
    public static List<SuggestedException> fixes(Blocked blocked) {
        SuggestionCollector collector = SuggestionCollector.create();
        Sample sample = blocked.sample();
        collector.record(sample.route(), sample.method(), sample.client(), blocked.findings());
        return collector.suggestions().exceptions();
    }
}
