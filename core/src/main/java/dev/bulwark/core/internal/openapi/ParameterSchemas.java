package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import dev.bulwark.core.internal.ClearingBufferPool;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema checks of query, path, header and cookie parameter values with networknt's
 * json-schema-validator, compiled once per parameter schema at start-up, in place of the
 * validator's java-json-tools engine, which looked each value's schema up by hashing the whole
 * schema model and built a processing report per value. Everything around the check stays the
 * validator's: which parameters apply, required
 * and empty values, array splitting by style, the item counts, the order of the report and its
 * context. Only the step that judges one value against one schema runs here, and it judges as the
 * validator did ({@code ParameterSchemasTest} compares both engines): the value is read as the
 * validator reads it (a string for {@code string} schemas, a number where it parses as one, else
 * JSON), and each violation keeps the validator's key, {@code validation.request.parameter.schema.<keyword>}
 * ({@code format.<name>} for formats, the combinator for a failure inside {@code allOf}, {@code anyOf}
 * or {@code oneOf}), one per key, in the engine's order (by name, formats last).
 *
 * <p>Schemas that are not plain values (objects, references, several types) are left to the
 * validator's engine, as are the schemas of request and response bodies it still checks. The
 * validator offers no option for its engine, so the check is put in its place once, at start-up;
 * if the validator's layout is not the one expected, its own engine stays and a warning says so.
 */
