package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.util.ContentTypeUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import dev.bulwark.core.internal.parse.JsonBodyParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON request bodies of one spec, validated against their schemas with networknt's
 * json-schema-validator in its OpenAPI 3.0 dialect instead of swagger-request-validator's
 * java-json-tools engine, which builds a JSON pointer and a schema tree for every node of every
 * body. Each operation's schema per media type is compiled once, at start-up, from the spec as
 * written (a {@code $ref} resolves into the same document). OpenAPI 3.0 documents only: a 3.1
 * document's bodies stay with the validator.
 *
 * <p>Which bodies are taken over follows the validator's own rules, through the operation the
 * request resolves to ({@link OperationRoutes}, or the validator's resolver over this class's parse
 * of the spec when there is no table) and the validator's content-type matching: a non-empty body of a JSON content type for an operation
 * that declares a request body with a schema under the most specific matching media type. Any
 * other body stays with the validator. Violations keep the validator's keys
 * ({@code validation.request.body.schema.<keyword>}, {@code format.<name>} for formats) and its
 * instance pointers ({@code /} for the document itself).
 *
 * <p>What the validator did before validating, and what its engine did differently, is done here
 * too, so that verdicts do not change ({@code JsonBodySchemasTest} compares both engines): the
 * validator's formats ({@link SpecFormats}); {@code additionalProperties: false} added to object
 * schemas that list {@code properties} and say nothing of others; read-only properties taken out of
 * {@code required}; a failure inside {@code allOf}/{@code anyOf}/{@code oneOf} reported once, as
 * that keyword, where it applies; one violation per keyword and value; java-json-tools' order.
 * {@code pattern} is matched by {@link SchemaEngine#matches} (ECMA-262, each pattern compiled once),
 * as before. {@code discriminator} is the validator's keyword ({@link SpecDiscriminator}), with its
 * recursion bounded: the validator itself overflowed its stack on the usual inheritance layout.
 */
final class JsonBodySchemas {

    static final String INVALID_JSON = "validation.request.body.schema.invalidJson";
    private static final String KEY_PREFIX = "validation.request.body.schema.";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Set<String> COMBINATORS = Set.of("allOf", "anyOf", "oneOf");

    /**
     * A resolver over this class's own parse of the spec, for {@link #schemaFor(String,
     * Request.Method, Request, boolean)}; null when requests are routed by an {@link OperationRoutes}
     * table, which finds their operations instead.
     */
    private final ApiOperationResolver operations;
    /**
     * Per spec path (as written) and method, the operation's request bodies: found by the
     * operation the validator resolves, whichever parse of the spec it comes from.
     */
    private final Map<String, Map<PathItem.HttpMethod, OperationBodies>> bodies = new HashMap<>();
    private final RecentAnswers<Boolean> jsonContentTypes = new RecentAnswers<>();

    /**
     * One operation's compiled schema per declared media type (with a schema), its declared media
     * types, and the declared media type each request content type selects.
     */
    private record OperationBodies(Map<String, Schema> schemas, Set<String> declared,
            RecentAnswers<Optional<String>> mediaTypes) {
    }

    /** One body violation: the validator's key and the instance pointer. */
    record BodyViolation(String key, String pointer) {
    }

    /**
     * @param closedObjects whether an object schema with {@code properties} and no
     *     {@code additionalProperties} admits no other members, as the validator treats it unless
     *     {@code validation.schema.additionalProperties} is ignored
     * @param ownResolver whether operations are looked up here ({@link #schemaFor(String,
     *     Request.Method, Request, boolean)}), the spec having no {@link OperationRoutes} table
     */
    JsonBodySchemas(String content, String basePathOverride, boolean closedObjects, boolean ownResolver) {
        ParseOptions options = new ParseOptions();
        // As the validator loads it, so that its operations and media types are the same.
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        OpenAPI api = new OpenAPIV3Parser().readContents(content, null, options).getOpenAPI();
        this.operations = !ownResolver || api == null ? null
                : new ApiOperationResolver(api, basePathOverride.isEmpty() ? null : basePathOverride, false);
        JsonNode document;
        try {
            document = YAML.readTree(content);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the spec: " + e.getMessage(), e);
        }
        if (api == null || api.getPaths() == null || !document.path("openapi").asText("").startsWith("3.0")) {
            // OpenAPI 3.1 schemas (type arrays and the rest) stay with the validator, as before.
            return;
        }
        String base = "urn:bulwark:openapi";
        JsonNode forRequests = withoutReadOnlyRequirements(document.deepCopy());
        if (closedObjects) {
            closeObjects(forRequests);
        }
        String json = forRequests.toString();
        Dialect dialect = dialect().keyword(new SpecDiscriminator(forRequests, base)).build();
        SchemaRegistry registry = SchemaRegistry.withDialect(dialect, builder -> builder
                .schemas(Map.of(base, json))
                .schemaRegistryConfig(registryConfig()));
        JsonNode paths = document.path("paths");
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            JsonNode pathNode = paths.path(path.getKey());
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                RequestBody body = operation.getValue().getRequestBody();
                if (body == null || body.getContent() == null) {
                    continue;
                }
                String method = operation.getKey().name().toLowerCase(Locale.ROOT);
                StringBuilder operationPointer = new StringBuilder("/paths");
                JsonBodyParser.appendPointerToken(operationPointer, path.getKey());
                String pointer = operationPointer.append('/').append(method).append("/requestBody").toString();
                JsonNode bodyNode = pathNode.path(method).path("requestBody");
                String ref = bodyNode.path("$ref").asText("");
                if (ref.startsWith("#/")) {
                    pointer = ref.substring(1);
                    bodyNode = document.at(pointer);
                }
                Map<String, Schema> byMediaType = new LinkedHashMap<>();
                for (String mediaType : body.getContent().keySet()) {
                    if (!bodyNode.path("content").path(mediaType).has("schema")) {
                        continue;
                    }
                    StringBuilder schemaPointerBuilder = new StringBuilder(pointer).append("/content");
                    JsonBodyParser.appendPointerToken(schemaPointerBuilder, mediaType);
                    String schemaPointer = schemaPointerBuilder.append("/schema").toString();
                    Schema schema = registry.getSchema(SchemaLocation.of(base + "#" + schemaPointer));
                    byMediaType.put(mediaType, schema);
                }
                this.bodies.computeIfAbsent(path.getKey(), key -> new EnumMap<>(PathItem.HttpMethod.class))
                        .put(operation.getKey(), new OperationBodies(byMediaType, body.getContent().keySet(),
                                new RecentAnswers<>()));
            }
        }
    }

    /**
     * The OpenAPI 3.0 dialect as the validator judges it: its formats ({@link SpecFormats}), and
     * the document around the schemas (info, paths, ...) and extensions taken as no keywords.
     */
    static Dialect.Builder dialect() {
        return Dialect.builder(Dialects.getOpenApi30())
                .formats(SpecFormats.all())
                .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword));
    }

    /** Formats asserted, JSON pointers for locations, {@code pattern} matched as the validator matches it. */
    static SchemaRegistryConfig registryConfig() {
        return SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .regularExpressionFactory(pattern -> value -> SchemaEngine.matches(pattern, value))
                .build();
    }

    /**
     * {@code document} with every property marked {@code readOnly} (directly or through a local
     * {@code $ref}) taken out of its schema's {@code required}, as the validator does for requests:
     * a client does not send what only the server writes.
     */
    private static JsonNode withoutReadOnlyRequirements(JsonNode document) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(document);
        while (!pending.isEmpty()) {
            JsonNode current = pending.pop();
            if (current.isObject() && current.path("required").isArray() && current.path("properties").isObject()) {
                ArrayNode required = (ArrayNode) current.get("required");
                for (int i = required.size() - 1; i >= 0; i--) {
                    if (readOnly(document, current.get("properties").path(required.get(i).asText()))) {
                        required.remove(i);
                    }
                }
            }
            current.forEach(pending::push);
        }
        return document;
    }

    /**
     * Adds {@code additionalProperties: false} to every schema of the document that lists
     * {@code properties} and says nothing of other members (and has no discriminator), as the
     * validator does before it validates: its schemas are walked from the components and from each
     * media type, through properties, items, additional properties, composition and {@code not}.
     */
    private static void closeObjects(JsonNode document) {
        Deque<JsonNode> schemas = new ArrayDeque<>();
        document.path("components").path("schemas").forEach(schemas::push);
        List<JsonNode> bodies = new ArrayList<>();
        document.path("components").path("requestBodies").forEach(bodies::add);
        document.path("paths").forEach(path -> path.forEach(operation -> bodies.add(operation.path("requestBody"))));
        for (JsonNode body : bodies) {
            body.path("content").forEach(mediaType -> schemas.push(mediaType.path("schema")));
        }
        Set<JsonNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!schemas.isEmpty()) {
            JsonNode schema = schemas.pop();
            if (!(schema instanceof ObjectNode object) || !visited.add(schema)) {
                continue;
            }
            if (object.path("properties").isObject() && !object.has("additionalProperties") && !object.has("discriminator")) {
                object.put("additionalProperties", false);
            }
            object.path("properties").forEach(schemas::push);
            schemas.push(object.path("items"));
            schemas.push(object.path("additionalProperties"));
            schemas.push(object.path("not"));
            for (String combinator : COMBINATORS) {
                object.path(combinator).forEach(schemas::push);
            }
        }
    }

    private static boolean readOnly(JsonNode document, JsonNode property) {
        JsonNode schema = property;
        for (int hops = 0; hops < 32 && schema.isObject(); hops++) {
            if (schema.path("readOnly").asBoolean(false)) {
                return true;
            }
            String ref = schema.path("$ref").asText("");
            if (!ref.startsWith("#/")) {
                return false;
            }
            schema = document.at(ref.substring(1));
        }
        return false;
    }

    /**
     * The compiled schema the validator would check {@code request}'s body against, or null when
     * the validator keeps the body: no operation, no request body declared, no body sent, not JSON,
     * or no declared media type matching. For a spec without an operation table; with one,
     * {@link #schemaFor(ApiOperation, Request, boolean)} takes the operation the table found.
     */
    Schema schemaFor(String path, Request.Method method, Request request, boolean hasBody) {
        if (!jsonBody(request.getContentType().orElse(null), hasBody)) {
            return null;
        }
        if (operations == null) {
            return null;
        }
        ApiOperationMatch match = operations.findApiOperation(path, method);
        return match.isPathFound() && match.isOperationAllowed() ? schemaFor(match.getApiOperation(), request, hasBody) : null;
    }

    /** As {@link #schemaFor(String, Request.Method, Request, boolean)}, for the operation the request resolved to. */
    Schema schemaFor(ApiOperation operation, Request request, boolean hasBody) {
        String contentType = request.getContentType().orElse(null);
        if (!jsonBody(contentType, hasBody)) {
            return null;
        }
        Map<PathItem.HttpMethod, OperationBodies> byMethod = bodies.get(operation.getApiPath().original());
        OperationBodies operationBodies = byMethod == null ? null : byMethod.get(operation.getMethod());
        if (operationBodies == null) {
            return null;
        }
        return operationBodies.mediaTypes()
                .answer(contentType, value -> ContentTypeUtils.findMostSpecificMatch(value, operationBodies.declared()))
                .map(operationBodies.schemas()::get)
                .orElse(null);
    }

    private boolean jsonBody(String contentType, boolean hasBody) {
        return hasBody && contentType != null && jsonContentTypes.answer(contentType, ContentTypeUtils::isJsonContentType);
    }

    /** The body's violations of {@code schema}, in the engine's order; unreadable JSON is one violation. */
    static List<BodyViolation> validate(Schema schema, byte[] body) {
        JsonNode instance;
        try {
            instance = ValidatorBody.READER.readTree(body);
        } catch (IOException e) {
            return List.of(new BodyViolation(INVALID_JSON, null));
        }
        List<Error> errors = schema.validate(instance);
        List<BodyViolation> violations = new ArrayList<>(errors.size());
        Set<BodyViolation> seen = new HashSet<>();
        for (Error error : errors) {
            BodyViolation violation = asTheValidatorReportsIt(error);
            if (seen.add(violation)) {
                violations.add(violation);
            }
        }
        if (violations.size() < 2) {
            return violations;
        }
        // Each pointer is split and unescaped once, not on every comparison.
        List<SortKey> keys = new ArrayList<>(violations.size());
        for (BodyViolation violation : violations) {
            keys.add(new SortKey(violation));
        }
        keys.sort(IN_THE_VALIDATORS_ORDER);
        List<BodyViolation> sorted = new ArrayList<>(keys.size());
        for (SortKey key : keys) {
            sorted.add(key.violation());
        }
        return sorted;
    }

    /**
     * The error as java-json-tools reports it: a failure inside {@code allOf}, {@code anyOf} or
     * {@code oneOf} is one violation of that keyword where it applies (the outermost one), not the
     * failures of its branches; {@code format} carries the format's name.
     */
    private static BodyViolation asTheValidatorReportsIt(Error error) {
        List<String> schemaPath = tokens(error.getEvaluationPath() == null ? "" : error.getEvaluationPath().toString());
        List<String> instancePath = tokens(error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString());
        int consumed = 0;
        for (int i = 0; i < schemaPath.size(); i++) {
            String segment = schemaPath.get(i);
            if (COMBINATORS.contains(segment)) {
                return new BodyViolation(KEY_PREFIX + segment, pointer(instancePath.subList(0, Math.min(consumed, instancePath.size()))));
            }
            if (i == schemaPath.size() - 1) {
                break;
            }
            switch (segment) {
                case "properties", "patternProperties" -> {
                    i++;
                    consumed++;
                }
                case "items", "additionalProperties" -> consumed++;
                default -> {
                    // $ref and other keywords that stay on the same value
                }
            }
        }
        return new BodyViolation(KEY_PREFIX + keyword(error), pointer(instancePath));
    }

    /**
     * java-json-tools' order: a value's own violations before those inside it, an object's members
     * by name and an array's items by index; at one value, keywords by name with {@code format}
     * last. Invalid JSON (no pointer) comes alone.
     */
    private static final Comparator<SortKey> IN_THE_VALIDATORS_ORDER = (a, b) -> {
        List<String> left = a.tokens();
        List<String> right = b.tokens();
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = compareTokens(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        if (left.size() != right.size()) {
            return Integer.compare(left.size(), right.size());
        }
        boolean leftFormat = a.violation().key().startsWith(KEY_PREFIX + "format");
        boolean rightFormat = b.violation().key().startsWith(KEY_PREFIX + "format");
        if (leftFormat != rightFormat) {
            return leftFormat ? 1 : -1;
        }
        return a.violation().key().compareTo(b.violation().key());
    };

    /** A violation with its pointer's tokens, unescaped except for array indexes, for sorting. */
    private record SortKey(BodyViolation violation, List<String> tokens) {
        SortKey(BodyViolation violation) {
            this(violation, sortTokens(violation.pointer()));
        }

        private static List<String> sortTokens(String pointer) {
            List<String> tokens = JsonBodySchemas.tokens(pointer == null || pointer.equals("/") ? "" : pointer);
            tokens.replaceAll(JsonBodySchemas::unescape);
            return tokens;
        }
    }

    private static int compareTokens(String left, String right) {
        if (isIndex(left) && isIndex(right)) {
            return left.length() != right.length() ? Integer.compare(left.length(), right.length()) : left.compareTo(right);
        }
        return left.compareTo(right);
    }

    private static boolean isIndex(String token) {
        if (token.isEmpty() || token.length() > 1 && token.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The reference tokens of a JSON pointer, still escaped. */
    private static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        int start = 1;
        for (int i = 1; i <= pointer.length(); i++) {
            if (i == pointer.length() || pointer.charAt(i) == '/') {
                tokens.add(pointer.substring(start, i));
                start = i + 1;
            }
        }
        return tokens;
    }

    private static String pointer(List<String> tokens) {
        return tokens.isEmpty() ? "/" : "/" + String.join("/", tokens);
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** The validator's name for what {@code error} is about: its keyword, {@code format.<name>} for formats. */
    static String keyword(Error error) {
        String keyword = error.getKeyword();
        if ("format".equals(keyword)) {
            JsonNode format = error.getSchemaNode();
            String name = format != null && format.isTextual() ? format.textValue()
                    : format != null ? format.path("format").asText("") : "";
            return name.isEmpty() ? keyword : keyword + "." + name;
        }
        return keyword;
    }
}
