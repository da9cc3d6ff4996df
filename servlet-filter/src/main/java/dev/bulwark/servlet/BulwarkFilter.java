package dev.bulwark.servlet;

import dev.bulwark.core.AdapterDecisions;
import dev.bulwark.core.BlockResponder;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.DecisionListener;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.RequestSummary;
import dev.bulwark.core.ResponseHeaderPolicy;
import dev.bulwark.core.SecurityEventLogger;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.servlet.internal.ApplicationRequest;
import dev.bulwark.servlet.internal.BlockedResponses;
import dev.bulwark.servlet.internal.BodyReadException;
import dev.bulwark.servlet.internal.BodyReadTimeoutException;
import dev.bulwark.servlet.internal.BodyReadWatchdog;
import dev.bulwark.servlet.internal.BodyReader;
import dev.bulwark.servlet.internal.CapturedBody;
import dev.bulwark.servlet.internal.CapturingResponse;
import dev.bulwark.servlet.internal.HeaderPolicingResponse;
import dev.bulwark.servlet.internal.RequestTranslator;
import dev.bulwark.servlet.internal.ResponseHeaderWriter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link Bulwark} engine in front of a servlet application.
 *
 * <p>For each request the filter reads the body once, up to the configured
 * {@linkplain dev.bulwark.core.config.Limits#bodySize() body size} (the route's, when the route
 * the request line and headers select sets one: {@link Bulwark#bodySizeLimit}) plus one byte, translates the
 * request into the core's {@link HttpRequest} (path and query exactly as sent, every header with
 * its duplicates), and asks the engine. It decides nothing itself:
 * <ul>
 *   <li><b>Blocked:</b> the filter answers with the decision's status and an
 *       {@code application/problem+json} body holding a generic title and the incident id, never
 *       the rule or any part of the request. The application is not called.</li>
 *   <li><b>Allowed:</b> the application gets a request that replays exactly the bytes that were
 *       read: {@code getInputStream}, {@code getReader}, the content length and the
 *       {@code getParameter*} methods agree with them, byte for byte.</li>
 * </ul>
 * The {@linkplain Decision#headerChanges() header changes} of the decision are applied: request
 * headers the checks hide or set are hidden or replaced for the application, and response headers
 * they ask for (such as {@code WWW-Authenticate}) are added to the block response. When a token
 * was verified, {@code getUserPrincipal()} and {@code getRemoteUser()} name its subject.
 * <p><b>Response headers</b> ({@code headers.response:}): every response, block responses
 * included, gets the configured security headers the application did not set itself
 * ({@code Strict-Transport-Security} only when the client spoke HTTPS, directly or through a
 * trusted proxy), loses {@code Server} and {@code X-Powered-By}, and, with CORS policing, loses
 * {@code Access-Control-*} headers that would allow an origin not configured. The container's own
 * {@code Server} header is a connector setting (Jetty: {@code HttpConfiguration.setSendServerVersion(false)}).
 * A block response is chosen among the configured {@code block-responses} by the {@code Accept}
 * header, {@code application/problem+json} being the default.
 *
 * <p>Either way the {@link Decision} is in the request attribute {@value #DECISION_ATTRIBUTE}, each
 * of its {@linkplain Decision#attributes() attributes} is a request attribute of its own, and a
 * request with findings produces one security event on the logger {@code dev.bulwark.security}.
 *
 * <p><b>Response validation.</b> Only when the engine {@linkplain Bulwark#inspectsResponses()
 * inspects responses} (OpenAPI {@code validate-responses}), the application writes to a wrapper
 * that passes everything on unchanged and keeps a copy of the first
 * {@value #RESPONSE_CAPTURE_LIMIT} bytes of the body. Once the application has finished (or its
 * asynchronous processing completed) the copy is handed to {@link Bulwark#evaluateResponse}; its
 * findings are log-only and appear in the request's security event. Longer responses are not
 * validated. The response itself is never changed, delayed beyond the application's own return,
 * or blocked.
 *
 * <p><b>Slow bodies.</b> The body must arrive within the
 * {@linkplain dev.bulwark.core.config.BodyReadLimits body-read limits}: a total timeout and a
 * minimum rate after a grace period. A body that misses them is answered with 408 and
 * {@code Connection: close}, and logged. A watchdog thread (one per filter, stopped by
 * {@link #destroy()}) ends the read at the deadline even while the thread is blocked waiting for
 * the client, so a stalled client holds a server thread no longer than its deadline.
 *
 * <p><b>Fail closed.</b> A body the container cannot deliver (client gone, broken chunking) is
 * answered with 400; any failure of the filter or the engine with 503 and an incident id, logged
 * with the exception. The filter never lets such a request through and never causes a 500.
 *
 * <p><b>Once per request.</b> The filter inspects only {@link DispatcherType#REQUEST} dispatches
 * and only once per request (a request attribute guards against a second instance or a second
 * mapping). {@code FORWARD}, {@code INCLUDE}, {@code ERROR} and {@code ASYNC} dispatches pass
 * through: they carry the request that was already inspected, or a response the container makes
 * for it. Map the filter to {@code /*} for {@code REQUEST} dispatches, before any filter that
 * reads the body or parameters. Requests that are not HTTP pass through untouched.
 *
 * <pre>{@code
 * Bulwark bulwark = Bulwark.create(BulwarkConfig.load(Path.of("bulwark.yaml")));
 * context.addFilter("bulwark", BulwarkFilter.create(bulwark))
 *        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
 * }</pre>
 *
 * <p>{@link #builder} adds {@link DecisionListener}s that observe every decision, e.g. for metrics.
 */
public final class BulwarkFilter implements Filter {

    /** The request attribute holding the {@link Decision} for the request. */
    public static final String DECISION_ATTRIBUTE = "dev.bulwark.decision";

    private static final String FILTERED_ATTRIBUTE = BulwarkFilter.class.getName() + ".FILTERED";
    private static final Logger LOG = LoggerFactory.getLogger(BulwarkFilter.class);
    /** Most response body bytes kept for response validation; longer responses are not validated. */
    static final int RESPONSE_CAPTURE_LIMIT = 1024 * 1024;

    private final Bulwark bulwark;
    /** The global {@code body-size}: the most read of a body, unless its route sets its own ({@link Bulwark#bodySizeLimit}). */
    private final long bodyLimit;
    /** Whether a route sets its own limits: the body limit then depends on the request's route. */
    private final boolean routeLimits;
    private final int maxHeaderFields;
    private final BodyReadWatchdog bodyReadWatchdog;
    private final SecurityEventLogger events;
    private final ResponseHeaderWriter responseHeaders;
    private final BlockResponder blockResponder;
    private final DecisionListener listeners;
    /** Whether the filter built its engine, and so closes it (its rate-limit store connection) when destroyed. */
    private final boolean ownsEngine;

    private BulwarkFilter(Bulwark bulwark, SecurityEventLogger events, List<DecisionListener> listeners,
            boolean ownsEngine) {
        this.bulwark = bulwark;
        this.ownsEngine = ownsEngine;
        this.bodyLimit = bulwark.config().limits().bodySize();
        this.routeLimits = bulwark.config().routes().stream().anyMatch(route -> route.limits() != null);
        this.maxHeaderFields = bulwark.config().limits().headerCount();
        this.bodyReadWatchdog = new BodyReadWatchdog(bulwark.config().limits().bodyRead());
        this.events = events;
        this.responseHeaders = new ResponseHeaderWriter(
                new ResponseHeaderPolicy(bulwark.config().headers().response()));
        this.blockResponder = new BlockResponder(bulwark.config().blockResponses());
        this.listeners = DecisionListener.all(listeners);
    }

    /** A filter that asks {@code bulwark}. */
    public static BulwarkFilter create(Bulwark bulwark) {
        return builder(bulwark).build();
    }

    /** A builder, for a filter that asks {@code bulwark} and tells listeners about each decision. */
    public static Builder builder(Bulwark bulwark) {
        return new Builder(Objects.requireNonNull(bulwark, "bulwark"));
    }

    /** A filter with an engine built from {@code config} with the built-in checks. */
    public static BulwarkFilter create(BulwarkConfig config) {
        Bulwark bulwark = Bulwark.create(Objects.requireNonNull(config, "config"));
        return new BulwarkFilter(bulwark, new SecurityEventLogger(), List.of(), true);
    }

    /** Logs once, at INFO, that Bulwark is active and how ({@link Bulwark#summary()}). */
    @Override
    public void init(FilterConfig filterConfig) {
        LOG.info("{}", bulwark.summary());
    }

    /**
     * Stops the thread that ends stalled body reads, and closes the engine when the filter built it
     * (an engine passed in belongs to whoever built it).
     */
    @Override
    public void destroy() {
        bodyReadWatchdog.close();
        if (ownsEngine) {
            bulwark.close();
        }
    }

    /** The engine this filter asks. */
    public Bulwark bulwark() {
        return bulwark;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        if (!(servletRequest instanceof HttpServletRequest request)
                || !(servletResponse instanceof HttpServletResponse response)
                || servletRequest.getDispatcherType() != DispatcherType.REQUEST
                || servletRequest.getAttribute(FILTERED_ATTRIBUTE) != null) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        request.setAttribute(FILTERED_ATTRIBUTE, Boolean.TRUE);

        Inspected inspected = inspect(request);
        Decision decision = inspected.decision();
        listeners.onDecision(decision, inspected.time());
        request.setAttribute(DECISION_ATTRIBUTE, decision);
        Map<String, Object> attributes = decision.attributes();
        if (!attributes.isEmpty()) {
            for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
                request.setAttribute(attribute.getKey(), attribute.getValue());
            }
        }
        if (decision.blocked()) {
            block(request, response, decision);
            return;
        }
        HttpServletRequest forApplication = ApplicationRequest.wrap(request, inspected.body(), decision);
        HttpServletResponse responseForApplication = HeaderPolicingResponse.wrap(response, responseHeaders,
                secure(request, decision));
        CapturingResponse captured = bulwark.inspectsResponses()
                ? new CapturingResponse(responseForApplication, RESPONSE_CAPTURE_LIMIT) : null;
        boolean returned = false;
        try {
            chain.doFilter(forApplication, captured == null ? responseForApplication : captured);
            returned = true;
        } finally {
            if (responseForApplication instanceof HeaderPolicingResponse policed && !request.isAsyncStarted()) {
                policed.finish();
            }
            boolean async = returned && request.isAsyncStarted();
            if (captured != null && async) {
                request.getAsyncContext().addListener(new ResponseCompletion(decision, inspected.request(),
                        summary(request, decision), captured));
            } else if (captured != null || decision.hasFindings()) {
                // The status is known only when the application finished normally and synchronously.
                finish(decision, inspected.request(), summary(request, decision), returned && !async ? captured : null,
                        returned && !async ? response.getStatus() : null);
            }
        }
    }

    /**
     * Logs the request's findings together with those of response validation (when the response
     * was captured), as one event. Response findings are log-only: the response has gone out as
     * the application wrote it.
     */
    private void finish(Decision decision, HttpRequest request, RequestSummary summary, CapturingResponse captured,
            Integer status) {
        Decision logged = decision;
        if (captured != null) {
            List<Finding> responseFindings = validateResponse(decision, request, captured);
            if (!responseFindings.isEmpty()) {
                List<Finding> all = new ArrayList<>(decision.findings());
                all.addAll(responseFindings);
                logged = Decision.of(all, decision.incidentId(), decision.attributes(), decision.headerChanges(),
                        decision.violations());
            }
        }
        if (logged.hasFindings()) {
            events.log(logged, summary, status);
        }
    }

    private List<Finding> validateResponse(Decision decision, HttpRequest request, CapturingResponse captured) {
        if (captured.truncated()) {
            LOG.debug("Response over {} bytes not validated (incident {})", RESPONSE_CAPTURE_LIMIT, decision.incidentId());
            return List.of();
        }
        try {
            return bulwark.evaluateResponse(request, captured.getStatus(), captured.headers(), captured.body());
        } catch (RuntimeException e) {
            LOG.warn("Response validation failed (incident {})", decision.incidentId(), e);
            return List.of();
        }
    }

    /** Finishes a request the application completed asynchronously. */
    private final class ResponseCompletion implements AsyncListener {
        private final Decision decision;
        private final HttpRequest request;
        private final RequestSummary summary;
        private final CapturingResponse captured;

        ResponseCompletion(Decision decision, HttpRequest request, RequestSummary summary, CapturingResponse captured) {
            this.decision = decision;
            this.request = request;
            this.summary = summary;
            this.captured = captured;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finish(decision, request, summary, captured, captured.getStatus());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** Reads, translates and evaluates; never throws. */
    private Inspected inspect(HttpServletRequest request) {
        CapturedBody body;
        Headers headers = null;
        // Time spent on the request before its body was read: the route's limit, when routes set limits.
        long limitNanos = 0;
        try {
            long limit = bodyLimit;
            if (routeLimits) {
                long asked = System.nanoTime();
                headers = RequestTranslator.headers(request, maxHeaderFields);
                limit = bulwark.bodySizeLimit(RequestTranslator.translate(request, headers, CapturedBody.empty()));
                limitNanos = System.nanoTime() - asked;
            }
            body = BodyReader.read(request, limit, bodyReadWatchdog);
        } catch (BodyReadTimeoutException e) {
            Decision decision = AdapterDecisions.bodyReadTimeout(e.rateBound(), e.bytesRead(), bodyReadWatchdog.limits());
            LOG.debug("Request body too slow (incident {}): {}", decision.incidentId(), e.getMessage());
            return new Inspected(decision, null, null, Duration.ZERO);
        } catch (BodyReadException e) {
            Decision decision = AdapterDecisions.unreadableBody();
            LOG.debug("Request body could not be read (incident {})", decision.incidentId(), e);
            return new Inspected(decision, null, null, Duration.ZERO);
        } catch (RuntimeException | Error e) {
            return failed(e, Duration.ZERO);
        }
        long started = System.nanoTime() - limitNanos;
        try {
            if (headers == null) {
                headers = RequestTranslator.headers(request, maxHeaderFields);
            }
            HttpRequest translated = RequestTranslator.translate(request, headers, body);
            Decision decision = bulwark.evaluate(translated);
            return new Inspected(decision, body, translated, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException | Error e) {
            return failed(e, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static Inspected failed(Throwable e, Duration time) {
        // Fail closed: a request the filter could not inspect must not reach the application.
        Decision decision = AdapterDecisions.failure(e);
        LOG.error("Request could not be inspected; blocking it (incident {})", decision.incidentId(), e);
        return new Inspected(decision, null, null, time);
    }

    private void block(HttpServletRequest request, HttpServletResponse response, Decision decision) {
        try {
            responseHeaders.applyTo(response, secure(request, decision));
            if (AdapterDecisions.closesConnection(decision) && !response.isCommitted()) {
                response.setHeader("Connection", "close");
            }
            Enumeration<String> acceptValues = request.getHeaders("Accept");
            List<String> accept = acceptValues == null ? List.of() : Collections.list(acceptValues);
            if (!BlockedResponses.send(response, blockResponder.reply(decision, accept))) {
                LOG.warn("Response already committed; cannot send the block response (incident {})",
                        decision.incidentId());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not send the block response (incident {})", decision.incidentId(), e);
        }
        Integer status = response.isCommitted() ? response.getStatus() : decision.status();
        events.log(decision, summary(request, decision), status);
    }

    /** The request as the security event names it, with the client address the engine resolved. */
    private static RequestSummary summary(HttpServletRequest request, Decision decision) {
        String peer = nonNull(request.getRemoteAddr());
        return new RequestSummary(nonNull(request.getMethod()), nonNull(request.getRequestURI()),
                decision.clientAddress().orElse(peer), peer);
    }

    /** Whether the client spoke HTTPS: to this server, or to a trusted proxy that says so. */
    private static boolean secure(HttpServletRequest request, Decision decision) {
        return decision.clientSecure().orElse(request.isSecure());
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private record Inspected(Decision decision, CapturedBody body, HttpRequest request, Duration time) {
    }

    /** Builds a {@link BulwarkFilter}. */
    public static final class Builder {
        private final Bulwark bulwark;
        private final List<DecisionListener> listeners = new ArrayList<>();

        private Builder(Bulwark bulwark) {
            this.bulwark = bulwark;
        }

        /** Adds a listener that is told about every decision, after those added before it. */
        public Builder listener(DecisionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public BulwarkFilter build() {
            return new BulwarkFilter(bulwark, new SecurityEventLogger(), listeners, false);
        }
    }

    @Override
    public String toString() {
        return "BulwarkFilter(" + bulwark.config().mode() + ")";
    }
}
