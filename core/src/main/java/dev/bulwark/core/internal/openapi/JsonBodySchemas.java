package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.util.ContentTypeUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON request bodies of one spec, validated against their schemas with networknt's
 * json-schema-validator in its OpenAPI 3.0 dialect instead of swagger-request-validator's
 * java-json-tools engine, which builds a JSON pointer and a schema tree for every node of every
 * body. Each operation's schema per media type is compiled once, at start-up, from the spec as
 * written (a {@code $ref} resolves into the same document).
 *
 * <p>Which bodies are taken over follows the validator's own rules, through its own operation
 * resolver and content-type matching: a non-empty body of a JSON content type for an operation
 * that declares a request body with a schema under the most specific matching media type. Any
 * other body stays with the validator. Violations keep the validator's keys
 * ({@code validation.request.body.schema.<keyword>}, {@code format.<name>} for formats) and its
 * instance pointers ({@code /} for the document itself).
 */
final class JsonBodySchemas {

    static final String INVALID_JSON = "validation.request.body.schema.invalidJson";
    private static final String KEY_PREFIX = "validation.request.body.schema.";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ApiOperationResolver operations;
    /** Per operation of the parsed model (by identity), its compiled schema per declared media type. */
    private final Map<Operation, Map<String, Schema>> schemas = new IdentityHashMap<>();

    /** One body violation: the validator's key and the instance pointer. */
    record Violation(String key, String pointer) {
    }

    JsonBodySchemas(String content, String basePathOverride) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(content, null, options).getOpenAPI();
        this.operations = new ApiOperationResolver(api, basePathOverride.isEmpty() ? null : basePathOverride, false);
        JsonNode document;
        try {
            document = YAML.readTree(content);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the spec: " + e.getMessage(), e);
        }
        String base = "urn:bulwark:openapi";
        String json = document.toString();
        SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi30(), builder -> builder
                .schemas(Map.of(base, json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_POINTER)
                        .regularExpressionFactory(pattern -> value -> SchemaEngine.matches(pattern, value))
                        .build()));
        JsonNode paths = document.path("paths");
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            JsonNode pathNode = paths.path(path.getKey());
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                RequestBody body = operation.getValue().getRequestBody();
                if (body == null || body.getContent() == null) {
                    continue;
                }
                String method = operation.getKey().name().toLowerCase(Locale.ROOT);
                String pointer = "/paths/" + escape(path.getKey()) + "/" + method + "/requestBody";
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
                    String schemaPointer = pointer + "/content/" + escape(mediaType) + "/schema";
                    Schema schema = registry.getSchema(SchemaLocation.of(base + "#" + schemaPointer));
                    byMediaType.put(mediaType, schema);
                }
                schemas.put(operation.getValue(), byMediaType);
            }
        }
    }

    /**
     * The compiled schema the validator would check {@code request}'s body against, or null when
     * the validator keeps the body: no operation, no request body declared, no body sent, not JSON,
     * or no declared media type matching.
     */
    Schema schemaFor(String path, Request.Method method, Request request, boolean hasBody) {
        if (!hasBody || !ContentTypeUtils.isJsonContentType(request)) {
            return null;
        }
        ApiOperationMatch match = operations.findApiOperation(path, method);
        if (!match.isPathFound() || !match.isOperationAllowed()) {
            return null;
        }
        Operation operation = match.getApiOperation().getOperation();
        Map<String, Schema> byMediaType = schemas.get(operation);
        if (byMediaType == null) {
            return null;
        }
        return ContentTypeUtils.findMostSpecificMatch(request, operation.getRequestBody().getContent().keySet())
                .map(byMediaType::get)
                .orElse(null);
    }

    /** The body's violations of {@code schema}, in the engine's order; unreadable JSON is one violation. */
    static List<Violation> validate(Schema schema, byte[] body) {
        JsonNode instance;
        try {
            // The validator's own reader (swagger-core's mapper), so that what parses is unchanged.
            instance = Json.mapper().readTree(body);
        } catch (IOException e) {
            return List.of(new Violation(INVALID_JSON, null));
        }
        List<Error> errors = schema.validate(instance);
        List<Violation> violations = new ArrayList<>(errors.size());
        for (Error error : errors) {
            violations.add(new Violation(KEY_PREFIX + keyword(error), pointer(error)));
        }
        return violations;
    }

    private static String keyword(Error error) {
        String keyword = error.getKeyword();
        if ("format".equals(keyword)) {
            JsonNode format = error.getSchemaNode();
            String name = format != null && format.isTextual() ? format.textValue()
                    : format != null ? format.path("format").asText("") : "";
            return name.isEmpty() ? keyword : keyword + "." + name;
        }
        return keyword;
    }

    private static String pointer(Error error) {
        String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
