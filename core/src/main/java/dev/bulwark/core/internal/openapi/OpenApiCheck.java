package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.networknt.schema.Schema;
import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Component;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.OpenApiConfig;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.config.RoutingPath;
import dev.bulwark.core.internal.ClasspathResource;
import dev.bulwark.core.internal.ClearingBufferPool;
import dev.bulwark.core.internal.rules.Ascii;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces OpenAPI contracts on requests with swagger-request-validator: unknown paths and methods,
 * parameters, content types and JSON bodies against their schemas. Validators are built once at
 * start-up; a spec that cannot be loaded, or that defines no paths, stops start-up.
 *
 * <p>A JSON body the validator would check against a schema is not shown to it: {@link JsonBodySchemas}
 * checks it against the same schema, compiled once, and its violations take the validator's place in
 * the list (after path parameters, before query and cookie parameters), under the same keys, levels,
 * {@code ignore} list and cap. The validator's {@code validation.request.body.missing} for such a
 * request is dropped, since the body is there.
 *
 * <p>A request's operation is looked up once, in a table built at start-up ({@link OperationRoutes}),
 * and serves both the validator's check ({@link RequestSteps}) and the choice of the body's schema;
 * a request no operation fits goes to the validator whole, which reports the missing path or method.
 */
public final class OpenApiCheck implements Check {

    /** Rule key of OpenAPI findings. */
    public static final String KEY = "OPENAPI";

