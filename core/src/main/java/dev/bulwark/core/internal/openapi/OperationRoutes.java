package dev.bulwark.core.internal.openapi;

import static dev.bulwark.core.internal.openapi.ValidatorInternals.read;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.request.RequestValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiPath;
import com.atlassian.oai.validator.model.ApiPathImpl;
import com.atlassian.oai.validator.model.NormalisedPath;
import com.atlassian.oai.validator.model.NormalisedPathImpl;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's operation lookup as a table built once at start-up, so that a request's
 * operation is found without the validator's per-request streams and its regular expression per
 * spec path and segment; the request is then checked by the validator's own
 * {@link RequestValidator} against that operation.
 *
 * <p>The answers are the validator's ({@code OperationRoutesTest} compares both): its paths, base
 * path and operations are read from the validator itself; a request path is split by the
 * validator's own {@link NormalisedPathImpl}; a spec segment matches as the validator's pattern for
 * it would, segment by segment (literal text compared with ASCII letters in either case, each
 * <code>{name}</code> standing for any run of characters but line terminators); of the paths that
 * match and declare the method, one spelled like the request wins, else the most specific (fewest
 * characters in templates), else the first in the spec. A request no operation fits is left to the
 * validator, which reports the missing path or method as before.
 *
 * <p>Every match is linear in the request path (times the spec's segments of the same depth). A
 * spec segment with a line terminator or a backslash in it, a validator whose layout is not the
 * one expected, or a validator other than the tested version ({@link ValidatorInternals}) leaves
 * the lookup and the whole check to the validator ({@link #of} returns null and says why).
 */
final class OperationRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OperationRoutes.class);

    private final String apiPrefix;
    private final RequestValidator requestValidator;
    /** The validator's steps with remembered media type answers; null: its {@code validateRequest} as a whole. */
    private final RequestSteps steps;
    /** Per number of path parts, the spec paths with that many, in the validator's order. */
    private final Map<Integer, Route[]> routesByParts;

    /** One spec path: its segments as matchers, its specificity, its operations by method. */
    private record Route(ApiPath path, Segment[] segments, boolean strict, boolean trailingSlash, int specificity,
            Map<PathItem.HttpMethod, Operation> operations) {

        boolean matches(NormalisedPath request) {
            if (strict && trailingSlash != request.original().endsWith("/")) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!segments[i].matches(request.part(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private OperationRoutes(String apiPrefix, RequestValidator requestValidator, RequestSteps steps,
            Map<Integer, Route[]> routesByParts) {
        this.apiPrefix = apiPrefix;
        this.requestValidator = requestValidator;
        this.steps = steps;
        this.routesByParts = routesByParts;
    }

    /**
     * The routing table of {@code validator}'s spec, or null when the lookup must stay with the
     * validator: a validator other than the tested version (see {@link ValidatorInternals}, which
     * logs which path is used), or one whose layout is not the one expected (with a warning).
     */
    static OperationRoutes of(OpenApiInteractionValidator validator) {
        return of(validator, ValidatorInternals.VERSION);
    }

    /** As {@link #of(OpenApiInteractionValidator)}, for a validator of version {@code validatorVersion}. */
    static OperationRoutes of(OpenApiInteractionValidator validator, String validatorVersion) {
        if (!ValidatorInternals.tested(validatorVersion)) {
            return null;
        }
        try {
            RequestValidator requestValidator = (RequestValidator) read(validator, "requestValidator");
            Object resolver = read(validator, "apiOperationResolver");
            String apiPrefix = (String) read(resolver, "apiPrefix");
            Map<?, ?> grouped = (Map<?, ?>) read(resolver, "apiPathsGroupedByNumberOfParts");
            Object operations = read(resolver, "operations");
            Method row = Class.forName("com.google.common.collect.Table", false, resolver.getClass().getClassLoader())
                    .getMethod("row", Object.class);
            Field strictField = ApiPathImpl.class.getDeclaredField("strictPathMatching");
            strictField.setAccessible(true);
            Map<Integer, Route[]> routesByParts = new HashMap<>();
            List<Operation> allOperations = new ArrayList<>();
            for (Map.Entry<?, ?> group : grouped.entrySet()) {
                List<Route> routes = new ArrayList<>();
                for (Object element : (List<?>) group.getValue()) {
                    if (!(element instanceof ApiPathImpl path)) {
                        return unsupported("a spec path of type " + element.getClass().getName());
                    }
                    Segment[] segments = new Segment[path.numberOfParts()];
                    for (int i = 0; i < segments.length; i++) {
                        segments[i] = Segment.of(path.part(i));
                        if (segments[i] == null) {
                            return unsupported("spec path " + path.original());
                        }
                    }
                    Map<PathItem.HttpMethod, Operation> byMethod = new EnumMap<>(PathItem.HttpMethod.class);
                    for (Map.Entry<?, ?> operation : ((Map<?, ?>) row.invoke(operations, path.original())).entrySet()) {
                        byMethod.put((PathItem.HttpMethod) operation.getKey(), (Operation) operation.getValue());
                    }
                    allOperations.addAll(byMethod.values());
                    routes.add(new Route(path, segments, strictField.getBoolean(path), path.original().endsWith("/"),
                            specificity(path), byMethod));
                }
                routesByParts.put((Integer) group.getKey(), routes.toArray(new Route[0]));
            }
            MessageResolver messages = (MessageResolver) read(validator, "messages");
            RequestSteps steps = RequestSteps.of(requestValidator, allOperations,
                    messages.getLevel(RequestSteps.UNEXPECTED_QUERY_PARAMETER) == ValidationReport.Level.IGNORE);
            if (steps == null) {
                LOG.warn("OpenAPI requests are checked by the validator's validateRequest as a whole (slower, same verdicts)");
            }
            return new OperationRoutes(apiPrefix, requestValidator, steps, routesByParts);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return unsupported(e.toString());
        }
    }

    private static OperationRoutes unsupported(String reason) {
        LOG.warn("OpenAPI operations are looked up by the validator (slower, same verdicts): {}", reason);
        return null;
    }

    /** The validator's specificity of a spec path: its length without its templates. */
    private static int specificity(ApiPath path) {
        return path.normalised().replaceAll("\\{.+?}", "").length();
    }

    /** The spec's name of each of the validator's methods, by the method's ordinal. */
    private static final PathItem.HttpMethod[] HTTP_METHODS = Arrays.stream(Request.Method.values())
            .map(method -> PathItem.HttpMethod.valueOf(method.name()))
            .toArray(PathItem.HttpMethod[]::new);

    /**
     * The operation {@code path} and {@code method} select, as the validator would select it, or
     * null when no spec path matches or none that matches declares the method.
     */
    ApiOperation resolve(String path, Request.Method method) {
        NormalisedPath requestPath = new NormalisedPathImpl(path, apiPrefix);
        Route[] candidates = routesByParts.get(requestPath.numberOfParts());
        if (candidates == null) {
            return null;
        }
        PathItem.HttpMethod httpMethod = HTTP_METHODS[method.ordinal()];
        Route best = null;
        for (Route route : candidates) {
            if (!route.operations().containsKey(httpMethod) || !route.matches(requestPath)) {
                continue;
            }
            if (route.path().normalised().equalsIgnoreCase(requestPath.normalised())) {
                best = route;
                break;
            }
            if (best == null || route.specificity() > best.specificity()) {
                best = route;
            }
        }
        return best == null ? null : new ApiOperation(best.path(), requestPath, httpMethod, best.operations().get(httpMethod));
    }

    /**
     * The validator's report on {@code request} for {@code operation}, with the context the
     * validator adds to each message (the request's path and method); for a request whose body is
     * checked apart ({@code bodyCheckedApart}) and whose query has the key {@code queryKey} (see
     * {@link RequestSteps#validate}). The report may then lack
     * {@code validation.request.body.missing}, which the caller drops.
     */
    ValidationReport validate(Request request, ApiOperation operation, boolean bodyCheckedApart, String queryKey) {
        ValidationReport report = steps != null ? steps.validate(request, operation, bodyCheckedApart, queryKey)
                : requestValidator.validateRequest(request, operation);
        if (report.getMessages().isEmpty()) {
            return report;
        }
        return report.withAdditionalContext(ValidationReport.MessageContext.create()
                .withRequestPath(request.getPath())
                .withRequestMethod(request.getMethod())
                .build());
    }

    /**
     * Whether the validator may read the header {@code name} of a request to this spec; a header
     * it never reads need not be handed to it. Every header may be read when the validator's
     * {@code validateRequest} runs as a whole.
     */
    boolean readsHeader(String name) {
        return steps == null || steps.readsHeader(name);
    }

    /**
     * One segment of a spec path as the validator's pattern for it matches a request's segment:
     * literal text (ASCII letters in either case) with each <code>{name}</code> standing for any
     * run of characters but line terminators.
     */
    static final class Segment {

        /** The literal pieces around the templates, ASCII-lower-cased; one more than the templates. */
        private final String[] literals;

        private Segment(String[] literals) {
            this.literals = literals;
        }

        /**
         * The matcher of spec segment {@code part}, or null when its pattern could differ from
         * this reading (a line terminator or a backslash in it).
         */
        static Segment of(String part) {
            for (int i = 0; i < part.length(); i++) {
                if (lineTerminator(part.charAt(i)) || part.charAt(i) == '\\') {
                    return null;
                }
            }
            List<String> literals = new ArrayList<>();
            int start = 0;
            int open = part.indexOf('{');
            while (open >= 0) {
                int close = part.indexOf('}', open + 1);
                if (close < 0) {
                    break;
                }
                literals.add(lower(part.substring(start, open)));
                start = close + 1;
                open = part.indexOf('{', start);
            }
            literals.add(lower(part.substring(start)));
            return new Segment(literals.toArray(new String[0]));
        }

        boolean matches(String value) {
            String first = literals[0];
            if (literals.length == 1) {
                return value.length() == first.length() && regionMatches(value, 0, first);
            }
            for (int i = 0; i < value.length(); i++) {
                if (lineTerminator(value.charAt(i))) {
                    // Only a template could hold it, and templates do not match line terminators.
                    return false;
                }
            }
            String last = literals[literals.length - 1];
            int end = value.length() - last.length();
            if (end < first.length() || !regionMatches(value, 0, first) || !regionMatches(value, end, last)) {
                return false;
            }
            int at = first.length();
            for (int i = 1; i < literals.length - 1; i++) {
                // The leftmost place for each literal leaves the most room for the rest.
                at = indexOf(value, literals[i], at, end);
                if (at < 0) {
                    return false;
                }
                at += literals[i].length();
            }
            return true;
        }

        private static int indexOf(String value, String literal, int from, int end) {
            for (int at = from; at + literal.length() <= end; at++) {
                if (regionMatches(value, at, literal)) {
                    return at;
                }
            }
            return -1;
        }

        private static boolean regionMatches(String value, int offset, String lowerLiteral) {
            for (int i = 0; i < lowerLiteral.length(); i++) {
                if (asciiLower(value.charAt(offset + i)) != lowerLiteral.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static String lower(String literal) {
            StringBuilder lower = new StringBuilder(literal.length());
            for (int i = 0; i < literal.length(); i++) {
                lower.append(asciiLower(literal.charAt(i)));
            }
            return lower.toString();
        }

        private static char asciiLower(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }

        /** What {@code .} does not match without flags: the line terminators of {@link java.util.regex.Pattern}. */
        private static boolean lineTerminator(char c) {
            return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
        }
    }
}
