package dev.bulwark.webflux;

import dev.bulwark.core.AdapterDecisions;
import dev.bulwark.core.BlockResponder;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.DecisionListener;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.RequestSummary;
import dev.bulwark.core.ResponseHeaderPolicy;
import dev.bulwark.core.SecurityEventLogger;
import dev.bulwark.core.config.BodyReadLimits;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.webflux.internal.BlockResponses;
import dev.bulwark.webflux.internal.BodyCapture;
import dev.bulwark.webflux.internal.BodyReadException;
import dev.bulwark.webflux.internal.BodyReadTimeoutException;
import dev.bulwark.webflux.internal.CapturedBody;
import dev.bulwark.webflux.internal.ReplayingRequest;
import dev.bulwark.webflux.internal.RequestTranslator;
import dev.bulwark.webflux.internal.ResponseHeaders;
import dev.bulwark.webflux.internal.TokenPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Puts a {@link Bulwark} engine in front of a Spring WebFlux application (Netty, or any other
 * server WebFlux runs on), doing what the servlet filter does for servlet applications.
 *
 * <p>For each request the filter receives the body once, up to the configured
 * {@linkplain dev.bulwark.core.config.Limits#bodySize() body size} plus one byte, without blocking
 * a thread: buffers are copied as they arrive and released. It translates the request into the
 * core's {@link HttpRequest} (path and query exactly as sent, every header with its duplicates)
 * and asks the engine. It decides nothing itself:
 * <ul>
 *   <li><b>Blocked:</b> the filter answers with the response core's {@link BlockResponder} chose
 *       (by default {@code application/problem+json} with a generic title and the incident id,
 *       never the rule or any part of the request). The application is not called and the rest of
 *       the body is not read. When any of the body was left unread (a length over the limit, a body
 *       that failed or came too slowly), the response says {@code Connection: close} and the
 *       connection is closed after it: the server would otherwise still have to take in the
 *       refused body before the client's next request, and Reactor Netty stops reading a
 *       connection whose queued request was answered with its body unread.</li>
 *   <li><b>Allowed:</b> the application gets a request whose body replays exactly the bytes that
 *       were received, byte for byte, and whose headers carry the decision's
 *       {@linkplain Decision#headerChanges() header changes}. When a token was verified, the
 *       exchange's principal names its subject.</li>
 * </ul>
 * Every response, block responses included, gets core's {@link ResponseHeaderPolicy} just before
 * it is committed: configured security headers the application did not set
 * ({@code Strict-Transport-Security} only over HTTPS, directly or through a trusted proxy), no
 * {@code Server} or {@code X-Powered-By}, and, with CORS policing, no {@code Access-Control-*}
 * headers that would allow an origin not configured.
 *
 * <p>Either way the {@link Decision} is in the exchange attribute {@value #DECISION_ATTRIBUTE},
 * each of its {@linkplain Decision#attributes() attributes} is an exchange attribute of its own,
 * and a request with findings produces one security event on the logger
 * {@code dev.bulwark.security}, as with the servlet filter.
 *
 * <p><b>Where evaluation runs.</b> The engine takes microseconds for a typical request (2.9 us
 * for a GET, 8.2 us for a 1 KB JSON body at {@code standard}) but milliseconds for large bodies
 * (3.8 ms for 100 KB of prose), and verifying a token against a {@code jwks-uri} may wait for the
 * key set to download. So a request is evaluated on the event loop that received it when its body
 * is at most {@value #INLINE_BODY_LIMIT} bytes and no issuer has a {@code jwks-uri}; otherwise on
 * a bounded scheduler (Reactor's {@code boundedElastic} unless {@link Builder#scheduler} names
 * another), and the exchange continues on that scheduler's thread.
 *
 * <p><b>Slow bodies.</b> The body must arrive within the
 * {@linkplain dev.bulwark.core.config.BodyReadLimits body-read limits}; a timer ends the read at its
 * deadline even while the client sends nothing, and the request is answered with 408 and
 * {@code Connection: close}, and logged.
 *
 * <p><b>Fail closed.</b> A body the server cannot deliver is answered with 400; any failure of the
 * filter or the engine with 503 and an incident id, logged with the exception. The filter never
 * lets such a request through and never causes a 500.
 *
 * <p><b>Once per exchange.</b> An exchange attribute guards against a second instance. The filter
 * runs at {@link #DEFAULT_ORDER} unless {@link Builder#order} says otherwise: before Spring
 * Security's {@code WebFilterChainProxy} (-100), so requests are inspected before authentication.
 *
 * <p><b>Not done here:</b> response validation against OpenAPI ({@code validate-responses}) is
 * done by the servlet filter only; with it configured, this filter logs a warning once and
 * validates requests only.
 *
 * <pre>{@code
 * @Bean
 * BulwarkWebFilter bulwarkWebFilter() {
 *     return BulwarkWebFilter.create(Bulwark.create(BulwarkConfig.load(Path.of("bulwark.yaml"))));
 * }
 * }</pre>
 */
public final class BulwarkWebFilter implements WebFilter, Ordered {

    /** The exchange attribute holding the {@link Decision} for the request. */
    public static final String DECISION_ATTRIBUTE = "dev.bulwark.decision";

    /** The default order: before Spring Security's filter chain (-100) and the rest of the application's filters. */
    public static final int DEFAULT_ORDER = -10_100;

    /** Largest body, in bytes, evaluated on the event loop; larger ones are evaluated on the scheduler. */
    public static final int INLINE_BODY_LIMIT = 16 * 1024;

    private static final String FILTERED_ATTRIBUTE = BulwarkWebFilter.class.getName() + ".FILTERED";
    private static final Logger LOG = LoggerFactory.getLogger(BulwarkWebFilter.class);

    private final Bulwark bulwark;
    private final long bodyLimit;
    private final int maxHeaderFields;
    private final BodyReadLimits bodyReadLimits;
    private final boolean mayWaitForKeys;
    private final SecurityEventLogger events = new SecurityEventLogger();
    private final ResponseHeaderPolicy responseHeaders;
    private final BlockResponder blockResponder;
    private final DecisionListener listeners;
    private final Scheduler scheduler;
    private final Scheduler timer;
    private final int order;

    private BulwarkWebFilter(Builder builder) {
        this.bulwark = builder.bulwark;
        BulwarkConfig config = bulwark.config();
        this.bodyLimit = config.limits().bodySize();
        this.maxHeaderFields = config.limits().headerCount();
        this.bodyReadLimits = config.limits().bodyRead();
        this.mayWaitForKeys = config.jwt().issuers().stream().anyMatch(issuer -> issuer.jwksUri() != null);
        this.responseHeaders = new ResponseHeaderPolicy(config.headers().response());
        this.blockResponder = new BlockResponder(config.blockResponses());
        this.listeners = DecisionListener.all(builder.listeners);
        this.scheduler = builder.scheduler;
        this.timer = builder.timer;
        this.order = builder.order;
        if (bulwark.inspectsResponses()) {
            LOG.warn("openapi validate-responses is not supported by the WebFlux filter; only requests are validated");
        }
    }

    /** A filter that asks {@code bulwark}. */
    public static BulwarkWebFilter create(Bulwark bulwark) {
        return builder(bulwark).build();
    }

    /** A builder, for a filter that asks {@code bulwark} and tells listeners about each decision. */
    public static Builder builder(Bulwark bulwark) {
        return new Builder(Objects.requireNonNull(bulwark, "bulwark"));
    }

    /** The engine this filter asks. */
    public Bulwark bulwark() {
        return bulwark;
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getAttribute(FILTERED_ATTRIBUTE) != null) {
            return chain.filter(exchange);
        }
        exchange.getAttributes().put(FILTERED_ATTRIBUTE, Boolean.TRUE);
        ServerHttpRequest request = exchange.getRequest();
        Mono<CapturedBody> body;
        try {
            body = BodyCapture.read(request.getBody(), request.getHeaders().getContentLength(), bodyLimit,
                    bodyReadLimits, timer);
        } catch (RuntimeException e) {
            return carryOut(exchange, chain, failed(e, Duration.ZERO));
        }
        return body
                .flatMap(captured -> evaluate(request, captured))
                .onErrorResume(e -> Mono.just(unread(e)))
                .flatMap(inspected -> carryOut(exchange, chain, inspected));
    }

    private Mono<Inspected> evaluate(ServerHttpRequest request, CapturedBody body) {
        Mono<Inspected> evaluation = Mono.fromSupplier(() -> inspect(request, body));
        return body.bytes().length > INLINE_BODY_LIMIT || mayWaitForKeys
                ? evaluation.subscribeOn(scheduler) : evaluation;
    }

    /** Translates and evaluates; never throws. */
    private Inspected inspect(ServerHttpRequest request, CapturedBody body) {
        long started = System.nanoTime();
        try {
            HttpRequest translated = RequestTranslator.translate(request, body, maxHeaderFields);
            Decision decision = bulwark.evaluate(translated);
            return new Inspected(decision, body, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException | Error e) {
            Inspected failure = failed(e, Duration.ofNanos(System.nanoTime() - started));
            return new Inspected(failure.decision(), body, failure.time());
        }
    }

    /** The decision for a body that could not be received. */
    private Inspected unread(Throwable error) {
        if (error instanceof BodyReadTimeoutException timeout) {
            Decision decision = AdapterDecisions.bodyReadTimeout(timeout.rateBound(), timeout.bytesRead(), bodyReadLimits);
            LOG.debug("Request body too slow (incident {}): {}", decision.incidentId(), timeout.getMessage());
            return new Inspected(decision, null, Duration.ZERO);
        }
        if (error instanceof BodyReadException) {
            Decision decision = AdapterDecisions.unreadableBody();
            LOG.debug("Request body could not be read (incident {})", decision.incidentId(), error);
            return new Inspected(decision, null, Duration.ZERO);
        }
        return failed(error, Duration.ZERO);
    }

    private static Inspected failed(Throwable e, Duration time) {
        // Fail closed: a request the filter could not inspect must not reach the application.
        Decision decision = AdapterDecisions.failure(e);
        LOG.error("Request could not be inspected; blocking it (incident {})", decision.incidentId(), e);
        return new Inspected(decision, null, time);
    }

    private Mono<Void> carryOut(ServerWebExchange exchange, WebFilterChain chain, Inspected inspected) {
        Decision decision = inspected.decision();
        listeners.onDecision(decision, inspected.time());
        Map<String, Object> attributes = exchange.getAttributes();
        attributes.put(DECISION_ATTRIBUTE, decision);
        attributes.putAll(decision.attributes());
        ServerHttpRequest request = exchange.getRequest();
        ResponseHeaders.policeBeforeCommit(exchange.getResponse(), responseHeaders,
                decision.clientSecure().orElse(request.getSslInfo() != null));
        CapturedBody body = inspected.body();
        if (decision.blocked()) {
            boolean bodyLeftUnread = body == null || body.truncated();
            if (body != null) {
                body.discard();
            }
            return block(exchange, decision, summary(request, decision), bodyLeftUnread || AdapterDecisions.closesConnection(decision));
        }
        ServerWebExchange.Builder forApplication = exchange.mutate()
                .request(ReplayingRequest.wrap(request, body, decision.headerChanges(),
                        exchange.getResponse().bufferFactory()));
        decision.principal().ifPresent(subject -> forApplication.principal(Mono.just(new TokenPrincipal(subject))));
        ServerWebExchange mutated = forApplication.build();
        return chain.filter(mutated).doFinally(signal -> {
            body.discard();
            if (decision.hasFindings()) {
                HttpStatusCode status = mutated.getResponse().getStatusCode();
                events.log(decision, summary(request, decision), status == null ? null : status.value());
            }
        });
    }

    /** Sends the block response; {@code closeConnection} when body bytes the filter did not read may follow. */
    private Mono<Void> block(ServerWebExchange exchange, Decision decision, RequestSummary summary,
            boolean closeConnection) {
        Mono<Void> sent;
        try {
            List<String> accept = exchange.getRequest().getHeaders().get("Accept");
            sent = BlockResponses.send(exchange.getResponse(), blockResponder.reply(decision,
                    accept == null ? List.of() : accept), closeConnection);
        } catch (RuntimeException e) {
            LOG.debug("Could not send the block response (incident {})", decision.incidentId(), e);
            sent = Mono.empty();
        }
        return sent
                .onErrorResume(e -> {
                    LOG.debug("Could not send the block response (incident {})", decision.incidentId(), e);
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    events.log(decision, summary, status == null ? decision.status() : status.value());
                });
    }

    /** The request as the security event names it, with the client address the engine resolved. */
    private static RequestSummary summary(ServerHttpRequest request, Decision decision) {
        String peer = RequestTranslator.remoteAddress(request);
        String path = request.getURI().getRawPath();
        return new RequestSummary(request.getMethod().name(), path == null ? "" : path,
                decision.clientAddress().orElse(peer), peer);
    }

    /**
     * A decision, the body it was made on ({@code null} when none could be read: then the rest of
     * the body may still be on its way) and the time it took.
     */
    private record Inspected(Decision decision, CapturedBody body, Duration time) {
    }

    /** Builds a {@link BulwarkWebFilter}. */
    public static final class Builder {
        private final Bulwark bulwark;
        private final List<DecisionListener> listeners = new ArrayList<>();
        private Scheduler scheduler = Schedulers.boundedElastic();
        private Scheduler timer = Schedulers.parallel();
        private int order = DEFAULT_ORDER;

        private Builder(Bulwark bulwark) {
            this.bulwark = bulwark;
        }

        /** Adds a listener that is told about every decision, after those added before it. */
        public Builder listener(DecisionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The scheduler that evaluates requests with large bodies or tokens whose keys may need
         * downloading; it must be bounded. Default: Reactor's {@code boundedElastic}.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The order among the application's web filters; default {@link #DEFAULT_ORDER}. */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        public BulwarkWebFilter build() {
            return new BulwarkWebFilter(this);
        }
    }

    @Override
    public String toString() {
        return "BulwarkWebFilter(" + bulwark.config().mode() + ")";
    }
}
