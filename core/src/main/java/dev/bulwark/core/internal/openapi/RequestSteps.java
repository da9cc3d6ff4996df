package dev.bulwark.core.internal.openapi;

import static dev.bulwark.core.internal.openapi.ValidatorInternals.read;

import com.atlassian.oai.validator.interaction.request.RequestValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * {@link RequestValidator#validateRequest(Request, ApiOperation)} step by step, in its order and
 * with its context, with the shortcuts below. Each rests on a claim about what one of the
 * validator's steps reads or reports, which must be checked again on any other version of the
 * validator:
 * <ul>
 * <li>Media types: the {@code Content-Type} and {@code Accept} answers are remembered per operation
 * and header value ({@link RecentAnswers}), for a header sent once; a repeated header is checked
 * every time, since the step parses every declared type and formats a "not allowed" message on
 * every request, even an allowed one. Relies on each step being a function of the header's values
 * and the media types the operation declares alone.
 * <li>Absent media type headers: neither media type step runs when its header is absent. Relies
 * on the step finding nothing then, and on the spec loader: the step reads the declared types
 * first, and fails on an operation without {@code responses} or a request body without
 * {@code content}, but the validator's loader refuses such a spec at start-up
 * ({@code OpenApiCheckTest} shows it), so no request reaches such an operation.
 * <li>Unexpected query parameters: lists of names (in order) found all expected are remembered
 * per operation, and the step is skipped when its only key is ignored. Relies on the step reading
 * nothing of the request but the query's names, and reporting no other key.
 * <li>Body: the step is skipped when the body is checked apart ({@link JsonBodySchemas}). Relies
 * on the step reporting at most {@code validation.request.body.missing} of a request shown without
 * a body, which the caller drops.
 * <li>Security: the step is skipped when one of the operation's requirements is met
 * ({@link #securityMet}). Relies on {@link #met} reading the request exactly as the step
 * does; any other request, and any requirement naming a scheme the step would log about
 * (undefined, or of a type it does not check), still goes through it.
 * <li>Whole queries: the four query steps together remember which queries (names and values)
 * they found without a message ({@link #query}). Relies on those steps reading nothing of the
 * request but its query, and on {@link #queryKey} telling apart every query the builder can make.
 * <li>Headers handed over: only headers some step can read reach the validator
 * ({@link #readsHeader}). Relies on the steps reading headers by name only, from a list known at
 * start-up, compared as the validator's request compares them, and on nothing reading the whole
 * header map (only whitelist rules do, and Bulwark sets none); with custom checks every header is
 * handed over. A name of a length no read name has is not looked up: the order that compares them
 * finds names equal only when their lengths are.
 * <li>Header and cookie parameter steps: each is skipped for an operation that declares no
 * parameter of its kind ({@link OperationAnswers}). Relies on each step reporting only on the
 * operation's parameters of its kind (told as the validator tells them, {@code in} equal to
 * {@code header} or {@code cookie} in any case), merged into an empty report, and on neither
 * failing on a request otherwise: the header step reads nothing else, the cookie step splits the
 * {@code Cookie} values without a check that can fail.
 * <li>Empty steps: a step that reports nothing is left out of the report rather than merged into
 * it as an empty report, and the custom step does not run when the validator has no custom
 * checks. Relies on an empty report adding nothing to a merged one, and on the custom step
 * reporting nothing without custom checks.
 * </ul>
 *
 * <p>The steps are the validator's own private methods, reached once at start-up, and their list
 * and order in {@link #validate} are a copy of its {@code validateRequest} in the tested version
 * ({@link ValidatorInternals#TESTED_VERSION}): {@link OperationRoutes} builds them only for that
 * version, since a later one could add or reorder a step unnoticed. {@link #of} returns null when
 * the validator's layout is not the one expected, and the validator's {@code validateRequest} is
 * used as a whole.
 */
final class RequestSteps {

    /** The only key the validator's unexpected query parameter step reports. */
    static final String UNEXPECTED_QUERY_PARAMETER = "validation.request.parameter.query.unexpected";
    private static final MethodType STEP = MethodType.methodType(ValidationReport.class, Request.class, ApiOperation.class);

    private final MethodHandle security;
    /** The validator's model, whose security schemes its security step reads. */
    private final OpenAPI api;
    private final MethodHandle body;
    private final MethodHandle contentType;
    private final MethodHandle accepts;
    private final MethodHandle headers;
    private final MethodHandle pathParameters;
    private final MethodHandle queryParameters;
    private final MethodHandle explodedQueryParameters;
    private final MethodHandle deepObjectQueryParameters;
    /** Null when its only key is ignored. */
    private final MethodHandle unexpectedQueryParameters;
    private final MethodHandle cookieParameters;
    /** Null when the validator has no custom checks, so that the step reports nothing. */
    private final MethodHandle custom;
    /**
     * The names of the headers any step can read, compared as the validator's request compares
     * them ({@link String#CASE_INSENSITIVE_ORDER}); null when that cannot be told (custom checks).
     */
    private final NavigableSet<String> headersRead;
    /**
     * Per length in UTF-16 units, whether a name in {@link #headersRead} has it: names the set's
     * order finds equal have equal lengths, so a name of another length is not looked up.
     */
    private final boolean[] lengthsRead;
    /** Per operation of the validator's model, its remembered answers; filled at start-up. */
    private final Map<Operation, OperationAnswers> answers = new IdentityHashMap<>();

    /**
     * Reports by {@code Content-Type} value and by {@code Accept} value; whether the query's names
     * (in order) are all expected; queries the query steps found without a message. Each table
     * holds at most {@value RecentAnswers#REMEMBERED_VALUES} keys of up to
     * {@value RecentAnswers#REMEMBERED_LENGTH} characters, about 6 KB (Latin-1 keys) to 11 KB
     * (UTF-16 keys) per table once clients fill it on purpose: up to about 45 KB per operation of
     * the spec (90 MB for 2,000 operations), plus the media type tables' reports, whose messages
     * hold the header value and the operation's declared types. Bounded whatever clients send.
     * Also, told once at start-up, whether the operation declares header and cookie parameters,
     * and the schemes of its security requirements ({@link #securitySchemes}).
     */
    private record OperationAnswers(RecentAnswers<ValidationReport> contentTypes,
            RecentAnswers<ValidationReport> accepts,
            RecentAnswers<Boolean> queryNamesExpected,
            RecentAnswers<Boolean> validQueries,
            boolean headerParameters,
            boolean cookieParameters,
            List<List<SecurityScheme>> securitySchemes) {

        OperationAnswers(Operation operation, OpenAPI api) {
            this(new RecentAnswers<>(), new RecentAnswers<>(), new RecentAnswers<>(), new RecentAnswers<>(),
                    declares(operation, "header"), declares(operation, "cookie"),
                    RequestSteps.securitySchemes(operation, api));
        }

        /** Whether {@code operation} has a parameter in {@code in}, told as the validator tells it. */
        private static boolean declares(Operation operation, String in) {
            if (operation.getParameters() == null) {
                return false;
            }
            for (Parameter parameter : operation.getParameters()) {
                if (parameter != null && parameter.getIn() != null && parameter.getIn().equalsIgnoreCase(in)) {
                    return true;
                }
            }
            return false;
        }
    }

    private RequestSteps(RequestValidator validator, Collection<Operation> operations,
            boolean unexpectedQueryParametersIgnored) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(RequestValidator.class, MethodHandles.lookup());
        Object securityValidator = read(validator, "securityValidator");
        this.api = (OpenAPI) read(securityValidator, "api");
        this.security = MethodHandles.privateLookupIn(securityValidator.getClass(), MethodHandles.lookup())
                .findVirtual(securityValidator.getClass(), "validateSecurity", STEP).bindTo(securityValidator);
        Object bodyValidator = read(validator, "requestBodyValidator");
        this.body = MethodHandles.privateLookupIn(bodyValidator.getClass(), MethodHandles.lookup())
                .findVirtual(bodyValidator.getClass(), "validateRequestBody",
                        MethodType.methodType(ValidationReport.class, Request.class, RequestBody.class))
                .bindTo(bodyValidator);
        this.contentType = step(lookup, validator, "validateContentType");
        this.accepts = step(lookup, validator, "validateAccepts");
        this.headers = step(lookup, validator, "validateHeaders");
        this.pathParameters = lookup.findVirtual(RequestValidator.class, "validatePathParameters",
                MethodType.methodType(ValidationReport.class, ApiOperation.class)).bindTo(validator);
        this.queryParameters = step(lookup, validator, "validateQueryParameters");
        this.explodedQueryParameters = step(lookup, validator, "validateExplodedQueryParameters");
        this.deepObjectQueryParameters = step(lookup, validator, "validateDeepObjectQueryParameters");
        this.unexpectedQueryParameters = unexpectedQueryParametersIgnored ? null
                : step(lookup, validator, "validateUnexpectedQueryParameters");
        this.cookieParameters = step(lookup, validator, "validateCookieParameters");
        boolean customChecks = !((List<?>) read(validator, "customRequestValidators")).isEmpty();
        this.custom = customChecks ? step(lookup, validator, "validateCustom") : null;
        this.headersRead = customChecks ? null : headersRead(operations, api);
        this.lengthsRead = headersRead == null ? null : lengths(headersRead);
        for (Operation operation : operations) {
            answers.put(operation, new OperationAnswers(operation, api));
        }
    }

    /**
     * The steps of {@code validator} for {@code operations}, or null when its layout is not the one
     * expected. With {@code unexpectedQueryParametersIgnored} (its level of
     * {@value #UNEXPECTED_QUERY_PARAMETER} is {@code IGNORE}), the step that reports only that key is
     * skipped: an ignored message is never a finding.
     */
    static RequestSteps of(RequestValidator validator, Collection<Operation> operations,
            boolean unexpectedQueryParametersIgnored) {
        try {
            return new RequestSteps(validator, operations, unexpectedQueryParametersIgnored);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle step(MethodHandles.Lookup lookup, RequestValidator validator, String name)
            throws ReflectiveOperationException {
        return lookup.findVirtual(RequestValidator.class, name, STEP).bindTo(validator);
    }

    /**
     * What the validator's {@code validateRequest(request, operation)} reports; with
     * {@code bodyCheckedApart} (the request carries no body, as the body is checked elsewhere
     * against a schema of the operation's request body), without the body step, whose only
     * possible message, {@code validation.request.body.missing}, the caller drops.
     * {@code queryKey} is the key of the calls that built the request's query
     * ({@link #queryKey}), or null to have the query checked whatever was found before.
     */
    ValidationReport validate(Request request, ApiOperation operation, boolean bodyCheckedApart, String queryKey) {
        OperationAnswers remembered = answers.get(operation.getOperation());
        try {
            ValidationReport report = securityMet(request, requirementSchemes(operation.getOperation(), remembered))
                    ? ValidationReport.empty()
                    : (ValidationReport) security.invokeExact(request, operation);
            report = merged(report, mediaTypes(request, operation, "Content-Type", contentType,
                    remembered == null ? null : remembered.contentTypes()));
            report = merged(report, mediaTypes(request, operation, "Accept", accepts,
                    remembered == null ? null : remembered.accepts()));
            if (remembered == null || remembered.headerParameters()) {
                report = merged(report, (ValidationReport) headers.invokeExact(request, operation));
            }
            report = merged(report, (ValidationReport) pathParameters.invokeExact(operation));
            if (!bodyCheckedApart) {
                report = merged(report,
                        (ValidationReport) body.invokeExact(request, operation.getOperation().getRequestBody()));
            }
            report = merged(report, query(request, operation, remembered, queryKey));
            if (remembered == null || remembered.cookieParameters()) {
                report = merged(report, (ValidationReport) cookieParameters.invokeExact(request, operation));
            }
            if (custom != null) {
                report = merged(report, (ValidationReport) custom.invokeExact(request, operation));
            }
            if (report.getMessages().isEmpty()) {
                // An empty report stays empty with any context.
                return report;
            }
            return report.withAdditionalContext(ValidationReport.MessageContext.create()
                    .in(ValidationReport.MessageContext.Location.REQUEST)
                    .withApiOperation(operation)
                    .withRequestPath(operation.getRequestPath().original())
                    .withRequestMethod(request.getMethod())
                    .build());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the validator's security step reports nothing for {@code request} to {@code operation}
     * (see {@link #securityMet(Request, List)}).
     */
    boolean securityMet(Request request, Operation operation) {
        return securityMet(request, requirementSchemes(operation, answers.get(operation)));
    }

    /**
     * {@link #securitySchemes} of {@code operation}: those resolved at start-up when it is in the
     * table ({@code remembered}), else resolved now.
     */
    private List<List<SecurityScheme>> requirementSchemes(Operation operation, OperationAnswers remembered) {
        return remembered != null ? remembered.securitySchemes() : securitySchemes(operation, api);
    }

    /**
     * Whether the validator's security step reports nothing for {@code request}, given the
     * operation's {@link #securitySchemes}: it asks for no security, or all schemes of one of its
     * requirements are met as the step checks them ({@link #met}). The step then finds that
     * requirement without an error and reports nothing, whatever the others find. False means only
     * that the step must run.
     */
    private static boolean securityMet(Request request, List<List<SecurityScheme>> requirements) {
        if (requirements == null) {
            return false;
        }
        if (requirements.isEmpty()) {
            return true;
        }
        for (List<SecurityScheme> requirement : requirements) {
            boolean all = true;
            for (int i = 0; i < requirement.size() && all; i++) {
                all = met(request, requirement.get(i));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * The schemes of each of {@code operation}'s security requirements, resolved once at start-up
     * from the model the security step reads: empty when the operation asks for none; null when the
     * step must judge every request itself, because the model has no schemes (the step warns) or a
     * requirement names a scheme that is undefined or of a kind {@link #met} does not read (API keys
     * in cookies, OAuth 2, OpenID Connect: the step checks or logs them its own way).
     */
    private static List<List<SecurityScheme>> securitySchemes(Operation operation, OpenAPI api) {
        List<SecurityRequirement> requirements = operation.getSecurity();
        if (requirements == null || requirements.isEmpty()) {
            return List.of();
        }
        Components components = api.getComponents();
        Map<String, SecurityScheme> schemes = components == null ? null : components.getSecuritySchemes();
        if (schemes == null) {
            return null;
        }
        List<List<SecurityScheme>> resolved = new ArrayList<>(requirements.size());
        for (SecurityRequirement requirement : requirements) {
            List<SecurityScheme> named = new ArrayList<>(requirement.size());
            for (String name : requirement.keySet()) {
                SecurityScheme scheme = schemes.get(name);
                if (!readsLikeTheStep(scheme)) {
                    return null;
                }
                named.add(scheme);
            }
            resolved.add(List.copyOf(named));
        }
        return List.copyOf(resolved);
    }

    /** Whether {@link #met} reads {@code scheme} as the security step does: HTTP, or an API key in a header or the query. */
    private static boolean readsLikeTheStep(SecurityScheme scheme) {
        if (scheme == null || scheme.getType() == null) {
            return false;
        }
        return scheme.getType() == SecurityScheme.Type.HTTP
                || (scheme.getType() == SecurityScheme.Type.APIKEY
                        && (scheme.getIn() == SecurityScheme.In.HEADER || scheme.getIn() == SecurityScheme.In.QUERY));
    }

    /**
     * Whether the security step finds {@code scheme}, one {@link #readsLikeTheStep}, met on
     * {@code request}, by the same calls on the request: an HTTP {@code basic} or {@code bearer}
     * scheme needs the first {@code Authorization} value to start with {@code "Basic "} or
     * {@code "Bearer "} (any other HTTP scheme is met), an API key in a header a non-empty first
     * value, an API key in the query a value.
     */
    private static boolean met(Request request, SecurityScheme scheme) {
        if (scheme.getType() == SecurityScheme.Type.HTTP) {
            return "BASIC".equalsIgnoreCase(scheme.getScheme()) ? authorization(request, "Basic ")
                    : !"BEARER".equalsIgnoreCase(scheme.getScheme()) || authorization(request, "Bearer ");
        }
        return scheme.getIn() == SecurityScheme.In.HEADER
                ? request.getHeaderValue(scheme.getName()).filter(value -> !value.isEmpty()).isPresent()
                : request.getQueryParameterValues(scheme.getName()).stream().findFirst().isPresent();
    }

    private static boolean authorization(Request request, String prefix) {
        return request.getHeaderValue("Authorization").filter(value -> value.startsWith(prefix)).isPresent();
    }

    /**
     * The headers the steps read of any request to {@code operations}: {@code Content-Type} and
     * {@code Accept} (media types, bodies), {@code Authorization} and API key headers (security),
     * {@code Cookie} (cookie parameters and API keys), and each header parameter, a parameter being
     * one as the validator tells it ({@code in} equal to {@code header} in any case).
     */
    private static NavigableSet<String> headersRead(Collection<Operation> operations, OpenAPI api) {
        NavigableSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(List.of("Content-Type", "Accept", "Authorization", "Cookie"));
        for (Operation operation : operations) {
            if (operation.getParameters() != null) {
                for (Parameter parameter : operation.getParameters()) {
                    if (parameter.getIn() != null && parameter.getIn().equalsIgnoreCase("header")
                            && parameter.getName() != null) {
                        names.add(parameter.getName());
                    }
                }
            }
        }
        Components components = api.getComponents();
        if (components != null && components.getSecuritySchemes() != null) {
            for (SecurityScheme scheme : components.getSecuritySchemes().values()) {
                if (scheme != null && scheme.getType() == SecurityScheme.Type.APIKEY
                        && scheme.getIn() == SecurityScheme.In.HEADER && scheme.getName() != null) {
                    names.add(scheme.getName());
                }
            }
        }
        return names;
    }

    private static boolean[] lengths(Collection<String> names) {
        int longest = 0;
        for (String name : names) {
            longest = Math.max(longest, name.length());
        }
        boolean[] lengths = new boolean[longest + 1];
        for (String name : names) {
            lengths[name.length()] = true;
        }
        return lengths;
    }

    /**
     * Whether any step may read the header {@code name} of a request to one of the operations;
     * one it never reads need not be handed to the validator.
     */
    boolean readsHeader(String name) {
        if (headersRead == null) {
            return true;
        }
        return name.length() < lengthsRead.length && lengthsRead[name.length()] && headersRead.contains(name);
    }

    /**
     * {@code left} merged with {@code right}, the messages of one after the other; an empty side
     * adds nothing, so that it is left out rather than wrapped (the validator's merged report
     * copies every message each time it is read).
     */
    private static ValidationReport merged(ValidationReport left, ValidationReport right) {
        if (right.getMessages().isEmpty()) {
            return left;
        }
        return left.getMessages().isEmpty() ? right : left.merge(right);
    }

    /**
     * The four query steps in their order: query parameters, exploded ones, deep objects, unexpected
     * ones. They read nothing of the request but its query (names and values, through
     * {@link Request#getQueryParameters()} and {@link Request#getQueryParameterValues(String)}), so
     * a query they found without a message is found so again: such queries are remembered per
     * operation by their keys ({@link #queryKey}) and not checked again. A query with a message
     * is checked every time, so that each report is the request's own, and is not kept.
     */
    private ValidationReport query(Request request, ApiOperation operation, OperationAnswers remembered,
            String queryKey) {
        if (remembered == null || queryKey == null) {
            return queryChecked(request, operation, remembered);
        }
        return RecentAnswers.foundValidBefore(remembered.validQueries(), queryKey,
                () -> queryChecked(request, operation, remembered), true);
    }

    private ValidationReport queryChecked(Request request, ApiOperation operation, OperationAnswers remembered) {
        ValidationReport report = run(queryParameters, request, operation);
        report = merged(report, run(explodedQueryParameters, request, operation));
        report = merged(report, run(deepObjectQueryParameters, request, operation));
        return merged(report,
                unexpectedQuery(request, operation, remembered == null ? null : remembered.queryNamesExpected()));
    }

    /**
     * The key of the query that the validator's request builder makes of one
     * {@code withQueryParam(name, values)} per entry of {@code query}, in order: each name and
     * value preceded by its length, each list of values by its count, so that equal keys mean the
     * same calls, hence the same query in the request built (whatever the builder makes of names
     * that differ in case). A request's query read back name by name is such a list of calls too.
     * Null when the key is longer than a remembered key may be, found before a name or value
     * that would make it so is copied: a long value is not copied on every request only to be
     * dropped.
     */
    static String queryKey(Map<String, ? extends Collection<String>> query) {
        StringBuilder key = new StringBuilder();
        for (Map.Entry<String, ? extends Collection<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            Collection<String> values = parameter.getValue();
            if (key.length() + name.length() > RecentAnswers.REMEMBERED_LENGTH) {
                return null;
            }
            key.append(name.length()).append(':').append(name).append(values.size()).append('=');
            for (String value : values) {
                if (value == null || key.length() + value.length() > RecentAnswers.REMEMBERED_LENGTH) {
                    return null;
                }
                key.append(value.length()).append(':').append(value);
            }
            if (key.length() > RecentAnswers.REMEMBERED_LENGTH) {
                return null;
            }
        }
        return key.toString();
    }

    /**
     * The unexpected query parameter step. What it finds is a function of the query's names in
     * order and the operation alone (the names it declares), so that names found all expected once
     * are not checked again; names with an unexpected one are checked every time, so that each
     * report is the request's own, and are not kept.
     */
    private ValidationReport unexpectedQuery(Request request, ApiOperation operation,
            RecentAnswers<Boolean> remembered) {
        if (unexpectedQueryParameters == null) {
            return ValidationReport.empty();
        }
        String names = remembered == null ? null : namesKey(request.getQueryParameters());
        if (names == null) {
            return run(unexpectedQueryParameters, request, operation);
        }
        // A bracketed name (filter[anything]) is the client's own text, which the table need not hold.
        return RecentAnswers.foundValidBefore(remembered, names,
                () -> run(unexpectedQueryParameters, request, operation), names.indexOf('[') < 0);
    }

    /**
     * The names in order, each preceded by its length (so that no two lists share a key), or null
     * when that is longer than a remembered key may be.
     */
    static String namesKey(Collection<String> names) {
        StringBuilder key = new StringBuilder();
        for (String name : names) {
            if (key.length() + name.length() > RecentAnswers.REMEMBERED_LENGTH) {
                return null;
            }
            key.append(name.length()).append(':').append(name);
            if (key.length() > RecentAnswers.REMEMBERED_LENGTH) {
                return null;
            }
        }
        return key.toString();
    }

    private static ValidationReport mediaTypes(Request request, ApiOperation operation, String header, MethodHandle step,
            RecentAnswers<ValidationReport> remembered) {
        Collection<String> values = request.getHeaderValues(header);
        if (values.isEmpty()) {
            // The step's first finding: no media type to check.
            return ValidationReport.empty();
        }
        if (remembered == null || values.size() != 1) {
            return run(step, request, operation);
        }
        String value = values.iterator().next();
        return remembered.answer(value, unused -> run(step, request, operation));
    }

    /** Runs one of the validator's steps, passing on what it throws unchecked. */
    private static ValidationReport run(MethodHandle step, Request request, ApiOperation operation) {
        try {
            return (ValidationReport) step.invokeExact(request, operation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