final class ParameterSchemas extends SchemaValidator {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterSchemas.class);
    private static final String PREFIX = "request.parameter";
    private static final String KEY_PREFIX = "validation." + PREFIX + ".schema.";
    /** Keywords that make a schema more than a plain value's: those schemas stay with the validator's engine. */
    private static final Set<String> NOT_PLAIN = Set.of("$ref", "properties", "additionalProperties", "discriminator",
            "patternProperties", "required");

    private final MessageResolver messages;
    private final SchemaRegistry registry;
    /**
     * Per schema object of the validator's model (parameters' and their items'), its compiled form
     * or none; read without locking, replaced by a copy with each schema first seen after start-up
     * (schemas come from the spec alone, so the copies are bounded by it).
     */
    private volatile Map<Schema<?>, Compiled> compiled = new IdentityHashMap<>();
    private int count;

    /**
     * A compiled parameter schema; {@code schema} null when the validator's engine keeps it. Values
     * it found valid are remembered in {@code validValues}: clients send the same few values of a
     * parameter ({@code limit=20}, {@code status=open}) again and again, and the answer depends on
     * the value and the schema alone. At most {@value RecentAnswers#REMEMBERED_VALUES} values of up
     * to {@value RecentAnswers#REMEMBERED_LENGTH} characters per schema, and the schemas are the
     * spec's: about 10 KB per parameter schema at most.
     */
    private record Compiled(com.networknt.schema.Schema schema, String type,
            RecentAnswers<ValidationReport> validValues) {

        Compiled(com.networknt.schema.Schema schema, String type) {
            this(schema, type, schema == null ? null : new RecentAnswers<>());
        }
    }

    private ParameterSchemas(Components components, MessageResolver messages) {
        super(new OpenAPI().components(components), messages, SchemaEngine::schemaFactory);
        this.messages = messages;
        this.registry = SchemaRegistry.withDialect(JsonBodySchemas.dialect().build(),
                builder -> builder.schemaRegistryConfig(JsonBodySchemas.registryConfig()));
    }

    /**
     * Puts the compiled parameter checks in the place of {@code validator}'s engine, with every
     * parameter schema of its operations compiled now; keeps its own engine (and says so) when its
     * layout is not the one expected. Returns whether the compiled checks are in place.
     */
    static boolean install(OpenApiInteractionValidator validator) {
        try {
            Object requestValidator = ValidatorInternals.read(validator, "requestValidator");
            Object parameterValidator = ValidatorInternals.read(requestValidator, "parameterValidator");
            Components components = (Components) ValidatorInternals.read(requestValidator, "components");
            ParameterSchemas schemas = new ParameterSchemas(components,
                    (MessageResolver) ValidatorInternals.read(validator, "messages"));
            Object operations = ValidatorInternals.read(ValidatorInternals.read(validator, "apiOperationResolver"), "operations");
            for (Object operation : (Collection<?>) operations.getClass().getMethod("values").invoke(operations)) {
                List<Parameter> parameters = ((Operation) operation).getParameters();
                if (parameters != null) {
                    for (Parameter parameter : parameters) {
                        schemas.compile(parameter.getSchema());
                        if (parameter.getSchema() instanceof ArraySchema array) {
                            schemas.compile(array.getItems());
                        }
                    }
                }
            }
            Field engine = parameterValidator.getClass().getDeclaredField("schemaValidator");
            engine.setAccessible(true);
            engine.set(parameterValidator, schemas);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("OpenAPI parameters stay with the validator's schema engine (slower, same verdicts): {}", e.toString());
            return false;
        }
    }

    @Override
    public ValidationReport validate(String value, Schema schema, String keyPrefix) {
        Compiled check = PREFIX.equals(keyPrefix) && schema != null ? compile(schema) : null;
        if (check == null || check.schema() == null) {
            try {
                return super.validate(value, schema, keyPrefix);
            } finally {
                // The validator's engine reads the value through swagger-core's mapper.
                ClearingBufferPool.clearCharBuffersOf(Json.mapper());
            }
        }
        return check.validValues().answer(value, v -> judge(v, check), report -> report.getMessages().isEmpty());
    }

    /** The report on {@code value} against the compiled schema, as the validator's engine would give it. */
    private ValidationReport judge(String value, Compiled check) {
        JsonNode instance;
        try {
            instance = read(value, check.type());
        } catch (IOException e) {
            return ValidationReport.singleton(messages.create(KEY_PREFIX + "invalidJson",
                    messages.get("validation.schema.invalidJson", e.getMessage()).getMessage()));
        }
        List<Error> errors = check.schema().validate(instance);
        if (errors.isEmpty()) {
            return ValidationReport.empty();
        }
        List<String> keys = new ArrayList<>(errors.size());
        List<ValidationReport.Message> found = new ArrayList<>(errors.size());
        for (Error error : errors) {
            String key = KEY_PREFIX + keyword(error);
            if (!keys.contains(key)) {
                keys.add(key);
                found.add(messages.create(key, error.getMessage()));
            }
        }
        if (found.size() > 1) {
            found.sort((a, b) -> {
                boolean leftFormat = a.getKey().startsWith(KEY_PREFIX + "format");
                boolean rightFormat = b.getKey().startsWith(KEY_PREFIX + "format");
                return leftFormat != rightFormat ? (leftFormat ? 1 : -1) : a.getKey().compareTo(b.getKey());
            });
        }
        return ValidationReport.from(found);
    }

    /** The outermost combinator the error was found under, else its own keyword. */
    private static String keyword(Error error) {
        String path = error.getEvaluationPath() == null ? "" : error.getEvaluationPath().toString();
        String outermost = null;
        int earliest = Integer.MAX_VALUE;
        for (String combinator : JsonBodySchemas.COMBINATORS) {
            int at = path.indexOf("/" + combinator + "/");
            if (at >= 0 && at < earliest) {
                earliest = at;
                outermost = combinator;
            }
        }
        return outermost != null ? outermost : JsonBodySchemas.keyword(error);
    }

    /** The value as the validator reads it for a schema of {@code type}. */
    static JsonNode read(String value, String type) throws IOException {
        switch (type) {
            case "string":
                return new TextNode(value);
            case "null":
                return NullNode.getInstance();
            case "number", "integer":
                if (shortInteger(value)) {
                    // What the reader below makes of it, without a parser per value.
                    return IntNode.valueOf(Integer.parseInt(value));
                }
                try {
                    Double.parseDouble(value);
                } catch (NumberFormatException notANumber) {
                    return new TextNode(value);
                }
                return ValidatorBody.READER.readTree(value);
            default:
                return ValidatorBody.READER.readTree(value);
        }
    }

    /**
     * Whether {@code value} is an integer as JSON writes it (no sign but minus, no leading zero) of
     * at most nine digits, which JSON readers take as an {@code int}.
     */
    static boolean shortInteger(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        int digits = value.length() - start;
        if (digits < 1 || digits > 9 || digits > 1 && value.charAt(start) == '0') {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The compiled form of {@code schema}, compiled on first use (at start-up for the operations' parameters). */
    private Compiled compile(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        Compiled known = compiled.get(schema);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = compiled.get(schema);
            if (known == null) {
                known = compileNow(schema);
                Map<Schema<?>, Compiled> copy = new IdentityHashMap<>(compiled);
                copy.put(schema, known);
                compiled = copy;
            }
            return known;
        }
    }

    private Compiled compileNow(Schema<?> schema) {
        String type = schema.getType() == null ? null : schema.getType().toLowerCase(Locale.ROOT);
        if (type == null || schema.getTypes() != null && schema.getTypes().size() > 1) {
            return new Compiled(null, null);
        }
        ObjectNode node = Json.mapper().convertValue(schema, ObjectNode.class);
        if (!plain(node)) {
            return new Compiled(null, null);
        }
        return new Compiled(registry.getSchema(SchemaLocation.of("urn:bulwark:parameter:" + count++), node), type);
    }

    /** Whether the schema, with everything in it, describes plain values only. */
    private static boolean plain(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (NOT_PLAIN.contains(field.getKey()) || !plain(field.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!plain(element)) {
                    return false;
                }
            }
        }
        return true;
    }
}
