package dev.bulwark.core;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.internal.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine: evaluates requests against a configuration and decides whether they may pass.
 *
 * <p>Built once at start-up (parsers, rule tables and matchers are compiled then) and thread-safe.
 * {@link #evaluate} never throws for anything a client can send: malformed or oversized input
 * yields a blocking {@link Decision}, and an internal failure blocks the request too (fail closed).
 *
 * <pre>{@code
 * Bulwark bulwark = Bulwark.create(BulwarkConfig.load(Path.of("bulwark.yaml")));
 * Decision decision = bulwark.evaluate(request);
 * if (decision.blocked()) { ... answer decision.status() ... }
 * }</pre>
 */
public final class Bulwark implements AutoCloseable {

    private final BulwarkConfig config;
    private final Engine engine;

    private Bulwark(BulwarkConfig config, List<Check> extraChecks) {
        this.config = config;
        this.engine = new Engine(config, extraChecks);
    }

    /** An engine with the built-in checks for this configuration. */
    public static Bulwark create(BulwarkConfig config) {
        return new Bulwark(Objects.requireNonNull(config, "config"), List.of());
    }

    /** A builder, for adding checks of the application's own after the built-in ones. */
    public static Builder builder(BulwarkConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /** Decides on one request. Never throws for request content. */
    public Decision evaluate(HttpRequest request) {
        return engine.evaluate(Objects.requireNonNull(request, "request"));
    }

    /**
     * The largest body, in bytes, that {@code request} may carry: the {@code limits.body-size} of
     * the route its method, path, media type and client select, else the global one. Only the
     * request line and headers are looked at, so an adapter asks this before it reads the body and
     * reads no more than this plus one byte; {@link #evaluate} then decides on the body it got.
     *
     * @param request the request without its body (or with it: the body is not looked at)
     */
    public long bodySizeLimit(HttpRequest request) {
        return engine.bodySizeLimit(Objects.requireNonNull(request, "request"));
    }

    /**
     * One line for the start-up log saying that Bulwark is active and how, e.g.
     * {@code Bulwark active: mode=block, deny-rules level=standard, checks=[limits, allowed-methods,
     * request-headers, deny-rules, jwt], deny-rule exceptions=2, routes=1}.
     */
    public String summary() {
        return engine.summary();
    }

    /** Whether {@link #evaluateResponse} does anything, so adapters capture responses only then. */
    public boolean inspectsResponses() {
        return engine.inspectsResponses();
    }

    /**
     * Checks a response (OpenAPI response validation when enabled). Findings are log-only: responses
     * are never changed or blocked.
     *
     * @param request the request the response answers
     * @param status the response status
     * @param headers the response headers
     * @param body the response body as sent
     */
    public List<Finding> evaluateResponse(HttpRequest request, int status, Headers headers, byte[] body) {
        return engine.inspectResponse(request, status, headers, body);
    }

    /**
     * How rate limiting stands: the store, whether it answers, and the requests limited and those
     * whose limits could not be checked; {@link RateLimitStatus#DISABLED} when none is configured.
     */
    public RateLimitStatus rateLimitStatus() {
        return engine.rateLimitStatus();
    }

    /** Releases what the engine holds open: the connection of a Redis rate-limit store. */
    @Override
    public void close() {
        engine.close();
    }

    /** The configuration this engine was built from. */
    public BulwarkConfig config() {
        return config;
    }

    /** Builds a {@link Bulwark} with additional checks. */
    public static final class Builder {
        private final BulwarkConfig config;
        private final List<Check> checks = new ArrayList<>();

        private Builder(BulwarkConfig config) {
            this.config = config;
        }

        /** Adds a check that runs after the built-in ones, in the order added. */
        public Builder check(Check check) {
            checks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        public Bulwark build() {
            return new Bulwark(config, List.copyOf(checks));
        }
    }
}
