package dev.bulwark.spring.internal;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.DecisionListener;
import dev.bulwark.core.Finding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Micrometer meters for the filter's decisions, bound to every registry Spring Boot configures:
 * <ul>
 *   <li>{@value #REQUESTS}: counter of inspected requests, tag {@code outcome} =
 *       {@code allowed} (no findings), {@code blocked}, or {@code logged} (allowed with
 *       log-only findings);</li>
 *   <li>{@value #BLOCKS}: counter of requests with findings of a rule key, tags {@code rule.key}
 *       and {@code mode} ({@code block} or {@code log-only}, the latter counting what would have
 *       been blocked);</li>
 *   <li>{@value #INSPECTION}: timer of the time spent translating and evaluating each request;</li>
 *   <li>when rate limits or repeat-offender blocking are configured, {@value #RATE_LIMITED}: counter of
 *       requests over a limit or refused as repeat offenders (log-only ones included), and
 *       {@value #STORE_FAILURES}: counter of requests whose limits could not be checked because the
 *       store failed or its circuit was open, tag {@code store} ({@code local} or the Redis URI
 *       without credentials).</li>
 * </ul>
 */
public final class BulwarkMetrics implements MeterBinder, DecisionListener {

    static final String REQUESTS = "bulwark.requests";
    static final String BLOCKS = "bulwark.blocks";
    static final String INSPECTION = "bulwark.inspection";
    static final String RATE_LIMITED = "bulwark.rate.limited";
    static final String STORE_FAILURES = "bulwark.rate.store.failures";

    private final Bulwark bulwark;
    private final List<Meters> bound = new CopyOnWriteArrayList<>();

    public BulwarkMetrics(Bulwark bulwark) {
        this.bulwark = bulwark;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (bulwark.rateLimitStatus().enabled()) {
            FunctionCounter.builder(RATE_LIMITED, bulwark, engine -> engine.rateLimitStatus().limitedRequests())
                    .description("Requests over a rate limit or refused as repeat offenders, log-only ones included")
                    .register(registry);
            FunctionCounter.builder(STORE_FAILURES, bulwark, engine -> engine.rateLimitStatus().storeFailures())
                    .description("Requests whose rate limits could not be checked because the store failed")
                    .tag("store", bulwark.rateLimitStatus().store())
                    .register(registry);
        }
        bound.add(new Meters(registry, requests(registry, "allowed"), requests(registry, "blocked"),
                requests(registry, "logged"),
                Timer.builder(INSPECTION)
                        .description("Time Bulwark spent translating and evaluating a request, without reading its body")
                        .register(registry)));
    }

    @Override
    public void onDecision(Decision decision, Duration inspectionTime) {
        if (bound.isEmpty()) {
            return;
        }
        for (Meters meters : bound) {
            meters.inspection().record(inspectionTime);
            (decision.blocked() ? meters.blocked() : decision.hasFindings() ? meters.logged() : meters.allowed())
                    .increment();
            Set<String> counted = new HashSet<>();
            for (Finding finding : decision.findings()) {
                String mode = finding.mode().name().toLowerCase(Locale.ROOT).replace('_', '-');
                if (counted.add(finding.ruleKey() + '\n' + mode)) {
                    Counter.builder(BLOCKS)
                            .description("Requests with findings of a rule key; mode log-only counts what would have been blocked")
                            .tag("rule.key", finding.ruleKey())
                            .tag("mode", mode)
                            .register(meters.registry())
                            .increment();
                }
            }
        }
    }

    private static Counter requests(MeterRegistry registry, String outcome) {
        return Counter.builder(REQUESTS)
                .description("Requests inspected by Bulwark, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private record Meters(MeterRegistry registry, Counter allowed, Counter blocked, Counter logged, Timer inspection) {
    }
}
