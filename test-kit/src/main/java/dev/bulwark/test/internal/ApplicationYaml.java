package dev.bulwark.test.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.ConfigurationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the {@code bulwark:} section of a Spring Boot {@code application.yml} the way the starter
 * sees it once Spring has bound it, without starting Spring: documents are merged in order (later
 * ones win, lists are replaced whole), a document with {@code spring.config.activate.on-profile}
 * counts only when one of the given profiles is active, dotted keys ({@code bulwark.mode: log-only})
 * are the same as nested ones, {@code ${name:default}} placeholders are resolved from system
 * properties and the environment, and {@code bulwark.config-file} is followed.
 *
 * <p>Keys must be written in kebab-case, the form the starter documents; Spring's other relaxed
 * forms ({@code denyRules}) are reported as unknown keys.
 */
public final class ApplicationYaml {

    private static final String PREFIX = "bulwark";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> STARTER_ONLY = Set.of("enabled", "filter-order", "config-file");

    private ApplicationYaml() {
    }

    /**
     * The configuration in {@code yaml}.
     *
     * @param yaml the text of an {@code application.yml}
     * @param profiles the active profiles
     * @param resources reads the file named by {@code bulwark.config-file}
     * @throws ConfigurationException for an invalid configuration, with the path of the property
     */
    public static BulwarkConfig read(String yaml, Set<String> profiles, UnaryOperator<String> resources) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        try (JsonParser parser = YAML.createParser(yaml); MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new ConfigurationException("", "an application.yml document must be a map of keys");
                }
                ObjectNode expanded = expand((ObjectNode) document);
                if (active(expanded, profiles)) {
                    merge(merged, expanded);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigurationException configurationException) {
                throw configurationException;
            }
            throw new ConfigurationException("", "invalid YAML: " + e.getMessage(), e);
        }
        JsonNode section = merged.get(PREFIX);
        if (section == null || section.isNull()) {
            return BulwarkConfig.defaults();
        }
        if (!section.isObject()) {
            throw new ConfigurationException(PREFIX, "expected a map of keys");
        }
        ObjectNode bulwark = (ObjectNode) resolvePlaceholders(section, PREFIX);
        JsonNode configFile = bulwark.get("config-file");
        List<String> others = new ArrayList<>();
        bulwark.fieldNames().forEachRemaining(name -> {
            if (!STARTER_ONLY.contains(name)) {
                others.add(name);
            }
        });
        if (configFile != null && !configFile.asText().isBlank()) {
            if (!others.isEmpty()) {
                throw new ConfigurationException(PREFIX + ".config-file", "cannot be combined with other Bulwark properties; found "
                        + others.stream().map(name -> PREFIX + "." + name).toList());
            }
            String location = configFile.asText().trim();
            try {
                return ConfigLoader.fromYaml(resources.apply(location));
            } catch (ConfigurationException e) {
                throw new ConfigurationException(PREFIX + ".config-file", "in '" + location + "': " + e.getMessage());
            }
        }
        STARTER_ONLY.forEach(bulwark::remove);
        JsonNode allowRules = bulwark.get("allow-rules");
        if (allowRules != null && allowRules.isArray()) {
            // Spring binds allow-rules as an object only, so the starter refuses the bare list.
            throw new ConfigurationException(PREFIX + ".allow-rules",
                    "under Spring Boot write the list as allow-rules.rules (the bare list form is for YAML files only)");
        }
        try {
            return ConfigLoader.fromTree(bulwark);
        } catch (ConfigurationException e) {
            throw prefixed(e);
        }
    }

    private static ConfigurationException prefixed(ConfigurationException e) {
        String path = e.path();
        String message = e.getMessage();
        if (!path.isEmpty() && message.startsWith(path + ": ")) {
            message = message.substring(path.length() + 2);
        }
        return new ConfigurationException(path.isEmpty() ? PREFIX : PREFIX + (path.startsWith("[") ? "" : ".") + path, message);
    }

    /** Whether a document counts for these profiles. */
    private static boolean active(ObjectNode document, Set<String> profiles) {
        JsonNode onProfile = document.at("/spring/config/activate/on-profile");
        if (onProfile.isMissingNode() || onProfile.isNull()) {
            return true;
        }
        List<String> wanted = new ArrayList<>();
        if (onProfile.isArray()) {
            onProfile.forEach(item -> wanted.add(item.asText()));
        } else {
            for (String item : onProfile.asText().split(",")) {
                wanted.add(item);
            }
        }
        for (String item : wanted) {
            String profile = item.trim();
            if (profile.chars().anyMatch(c -> c == '!' || c == '&' || c == '|' || c == '(')) {
                throw new ConfigurationException("spring.config.activate.on-profile",
                        "profile expressions are not supported by the test kit: '" + profile + "'");
            }
            if (profiles.contains(profile)) {
                return true;
            }
        }
        return false;
    }

    /** Splits dotted keys into nested maps, as Spring reads {@code a.b: c} like {@code a: {b: c}}. */
    private static ObjectNode expand(ObjectNode node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> path = splitKey(field.getKey());
            ObjectNode parent = out;
            for (int i = 0; i < path.size() - 1; i++) {
                JsonNode child = parent.get(path.get(i));
                if (!(child instanceof ObjectNode)) {
                    child = JsonNodeFactory.instance.objectNode();
                    parent.set(path.get(i), child);
                }
                parent = (ObjectNode) child;
            }
            String last = path.get(path.size() - 1);
            JsonNode value = expandValue(field.getValue());
            JsonNode existing = parent.get(last);
            if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode valueObject) {
                merge(existingObject, valueObject);
            } else {
                parent.set(last, value);
            }
        }
        return out;
    }

    private static JsonNode expandValue(JsonNode value) {
        if (value instanceof ObjectNode object) {
            return expand(object);
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.forEach(item -> out.add(expandValue(item)));
            return out;
        }
        return value;
    }

    /** {@code a.b.c} is three keys; {@code "[a.b]"} is one key {@code a.b}. */
    static List<String> splitKey(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean bracket = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '[' && !bracket && current.isEmpty()) {
                bracket = true;
            } else if (c == ']' && bracket) {
                bracket = false;
            } else if (c == '.' && !bracket) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** Merges {@code source} into {@code target}: maps key by key, anything else replaced. */
    private static void merge(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode sourceObject) {
                merge(existingObject, sourceObject);
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static JsonNode resolvePlaceholders(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            object.fields().forEachRemaining(field ->
                    out.set(field.getKey(), resolvePlaceholders(field.getValue(), path + "." + field.getKey())));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                out.add(resolvePlaceholders(array.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        if (node.isTextual() && node.asText().contains("${")) {
            return TextNode.valueOf(resolve(node.asText(), path));
        }
        return node;
    }

    /** Resolves {@code ${name}} and {@code ${name:default}} from system properties, then the environment. */
    private static String resolve(String text, String path) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int start;
        while ((start = text.indexOf("${", from)) >= 0) {
            int end = text.indexOf('}', start);
            if (end < 0) {
                break;
            }
            out.append(text, from, start);
            String expression = text.substring(start + 2, end);
            int colon = expression.indexOf(':');
            String name = colon < 0 ? expression : expression.substring(0, colon);
            String value = System.getProperty(name);
            if (value == null) {
                value = System.getenv(name);
            }
            if (value == null) {
                value = System.getenv(name.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT));
            }
            if (value == null && colon >= 0) {
                value = expression.substring(colon + 1);
            }
            if (value == null) {
                throw new ConfigurationException(path, "cannot resolve placeholder '${" + expression + "}'");
            }
            out.append(value);
            from = end + 1;
        }
        out.append(text.substring(from));
        return out.toString();
    }
}
