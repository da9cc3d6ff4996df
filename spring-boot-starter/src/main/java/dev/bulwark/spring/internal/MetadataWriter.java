package dev.bulwark.spring.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.config.ConfigSchema;
import dev.bulwark.core.config.ConfigSchema.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Adds every key of the core's {@link ConfigSchema} to {@code META-INF/spring-configuration-metadata.json}
 * at build time (after Spring's configuration processor has written the starter's own properties),
 * so that IDEs complete and document {@code bulwark.*} from the one table. Run by the build; a
 * test holds the result to the table.
 */
public final class MetadataWriter {

    private MetadataWriter() {
    }

    /** Rewrites the metadata file named by the only argument. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode metadata = (ObjectNode) json.readTree(file.toFile());
        ArrayNode properties = metadata.withArray("properties");
        // Idempotent: a build that did not compile again finds the entries of its last run.
        for (int i = properties.size() - 1; i >= 0; i--) {
            if (ConfigSchema.class.getName().equals(properties.get(i).path("sourceType").asText())) {
                properties.remove(i);
            }
        }
        ArrayNode hints = metadata.withArray("hints");
        Set<String> hinted = new HashSet<>();
        hints.forEach(hint -> hinted.add(hint.get("name").asText()));
        ConfigSchema.properties().forEach((path, key) -> {
            String name = ConfigFactory.PREFIX + "." + path;
            ObjectNode property = properties.addObject().put("name", name).put("type", javaType(key))
                    .put("description", key.description()).put("sourceType", ConfigSchema.class.getName());
            if (key.defaultValue() != null) {
                if (key.type() == ConfigSchema.Type.LIST) {
                    ArrayNode values = property.putArray("defaultValue");
                    for (String value : key.defaultValue().split(",")) {
                        values.add(value.trim());
                    }
                } else {
                    property.put("defaultValue", key.defaultValue());
                }
            }
            if (!key.values().isEmpty() && !hinted.contains(name)) {
                ArrayNode values = hints.addObject().put("name", name).putArray("values");
                key.values().forEach(value -> values.addObject().put("value", value));
            }
        });
        json.writeValue(file.toFile(), metadata);
    }

    private static String javaType(Key key) {
        return switch (key.type()) {
            case BOOLEAN -> "java.lang.Boolean";
            case INTEGER -> "java.lang.Integer";
            case DURATION -> "java.time.Duration";
            case MAP -> "java.util.Map<java.lang.String,java.lang.String>";
            case LIST -> key.element().type() == ConfigSchema.Type.TEXT
                    ? "java.util.List<java.lang.String>" : "java.util.List<java.util.Map<java.lang.String,java.lang.Object>>";
            default -> "java.lang.String";
        };
    }
}
