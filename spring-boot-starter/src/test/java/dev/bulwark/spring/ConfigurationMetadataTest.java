package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.config.ConfigSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The configuration metadata the build generates lists exactly the core's keys, each described. */
class ConfigurationMetadataTest {

    @Test
    void listsEveryKeyOfTheCoreSchemaAndTheStartersOwn() throws IOException {
        Set<String> expected = new TreeSet<>();
        ConfigSchema.properties().keySet().forEach(path -> expected.add("bulwark." + path));
        expected.addAll(List.of("bulwark.enabled", "bulwark.filter-order", "bulwark.config-file",
                "bulwark.spring-security.enabled", "bulwark.spring-security.authorities-claim-name",
                "bulwark.spring-security.authority-prefix"));
        assertThat(bulwarkProperties().stream().map(p -> p.get("name").asText()).toList())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void describesEveryKey() throws IOException {
        assertThat(bulwarkProperties()).allSatisfy(property ->
                assertThat(property.path("description").asText()).as(property.get("name").asText()).isNotBlank());
    }

    @Test
    void statesTheDefaultsOfTheSchema() throws IOException {
        JsonNode level = bulwarkProperties().stream()
                .filter(p -> p.get("name").asText().equals("bulwark.deny-rules.level")).findFirst().orElseThrow();
        assertThat(level.get("defaultValue").asText()).isEqualTo(ConfigSchema.find("deny-rules.level").defaultValue());
    }

    private static List<JsonNode> bulwarkProperties() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            List<JsonNode> properties = new ArrayList<>();
            new ObjectMapper().readTree(in).get("properties").forEach(property -> {
                if (property.get("name").asText().startsWith("bulwark.")) {
                    properties.add(property);
                }
            });
            return properties;
        }
    }
}
