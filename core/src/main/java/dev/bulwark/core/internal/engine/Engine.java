package dev.bulwark.core.internal.engine;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RateLimitStatus;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.config.MethodOverridePolicy;
import dev.bulwark.core.config.RequestCondition;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.config.UninspectablePolicy;
import dev.bulwark.core.internal.decode.PathNormalizer;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.decode.SuspiciousPath;
import dev.bulwark.core.internal.deny.BuiltInRules;
import dev.bulwark.core.internal.deny.DenyRuleCheck;
import dev.bulwark.core.internal.graphql.GraphQlCheck;
import dev.bulwark.core.internal.jwt.JwtCheck;
import dev.bulwark.core.internal.openapi.OpenApiCheck;
import dev.bulwark.core.internal.openapi.OpenApiSupport;
import dev.bulwark.core.internal.parse.LimitExceededException;
import dev.bulwark.core.internal.parse.MalformedRequestException;
import dev.bulwark.core.internal.parse.UninspectedContent;
import dev.bulwark.core.internal.policy.MethodOverride;
import dev.bulwark.core.internal.policy.PolicyChecks;
import dev.bulwark.core.internal.ratelimit.RateLimiter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline: request-level limits, client address resolution, parsing and decoding,
 * the method policies judge (a method override, when {@code method-override: allow}), route
 * selection, the request policy (IP rules, allowed methods, allow rules, CSRF, header
 * filtering), the GraphQL checks on a GraphQL path, then each check in order. Rate limiting, when
 * configured, refuses a banned client right after resolving its address, counts the request after
 * route selection (and after the token check for limits keyed by a claim), and counts deny-rule
 * blocks towards a ban. Stops at the first blocking finding. Never lets an exception escape: an internal
 * failure becomes a blocking {@link BlockType#INTERNAL} finding (fail closed).
 */
public final class Engine {

    /** Rule key of limit findings. */
    public static final String LIMIT_KEY = "LIMIT";
    /** Rule key of findings about input that could not be parsed. */
    public static final String MALFORMED_KEY = "MALFORMED";
    /** Rule key of bodies that could not be inspected. */
    public static final String UNINSPECTED_KEY = "UNINSPECTED";
    /** Rule key of internal failures. */
    public static final String INTERNAL_KEY = "INTERNAL";

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final BulwarkConfig config;
    private final Limits limits;
    private final DenyRuleCheck denyRules;
    /** The checks after the deny rules: tokens, OpenAPI, then those the user added. */
    private final List<Check> checks;
    private final OpenApiCheck openApi;
    /** {@code null} when GraphQL protection is off. */
    private final GraphQlCheck graphQl;
    private final RequestParser parser;
    /** A parser for each route with limits of its own, by route; routes without are not in it. */
    private final Map<Route, RequestParser> routeParsers;
    private final PolicyChecks policy;
    /** {@code null} when no rate limit and no repeat-offender blocking is configured. */
    private final RateLimiter rateLimiter;

    public Engine(BulwarkConfig config, List<Check> extraChecks) {
        this.config = config;
        this.limits = config.limits();
        RecentHeaderValues headerValues = new RecentHeaderValues(new PercentDecoder(config.decodingPasses()));
        this.parser = new RequestParser(config, limits, headerValues);
        Map<Route, RequestParser> parsers = new IdentityHashMap<>();
        for (Route route : config.routes()) {
            if (route.limits() != null) {
                parsers.put(route, new RequestParser(config, route.limits(), headerValues));
            }
        }
        this.routeParsers = parsers;
        this.policy = new PolicyChecks(config);
        this.graphQl = config.graphql().enabled() ? new GraphQlCheck(config.graphql()) : null;
        this.denyRules = new DenyRuleCheck(config.denyRules(), BuiltInRules.detectors(config.denyRules()),
                BuiltInRules.requestDetectors());
        this.rateLimiter = RateLimiter.create(config);
        List<Check> all = new ArrayList<>();
        if (config.jwt().enabled()) {
            all.add(new JwtCheck(config.jwt()));
            if (rateLimiter != null && rateLimiter.hasClaimLimits()) {
                // Limits keyed by a claim count only verified tokens, so they run right after the token check.
                all.add(new Check() {
                    @Override
                    public String name() {
                        return "rate-limits";
                    }

                    @Override
                    public void inspect(Inspection inspection) {
                        rateLimiter.limit(inspection, claims(inspection));
                    }
                });
            }
        }
        if (config.openapi().enabled()) {
            openApi = OpenApiSupport.create(config.openapi());
            all.add(openApi);
        } else {
            openApi = null;
        }
        all.addAll(extraChecks);
        this.checks = List.copyOf(all);
    }

    public Decision evaluate(HttpRequest request) {
        RequestInspection inspection = new RequestInspection(request, new ArrayList<>(expectedValues(request)),
                config.mode());
        try {
            run(request, inspection);
        } catch (LimitExceededException e) {
            inspection.report(limitFinding(e));
        } catch (MalformedRequestException e) {
            inspection.report(malformedFinding(e));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            String incidentId = IncidentIds.next();
            LOG.error("Request inspection failed; blocking the request (incident {})", incidentId, e);
            inspection.report(new Finding(INTERNAL_KEY, "INTERNAL-ERROR", "inspection failed: " + e.getClass().getSimpleName(),
                    Location.REQUEST, "", Level.BASIC, Mode.BLOCK, BlockType.INTERNAL, BlockType.INTERNAL.defaultStatus()));
            return Decision.of(inspection.findings(), incidentId, inspection.attributes(), inspection.headerChanges(),
                    inspection.violations());
        }
        return Decision.ofNewIncident(inspection.findings(), inspection.attributes(), inspection.headerChanges(),
                inspection.violations());
    }

    /** Most values a request's list starts with room for; a request with more grows it. */
    private static final int MAX_EXPECTED_VALUES = 1024;

    /**
     * Room for about as many values as the request will be parsed into, so that the list is not
     * copied again and again as it grows (a 1 KiB JSON body gives some 100 values): the path and
     * its segments, one per header field, about one per 8 characters of query and of the first
     * {@code Cookie} field (a name or a value every 8 characters or so) and, for a JSON or
     * form body, one per 10 bytes (a key or string every 10 bytes or so in typical documents).
     * Other bodies (multipart uploads, text) give few values for their size and are not counted.
     * At most {@value #MAX_EXPECTED_VALUES}, 4 KiB of references, for a large body.
     */
    private static int expectedValues(HttpRequest request) {
        String mediaType = request.mediaType();
        boolean fieldsDense = mediaType != null && (mediaType.equals("application/json") || mediaType.endsWith("+json")
                || mediaType.equals("application/x-www-form-urlencoded"));
        String cookies = request.headers().first("cookie");
        long expected = 8 + request.headers().size() + (fieldsDense ? request.bodyLength() / 10 : 0)
                + (request.rawQuery() == null ? 0 : request.rawQuery().length() / 8)
                + (cookies == null ? 0 : cookies.length() / 8);
        return (int) Math.min(expected, MAX_EXPECTED_VALUES);
    }

    /**
     * One line saying that Bulwark is active and how: mode, deny-rule level, the checks that run,
     * the number of deny-rule exceptions and of routes. Adapters log it once at start-up.
     */
    public String summary() {
        List<String> names = new ArrayList<>();
        names.add("limits");
        if (config.ipRules().enabled()) {
            names.add("ip-rules");
        }
        names.add("allowed-methods");
        if (config.allowRules().enabled()) {
            names.add("allow-rules");
        }
        if (config.csrf().enabled()) {
            names.add("csrf");
        }
        names.add("request-headers");
        if (config.denyRules().level() != Level.OFF || !config.denyRules().customRules().isEmpty()) {
            names.add(denyRules.name());
        }
        for (Check check : checks) {
            names.add(check.name());
        }
        return "Bulwark active: mode=" + lower(config.mode()) + ", deny-rules level=" + lower(config.denyRules().level())
                + ", checks=" + names + ", deny-rule exceptions=" + config.denyRules().exceptions().size()
                + ", routes=" + config.routes().size();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether responses need to be captured for validation. */
    public boolean inspectsResponses() {
        return openApi != null && config.openapi().validateResponses();
    }

    /** Log-only findings about a response; empty unless response validation is on. */
    public List<Finding> inspectResponse(HttpRequest request, int status, Headers headers, byte[] body) {
        if (!inspectsResponses()) {
            return List.of();
        }
        try {
            return openApi.inspectResponse(request, parser.routingPath(request.rawPath()), status, headers, body);
        } catch (RuntimeException e) {
            LOG.warn("Response validation failed", e);
            return List.of();
        }
    }

    /**
     * The largest body {@code request} may carry: the {@code body-size} of the route its method,
     * path, media type and client select, else the global one. Looks at nothing but the request
     * line and headers, so an adapter can ask before it reads the body.
     */
    public long bodySizeLimit(HttpRequest request) {
        if (routeParsers.isEmpty()) {
            return limits.bodySize();
        }
        RequestInspection inspection = new RequestInspection(request, new ArrayList<>(), config.mode());
        inspection.client(policy.resolveClient(inspection));
        return limitsOf(limitsRoute(request, parser.normalize(request.rawPath()).path(), inspection.clientAddress()))
                .bodySize();
    }

    private void run(HttpRequest request, RequestInspection inspection)
            throws LimitExceededException, MalformedRequestException {
        checkRequestLimits(request);
        inspection.client(policy.resolveClient(inspection));
        if (inspection.blocked() || rateLimiter != null && rateLimiter.refuseBanned(inspection)) {
            return;
        }
        // The body is parsed under the limits of the route the request as sent falls under.
        // Normalised once: the route lookup and the parser both need it.
        PathNormalizer.NormalizedPath path = parser.normalize(request.rawPath());
        Route limitsRoute = routeParsers.isEmpty() ? null : limitsRoute(request, path.path(), inspection.clientAddress());
        Limits bodyLimits = limitsOf(limitsRoute);
        if (request.bodyTruncated() || request.bodyLength() > bodyLimits.bodySize()) {
            throw new LimitExceededException("body-size", Location.value(Source.BODY, ""), bodyLimits.bodySize(), 413);
        }
        RequestParser.Parsed parsed = parserOf(limitsRoute).parse(request, path, inspection.mutableValues());
        inspection.path(parsed.path(), parsed.routingPath(), parsed.suspicious());
        if (config.methodOverride() == MethodOverridePolicy.ALLOW) {
            MethodOverride override = policy.methodOverride(inspection);
            if (override.effectiveMethod() != null) {
                inspection.method(override.effectiveMethod());
            }
        }
        boolean routeAmbiguous = selectRoute(request, inspection);
        Limits routeLimits = limitsOf(inspection.route());
        if (routeLimits != bodyLimits && !routeLimits.equals(bodyLimits)) {
            // A method override moved the request to a route with other limits than it was parsed under.
            inspection.report(Finding.blocking(MALFORMED_KEY, "MALFORMED-ROUTE-LIMITS",
                    "the overridden method falls under a route with other limits", Location.REQUEST,
                    BlockType.MALFORMED, 400));
            return;
        }
        if (rateLimiter != null) {
            rateLimiter.limit(inspection, null);
        }
        for (Check check : policy.checks()) {
            if (inspection.blocked()) {
                break;
            }
            check.inspect(inspection);
        }
        for (UninspectedContent content : parsed.uninspected()) {
            reportUninspected(content, inspection);
        }
        if (parsed.graphQl() != null && !inspection.blocked()) {
            // Before the deny rules: a document over a limit is refused before its values are scanned.
            graphQl.inspect(parsed.graphQl(), inspection);
        }
        if (inspection.blocked()) {
            return;
        }
        denyRules.inspect(inspection);
        if (rateLimiter != null && blockedByDenyRules(inspection)) {
            rateLimiter.recordDenyBlock(inspection);
        }
        if (!inspection.blocked()) {
            // After the deny rules, so that an attack hidden in a suspicious path is named as such.
            reportAmbiguousPath(inspection, routeAmbiguous);
        }
        for (Check check : checks) {
            if (inspection.blocked()) {
                return;
            }
            check.inspect(inspection);
        }
    }

    private static boolean blockedByDenyRules(RequestInspection inspection) {
        if (!inspection.blocked()) {
            return false;
        }
        for (Finding finding : inspection.findings()) {
            if (finding.blocks()) {
                return finding.blockType() == BlockType.DENY;
            }
        }
        return false;
    }

    /** The verified token's claims; empty when there is no verified token. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(Inspection inspection) {
        return ((RequestInspection) inspection).attribute(JwtCheck.CLAIMS_ATTRIBUTE) instanceof Map<?, ?> claims
                ? (Map<String, Object>) claims : Map.of();
    }

    /** How rate limiting stands; {@link RateLimitStatus#DISABLED} when none is configured. */
    public RateLimitStatus rateLimitStatus() {
        return rateLimiter == null ? RateLimitStatus.DISABLED : rateLimiter.status();
    }

    /** Releases the rate-limit store's connection, if any. */
    public void close() {
        if (rateLimiter != null) {
            rateLimiter.close();
        }
    }

    /**
     * Rejects a path that containers resolve differently (Servlet 6.0, section 3.5.2), and one that
     * falls under a route only when spelled differently: {@code /ADMIN/x} when a route covers
     * {@code /admin/}. A server configured to ignore case would serve the protected handler without
     * the route's requirements; one that does not serves nothing there, so refusing costs nothing.
     */
    private static void reportAmbiguousPath(RequestInspection inspection, boolean routeAmbiguous) {
        SuspiciousPath suspicious = inspection.suspiciousPath();
        if (suspicious != null) {
            inspection.report(Finding.blocking(MALFORMED_KEY, "MALFORMED-" + suspicious.ruleId(), suspicious.description(),
                    Location.value(Source.PATH, ""), BlockType.MALFORMED, 400));
        } else if (routeAmbiguous) {
            inspection.report(Finding.blocking(MALFORMED_KEY, "MALFORMED-PATH-ROUTE-SPELLING",
                    "the path falls under another route when spelled differently", Location.value(Source.PATH, ""),
                    BlockType.MALFORMED, 400));
        }
    }

    /**
     * Blocks or logs content that was not inspected: binary content of a media type the route
     * declares as a binary upload is logged and passes; anything else follows the route's
     * {@code uninspectable} policy, or the global one.
     */
    private void reportUninspected(UninspectedContent content, RequestInspection inspection) {
        Route route = inspection.route();
        Mode mode;
        String description;
        if (content.binary() && route != null && route.body().acceptsBinary(content.mediaType())) {
            mode = Mode.LOG_ONLY;
            description = content.reason() + " declared as " + content.mediaType()
                    + " is a binary upload of the route and was not inspected";
        } else {
            UninspectablePolicy policy = route != null && route.uninspectable() != null ? route.uninspectable()
                    : config.uninspectable();
            mode = policy == UninspectablePolicy.BLOCK ? Mode.BLOCK : Mode.LOG_ONLY;
            description = content.reason() + (content.mediaType() == null ? " without a media type"
                    : " declared as " + content.mediaType()) + " cannot be inspected";
        }
        inspection.report(new Finding(UNINSPECTED_KEY, content.binary() ? "UNINSPECTED-BINARY" : "UNINSPECTED-BODY",
                description, content.location(), "", Level.BASIC, mode, BlockType.MALFORMED, 415));
    }

    /**
     * Applies the first route whose conditions hold for the path exactly as routed.
     *
     * @return whether another route is the first to hold for some spelling of the path (see
     *     {@link dev.bulwark.core.config.RoutingPath}): the request is then refused
     */
    private boolean selectRoute(HttpRequest request, RequestInspection inspection) {
        Route exact = null;
        Route anySpelling = null;
        for (Route route : config.routes()) {
            RequestCondition when = route.when();
            if (!when.matchesIgnoringPath(inspection.method(), request.mediaType(), inspection.clientAddress())) {
                continue;
            }
            if (when.path() == null || when.path().matches(inspection.normalizedPath())) {
                exact = route;
                break;
            }
            if (anySpelling == null && inspection.routingPath().matchesAnySpelling(when.path())) {
                anySpelling = route;
            }
        }
        if (exact != null) {
            inspection.route(exact, exact.mode() != null ? exact.mode() : config.mode());
        }
        return anySpelling != null;
    }

    /**
     * The route whose limits hold for the body: the first whose conditions hold for the method as
     * sent and the path exactly as routed; {@code null} for none.
     */
    private Route limitsRoute(HttpRequest request, String path, String clientAddress) {
        for (Route route : config.routes()) {
            if (route.when().matches(path, request.method(), request.mediaType(), clientAddress)) {
                return route;
            }
        }
        return null;
    }

    private Limits limitsOf(Route route) {
        return route != null && route.limits() != null ? route.limits() : limits;
    }

    private RequestParser parserOf(Route route) {
        RequestParser routeParser = route == null ? null : routeParsers.get(route);
        return routeParser != null ? routeParser : parser;
    }

    /** The limits checked before a route is known: path, query and headers. */
    private void checkRequestLimits(HttpRequest request) throws LimitExceededException {
        if (request.rawPath().length() > limits.pathLength()) {
            throw new LimitExceededException("path-length", Location.value(Source.PATH, ""), limits.pathLength(), 414);
        }
        if (request.rawQuery() != null && request.rawQuery().length() > limits.queryLength()) {
            throw new LimitExceededException("query-length", Location.value(Source.QUERY, ""), limits.queryLength(), 414);
        }
        if (request.headers().size() > limits.headerCount()) {
            throw new LimitExceededException("headers.count", Location.value(Source.HEADER, ""), limits.headerCount(), 431);
        }
        if (request.headers().totalSize() > limits.headerSize()) {
            throw new LimitExceededException("headers.total-size", Location.value(Source.HEADER, ""), limits.headerSize(), 431);
        }
    }

    private static Finding limitFinding(LimitExceededException e) {
        BlockType type = BlockType.LIMIT;
        return new Finding(LIMIT_KEY, "LIMIT-" + e.limit().toUpperCase(Locale.ROOT).replace('.', '-'),
                e.limit() + " limit of " + e.limitValue() + " exceeded", e.location(), "", Level.BASIC, Mode.BLOCK, type, e.status());
    }

    private static Finding malformedFinding(MalformedRequestException e) {
        return new Finding(MALFORMED_KEY, "MALFORMED-" + e.reason().toUpperCase(Locale.ROOT).replace('.', '-'),
                e.getMessage(), e.location(), "", Level.BASIC, Mode.BLOCK, BlockType.MALFORMED, 400);
    }
}