    private static final String PATH_MISSING = "validation.request.path.missing";
    private static final String METHOD_NOT_ALLOWED = "validation.request.operation.notAllowed";
    private static final String CONTENT_TYPE_NOT_ALLOWED = "validation.request.contentType.notAllowed";
    private static final String BODY_MISSING = "validation.request.body.missing";
    /**
     * Not the validator's: the request could not be checked at all (the validator or the schema
     * engine failed on it), so it is refused with 400.
     */
    static final String UNCHECKABLE = "validation.request.uncheckable";
    /** Not the validator's: a response could not be checked (logged only, as every response finding). */
    static final String RESPONSE_UNCHECKABLE = "validation.response.uncheckable";
    /** Not a message: ignoring it stops the validator from treating object schemas as closed. */
    private static final String CLOSED_OBJECTS = "validation.schema.additionalProperties";

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiCheck.class);

    private final OpenApiConfig config;
    /** The validator's levels, applied to the body violations found beside it. */
    private final LevelResolver levels;
    private final List<LoadedSpec> specs = new ArrayList<>();

    /**
     * A spec's validator and body schemas, and its operation table (null: the validator looks
     * operations up).
     *
     * @param validatorReadsParameters whether the validator's own engine reads every parameter value
     *     (through swagger-core's mapper), which {@link ParameterSchemas} does for OpenAPI 3.0 specs
     */
    private record LoadedSpec(OpenApiConfig.Spec spec, OpenApiInteractionValidator validator, JsonBodySchemas bodies,
            OperationRoutes routes, boolean validatorReadsParameters) {
    }

    public OpenApiCheck(OpenApiConfig config) {
        this.config = config;
        LevelResolver.Builder levels = LevelResolver.create();
        levels.withLevel("validation.request.parameter.query.unexpected",
                config.unexpectedQueryParameters() ? ValidationReport.Level.ERROR : ValidationReport.Level.IGNORE);
        for (String key : config.ignore()) {
            levels.withLevel(key, ValidationReport.Level.IGNORE);
        }
        LevelResolver resolver = levels.build();
        this.levels = resolver;
        for (int i = 0; i < config.specs().size(); i++) {
            OpenApiConfig.Spec spec = config.specs().get(i);
            String path = "openapi.specs[" + i + "].location";
            String content = load(spec.location(), path);
            warnAboutBacktrackingPatterns(spec.location(), content);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(content, null, null);
            if (parsed == null || parsed.getOpenAPI() == null) {
                throw new ConfigurationException(path, "not an OpenAPI document: " + spec.location()
                        + (parsed == null ? "" : " " + parsed.getMessages()));
            }
            if (parsed.getOpenAPI().getPaths() == null || parsed.getOpenAPI().getPaths().isEmpty()) {
                throw new ConfigurationException(path, "the spec defines no paths: " + spec.location());
            }
            try {
                OpenApiInteractionValidator.Builder builder = OpenApiInteractionValidator
                        .createForInlineApiSpecification(content)
                        .withSchemaFactorySupplier(SchemaEngine::schemaFactory)
                        .withLevelResolver(resolver);
                if (!spec.basePath().isEmpty()) {
                    builder.withBasePathOverride(spec.basePath());
                }
                OpenApiInteractionValidator validator = builder.build();
                boolean parametersCompiled = String.valueOf(parsed.getOpenAPI().getOpenapi()).startsWith("3.0")
                        && ParameterSchemas.install(validator);
                OperationRoutes routes = OperationRoutes.of(validator);
                specs.add(new LoadedSpec(spec, validator, new JsonBodySchemas(content, spec.basePath(),
                        resolver.getLevel(CLOSED_OBJECTS) != ValidationReport.Level.IGNORE, routes == null), routes,
                        !parametersCompiled));
            } catch (RuntimeException e) {
                throw new ConfigurationException(path, "cannot load OpenAPI spec " + spec.location() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void warnAboutBacktrackingPatterns(String location, String content) {
        try {
            for (SpecPatterns.RiskyPattern risky : SpecPatterns.risky(content)) {
                LOG.warn("OpenAPI spec {}: pattern {} at {} repeats a group that repeats; the schema validator "
                        + "matches it by backtracking, so a crafted value can take exponential time. Rewrite it "
                        + "without nested repetition.", location, risky.pattern(), risky.pointer());
            }
        } catch (IOException | RuntimeException e) {
            // The parser below reports what is wrong with the document.
            LOG.debug("Could not read {} to audit its patterns", location, e);
        }
    }

    @Override
    public String name() {
        return "openapi";
    }

    @Override
    public void inspect(Inspection inspection) {
        Route route = inspection.route();
        if (route != null && Boolean.FALSE.equals(route.openapi())) {
            return;
        }
        LoadedSpec loaded = select(inspection);
        Mode routeMode = route != null && route.openapiMode() != null ? route.openapiMode()
                : config.mode() != null ? config.mode() : Mode.BLOCK;
        if (loaded == null) {
            if (coveredInAnotherSpelling(inspection)) {
                // /API/pets for base path /api: no path of the contract, whatever a lenient server serves there.
                report(inspection, PATH_MISSING, Location.value(Source.PATH, ""), routeMode);
            }
            return;
        }
        if (method(inspection.method()) == null) {
            // OpenAPI describes only its eight methods (the validator cannot even represent others,
            // such as PROPFIND): any other method is not in the contract.
            report(inspection, METHOD_NOT_ALLOWED, Location.REQUEST, routeMode);
            return;
        }
        Map<String, List<String>> query = queryOf(inspection);
        SimpleRequest.Builder validatorRequest = toValidatorRequest(inspection, query);
        Predicate<String> handedOver = loaded.routes() == null ? name -> true : loaded.routes()::readsHeader;
        // The first element of each is the name as first received, the others its values.
        Collection<List<String>> headerFields = groupByName(inspection.request().headers(), handedOver);
        Request withoutBody = new ValidatorRequest(validatorRequest.build(), inspection.method(), headerFields);
        HttpRequest request = inspection.request();
        // Null when no operation fits: the validator then reports the missing path or method itself.
        ApiOperation operation = loaded.routes() == null ? null
                : loaded.routes().resolve(withoutBody.getPath(), withoutBody.getMethod());
        Schema bodySchema = loaded.routes() == null
                ? loaded.bodies().schemaFor(inspection.normalizedPath(), withoutBody.getMethod(), withoutBody,
                        request.bodyLength() > 0)
                : operation == null ? null : loaded.bodies().schemaFor(operation, withoutBody, request.bodyLength() > 0);
        ValidationReport report;
        List<JsonBodySchemas.BodyViolation> bodyViolations;
        try {
            byte[] body = bodySchema != null || request.bodyLength() == 0 ? null : bodyBytes(request);
            Request checked = body == null ? withoutBody
                    : new ValidatorRequest(validatorRequest.withBody(body).build(), inspection.method(), headerFields, body);
            // The query's key is that of the calls above that built it.
            report = operation != null
                    ? loaded.routes().validate(checked, operation, bodySchema != null, RequestSteps.queryKey(query))
                    : loaded.validator().validateRequest(checked);
            bodyViolations = bodySchema != null ? JsonBodySchemas.validate(bodySchema, bodyBytes(request)) : List.of();
        } catch (RuntimeException | Error e) {
            // Fail closed: a request the contract cannot be checked against is not let through.
            // The request itself is in the security log line; its text is not repeated here.
            LOG.warn("OpenAPI validation failed on a request ({}); the request is refused as {}", e.getClass().getName(),
                    UNCHECKABLE);
            LOG.debug("OpenAPI validation failure", e);
            report(inspection, UNCHECKABLE, Location.REQUEST, routeMode);
            return;
        } finally {
            if (loaded.validatorReadsParameters()) {
                ClearingBufferPool.clearCharBuffersOf(Json.mapper());
            }
        }
        int reported = 0;
        boolean operationFound = true;
        boolean bodyReported = bodySchema == null;
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getKey().equals(PATH_MISSING) || message.getKey().equals(METHOD_NOT_ALLOWED)) {
                operationFound = false;
            }
            if (bodySchema != null && message.getKey().equals(BODY_MISSING)) {
                // The validator was not shown the body, which is there.
                continue;
            }
            if (!bodyReported && validatedAfterBody(message)) {
                reported = reportBody(inspection, bodyViolations, reported, routeMode);
                bodyReported = true;
            }
            if (message.getLevel() != ValidationReport.Level.ERROR || config.ignore().contains(message.getKey())) {
                continue;
            }
            if (reported++ >= config.maxViolations()) {
                break;
            }
            report(inspection, message.getKey(), locate(message), routeMode);
        }
        if (!bodyReported) {
            reported = reportBody(inspection, bodyViolations, reported, routeMode);
        }
        if (operationFound && reported < config.maxViolations() && !config.ignore().contains(CONTENT_TYPE_NOT_ALLOWED)
                && contentTypeUnclear(inspection.request())) {
            report(inspection, CONTENT_TYPE_NOT_ALLOWED, Location.value(Source.HEADER, "content-type"), routeMode);
        }
    }

    /**
     * Reports the body's violations at the level the validator gives their keys, within the cap;
     * returns the count so far.
     */
    private int reportBody(Inspection inspection, List<JsonBodySchemas.BodyViolation> violations, int reported, Mode routeMode) {
        for (JsonBodySchemas.BodyViolation violation : violations) {
            if (levels.getLevel(violation.key()) != ValidationReport.Level.ERROR || config.ignore().contains(violation.key())) {
                continue;
            }
            if (reported++ >= config.maxViolations()) {
                return reported;
            }
            Location location = violation.pointer() == null ? Location.value(Source.BODY, "")
                    : Location.value(Source.JSON, violation.pointer());
            report(inspection, violation.key(), location, routeMode);
        }
        return reported;
    }

    /**
     * Whether the validator checks what {@code message} is about after the body (query and cookie
     * parameters), so that body violations keep their place in the list.
     */
    private static boolean validatedAfterBody(ValidationReport.Message message) {
        if (message.getKey().startsWith("validation.request.parameter.query")) {
            return true;
        }
        return message.getContext()
                .flatMap(ValidationReport.MessageContext::getParameter)
                .map(parameter -> {
                    String in = String.valueOf(parameter.getIn()).toLowerCase(Locale.ROOT);
                    return in.equals("query") || in.equals("cookie");
                })
                .orElse(false);
    }

    /**
     * Whether the body's media type is missing or ambiguous. The validator checks a body only
     * against the media type it reads from the request: with none it skips the body, and with two
     * {@code Content-Type} fields (or a list in one) it accepts the type if any listed one is
     * declared but checks the body by the first, so a JSON body under {@code text/plain, application/json}
     * went through unchecked. A body without a media type is {@code application/octet-stream}
     * (RFC 9110, section 8.3), which a contract that declares its media types does not allow either.
     */
    private static boolean contentTypeUnclear(HttpRequest request) {
        Headers headers = request.headers();
        int fields = headers.count("Content-Type");
        if (fields > 1) {
            return true;
        }
        String value = fields == 1 ? headers.first("Content-Type") : null;
        if (value != null) {
            int semicolon = value.indexOf(';');
            if ((semicolon < 0 ? value : value.substring(0, semicolon)).indexOf(',') >= 0) {
                return true;
            }
        }
        return request.bodyLength() > 0 && (value == null || value.isBlank());
    }

    private void report(Inspection inspection, String key, Location location, Mode routeMode) {
        Mode mode = config.logOnly().contains(key) ? Mode.LOG_ONLY : routeMode;
        int status = switch (key) {
            case PATH_MISSING -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            default -> 400;
        };
        inspection.report(new Finding(KEY, key, "request violates the OpenAPI contract", location, "",
                Level.BASIC, mode, BlockType.OPENAPI, status));
        if (config.details() && mode == Mode.BLOCK) {
            inspection.violation(new Violation(key, describe(location)));
        }
    }

    /**
     * Validates a response against the spec that covers its request; every mismatch is a log-only
     * finding. Responses are never changed.
     */
    public List<Finding> inspectResponse(HttpRequest request, String normalizedPath, int status, Headers headers, byte[] body) {
        if (!config.validateResponses()) {
            return List.of();
        }
        LoadedSpec loaded = null;
        for (LoadedSpec candidate : specs) {
            if (candidate.spec().covers(normalizedPath)
                    && candidate.spec().when().matches(normalizedPath, request.method(), request.mediaType(), request.remoteAddress())) {
                loaded = candidate;
                break;
            }
        }
        Request.Method method = method(request.method());
        if (loaded == null || method == null) {
            return List.of();
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        for (List<String> field : groupByName(headers, name -> true)) {
            response.withHeader(field.get(0), field.subList(1, field.size()));
        }
        ValidationReport report;
        try {
            report = loaded.validator().validateResponse(normalizedPath, method, response.build());
        } catch (RuntimeException | Error e) {
            LOG.warn("OpenAPI validation failed on a response ({})", e.getClass().getName());
            LOG.debug("OpenAPI response validation failure", e);
            return List.of(new Finding(KEY, RESPONSE_UNCHECKABLE, "response could not be checked against the OpenAPI contract",
                    Location.value(Source.BODY, "response"), "", Level.BASIC, Mode.LOG_ONLY, BlockType.OPENAPI, 500));
        }
        List<Finding> findings = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR && findings.size() < config.maxViolations()) {
                findings.add(new Finding(KEY, message.getKey(), "response violates the OpenAPI contract",
                        Location.value(Source.BODY, "response"), "", Level.BASIC, Mode.LOG_ONLY, BlockType.OPENAPI, 500));
            }
        }
        return findings;
    }

    private LoadedSpec select(Inspection inspection) {
        HttpRequest request = inspection.request();
        String path = inspection.normalizedPath();
        for (LoadedSpec loaded : specs) {
            if (loaded.spec().covers(path)
                    && loaded.spec().when().matches(path, inspection.method(), request.mediaType(), inspection.clientAddress())) {
                return loaded;
            }
        }
        return null;
    }

    private boolean coveredInAnotherSpelling(Inspection inspection) {
        HttpRequest request = inspection.request();
        RoutingPath path = inspection.routingPath();
        for (LoadedSpec loaded : specs) {
            if (loaded.spec().coversAnySpelling(path) && loaded.spec().when().matchesAnySpelling(path, inspection.method(),
                    request.mediaType(), inspection.clientAddress())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request as the validator reads it, without its body (added only when the validator
     * checks it) and without its headers ({@link ValidatorRequest} answers for them): one builder
     * call per entry of {@code query} ({@link #queryOf}).
     */
    private static SimpleRequest.Builder toValidatorRequest(Inspection inspection, Map<String, List<String>> query) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(inspection.method(), inspection.normalizedPath());
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            builder.withQueryParam(parameter.getKey(), parameter.getValue());
        }
        return builder;
    }

    /**
     * The query values Bulwark decoded, grouped by their exact names in the order each first
     * appears, in one pass over the values. Grouping by exact name comes before the validator's
     * builder, which files names that differ only in case under one: {@code ?ids=1&IDS=2&ids=3}
     * reaches the validator as {@code [1, 3, 2]}, the order that decides which violations fall
     * within {@code max-violations}.
     */
    private static Map<String, List<String>> queryOf(Inspection inspection) {
        Map<String, List<String>> query = null;
        for (RequestValue value : inspection.values()) {
            Location location = value.location();
            if (location.source() == Source.QUERY && location.component() == Component.VALUE) {
                if (query == null) {
                    query = new LinkedHashMap<>();
                }
                query.computeIfAbsent(location.name(), name -> new ArrayList<>(1)).add(value.decoded());
            }
        }
        return query == null ? Map.of() : query;
    }

    private static byte[] bodyBytes(HttpRequest request) {
        byte[] body = new byte[request.bodyLength()];
        request.body().get(body);
        return body;
    }

    /**
     * The header fields grouped by name without regard to case, in the order each name first
     * appears: per name, a list of the name as first spelled followed by every value in order, so
     * that the cost follows the number of fields, not its square. Only the fields whose names
     * {@code keep} accepts: with an operation table, those the validator may read
     * ({@link OperationRoutes#readsHeader}). Several {@code Cookie} fields become one. A name with
     * characters outside ASCII is no field name (RFC 9110, section 5.1) and is left out: the
     * validator compares names by {@link String#CASE_INSENSITIVE_ORDER}, which takes
     * {@code X-Apı-Key}, with a dotless i, for {@code X-Api-Key}.
     */
    private static Collection<List<String>> groupByName(Headers headers, Predicate<String> keep) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Headers.Header header : headers.all()) {
            if (!keep.test(header.name()) || !Ascii.isAscii(header.name())) {
                continue;
            }
            List<String> field = fields.get(header.lowerCaseName());
            if (field == null) {
                field = new ArrayList<>(2);
                field.add(header.name());
                fields.put(header.lowerCaseName(), field);
            }
            field.add(header.value());
        }
        List<String> cookies = fields.get("cookie");
        if (cookies != null && cookies.size() > 2) {
            // A client sends one Cookie field, but HTTP/2 may split it (RFC 9113, section 8.2.3):
            // joined with "; ", as that section says, or the validator would read the fields
            // joined with commas as one long value of the first cookie, and miss the others.
            fields.put("cookie", List.of(cookies.get(0), String.join("; ", cookies.subList(1, cookies.size()))));
        }
        return fields.values();
    }

    private static Request.Method method(String name) {
        try {
            return Request.Method.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Location locate(ValidationReport.Message message) {
        Optional<ValidationReport.MessageContext> context = message.getContext();
        if (context.isPresent()) {
            if (context.get().getParameter().isPresent()) {
                var parameter = context.get().getParameter().get();
                Source source = switch (String.valueOf(parameter.getIn()).toLowerCase(Locale.ROOT)) {
                    case "query" -> Source.QUERY;
                    case "header" -> Source.HEADER;
                    case "cookie" -> Source.COOKIE;
                    default -> Source.PATH_SEGMENT;
                };
                return Location.value(source, String.valueOf(parameter.getName()));
            }
            if (context.get().getPointers().isPresent()) {
                return Location.value(Source.JSON, context.get().getPointers().get().getInstance());
            }
            if (message.getKey().startsWith("validation.request.body")) {
                return Location.value(Source.BODY, "");
            }
            if (message.getKey().startsWith("validation.request.contentType")) {
                return Location.value(Source.HEADER, "content-type");
            }
        }
        return Location.REQUEST;
    }

    private static String describe(Location location) {
        return switch (location.source()) {
            case JSON -> "body:" + location.name();
            case BODY -> "body";
            case REQUEST -> "request";
            case PATH_SEGMENT -> "path:" + location.name();
            default -> location.source().name().toLowerCase(Locale.ROOT) + ":" + location.name();
        };
    }

    private static String load(String location, String configPath) {
        try {
            if (location.startsWith(ClasspathResource.PREFIX)) {
                try (InputStream in = ClasspathResource.open(location)) {
                    if (in == null) {
                        throw new ConfigurationException(configPath, "not found on the classpath: " + location);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (location.startsWith("http://") || location.startsWith("https://")) {
                try (InputStream in = URI.create(location).toURL().openStream()) {
                    return new String(in.readNBytes(16 * 1024 * 1024), StandardCharsets.UTF_8);
                }
            }
            String file = location.startsWith("file:") ? location.substring("file:".length()) : location;
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(configPath, "cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}
