package dev.bulwark.core.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import dev.bulwark.core.internal.parse.JsonBodyParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI 3.0 {@code discriminator} keyword as swagger-request-validator defines it, for the
 * compiled schemas of {@link JsonBodySchemas}: the object must carry the discriminating property as
 * a non-empty string; beside {@code allOf} (inheritance) the value must name a schema of the
 * mapping or of {@code components/schemas} that extends this one through {@code allOf}, and the
 * object must be valid against that schema. Beside {@code oneOf} or {@code anyOf} those keywords
 * decide alone. Every failure is one violation of {@code discriminator} where it applies.
 *
 * <p>The selected schema extends this one, so checking it reaches this keyword again for the same
 * value. Each pair of value location and selected schema is checked at most once per body: the
 * recursion ends there. A value's subtree may still be checked again through the selected schema at
 * each level of nesting, so the work is bounded by the body's size times its depth (capped by
 * {@code limits.json.depth}) times the number of schemas.
 * (The validator guarded the loop by writing into its shared schema tree, and on such a spec
 * overflowed its stack or ran out of memory on a single request.)
 */
final class SpecDiscriminator implements Keyword {

    static final String KEYWORD = "discriminator";
    private static final String SCHEMAS = "/components/schemas";
    /** Key of the (value location, selected schema) pairs already checked, in the execution's collector. */
    private static final Object CHECKED = new Object();

    private final JsonNode document;
    private final String base;

    /**
     * @param document the spec as compiled, to find the schemas that extend a discriminating one
     * @param base the URI the document is registered under
     */
    SpecDiscriminator(JsonNode document, String base) {
        this.document = document;
        this.base = base;
    }

    @Override
    public String getValue() {
        return KEYWORD;
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
            SchemaContext schemaContext) {
        return new Validator(this, schemaLocation, schemaNode, parentSchema, schemaContext);
    }

    private final class Validator extends BaseKeywordValidator {

        private final String propertyName;
        /** Whether {@code oneOf} or {@code anyOf} beside this keyword decide which schema applies. */
        private final boolean composed;
        /** Per accepted value, the pointer of the schema it selects. */
        private final Map<String, String> selected;
        private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

        Validator(Keyword keyword, SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
                SchemaContext schemaContext) {
            super(keyword, schemaNode, schemaLocation, parentSchema, schemaContext);
            this.propertyName = schemaNode.path("propertyName").asText("");
            JsonNode parentNode = parentSchema.getSchemaNode();
            this.composed = parentNode.has("oneOf") || parentNode.has("anyOf");
            this.selected = selectable(parentSchema.getSchemaLocation().getFragment().toString(), schemaNode.path("mapping"));
        }

        /** The schemas of the spec whose {@code allOf} refers to {@code parent}, then the mapping's entries. */
        private Map<String, String> selectable(String parent, JsonNode mapping) {
            Map<String, String> values = new LinkedHashMap<>();
            String parentRef = "#" + parent;
            document.path("components").path("schemas").fields().forEachRemaining(schema -> {
                for (JsonNode part : schema.getValue().path("allOf")) {
                    if (parentRef.equals(part.path("$ref").asText(null))) {
                        values.put(schema.getKey(), pointer(schema.getKey()));
                    }
                }
            });
            mapping.fields().forEachRemaining(entry -> values.put(entry.getKey(), pointer(entry.getValue().asText(""))));
            return values;
        }

        /** The pointer a mapping value or schema name stands for: a local reference, or a name under the components. */
        private static String pointer(String reference) {
            if (reference.startsWith("#/")) {
                return reference.substring(1);
            }
            StringBuilder pointer = new StringBuilder(SCHEMAS.length() + reference.length() + 1).append(SCHEMAS);
            JsonBodyParser.appendPointerToken(pointer, reference);
            return pointer.toString();
        }

        @Override
        public void validate(ExecutionContext context, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
            if (!node.isObject()) {
                // Not an object: the schema's type says so, if it says anything.
                return;
            }
            JsonNode value = node.get(propertyName);
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                fail(context, node, instanceLocation, "discriminator.missing_discriminating_value");
                return;
            }
            if (composed) {
                return;
            }
            String target = selected.get(value.textValue());
            if (target == null || document.at(target).isMissingNode()) {
                fail(context, node, instanceLocation, "discriminator.anyOf.no_match_found");
                return;
            }
            Set<String> checked = context.getCollectorContext().computeIfAbsent(CHECKED, key -> new HashSet<String>());
            if (!checked.add(instanceLocation + " " + target)) {
                return;
            }
            Schema schema = compiled.computeIfAbsent(target,
                    pointer -> schemaContext.getSchemaRegistry().getSchema(SchemaLocation.of(base + "#" + pointer)));
            List<Error> outer = context.getErrors();
            boolean failFast = context.isFailFast();
            List<Error> inner = new ArrayList<>();
            context.setErrors(inner);
            context.setFailFast(false);
            try {
                schema.validate(context, node, rootNode, instanceLocation);
            } finally {
                context.setErrors(outer);
                context.setFailFast(failFast);
            }
            if (!inner.isEmpty()) {
                fail(context, node, instanceLocation, "discriminator.anyOf.no_match_found");
            }
        }

        private void fail(ExecutionContext context, JsonNode node, NodePath instanceLocation, String messageKey) {
            context.addError(error().instanceNode(node).instanceLocation(instanceLocation)
                    .evaluationPath(context.getEvaluationPath()).locale(context.getExecutionConfig().getLocale())
                    .messageKey(messageKey).arguments(propertyName).build());
        }
    }
}
