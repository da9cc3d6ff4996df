package dev.bulwark.spring;

import static dev.bulwark.spring.BoundProperties.assertSameSections;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;

/**
 * The defaults shown by {@link BulwarkProperties} (field initialisers, hence the IDE and the
 * configuration metadata) are the core's defaults, and only values that were set reach the core.
 */
class PropertiesDefaultsTest {

    @Test
    void handsOnNothingWhenNothingWasSet() {
        assertThat(new BulwarkProperties().toTree()).isEmpty();
    }

    @Test
    void shownDefaultsAreTheCoresDefaults() throws Exception {
        BulwarkProperties properties = new BulwarkProperties();
        int assigned = assignEveryValueItsOwnDefault(properties);

        Map<String, Object> tree = properties.toTree();
        BulwarkConfig config = ConfigLoader.fromMap(tree);
        BulwarkConfig defaults = BulwarkConfig.defaults();

        // Every value set was handed on (so this test compared every default shown) ...
        assertThat(assigned).isEqualTo(leaves(tree)).isGreaterThanOrEqualTo(47);
        assertThat(tree).containsKeys("mode", "limits", "decoding", "uninspectable", "deny-rules", "jwt", "openapi",
                "allowed-methods", "method-override", "allow-rules", "headers", "csrf", "client-ip");
        // ... and reads back as the core's defaults.
        assertSameSections(config, defaults);
    }

    /** Header values stand for {@code enabled: true}, so the reflective test above leaves it out. */
    @Test
    void shownSecurityHeadersSwitchIsTheCoresDefault() {
        BulwarkProperties properties = new BulwarkProperties();
        BulwarkProperties.SecurityHeaders headers = properties.getHeaders().getResponse().getSecurityHeaders();
        headers.setEnabled(headers.isEnabled());

        Map<String, Object> tree = properties.toTree();

        assertThat(tree).isEqualTo(Map.of("headers", Map.of("response", Map.of("security-headers", true))));
        assertThat(ConfigLoader.fromMap(tree).headers()).isEqualTo(BulwarkConfig.defaults().headers());
    }

    /** The metadata processor cannot read a list initialiser; the metadata file repeats those defaults. */
    @Test
    void listDefaultsInTheMetadataAreTheShownDefaults() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        BeanWrapperImpl properties = new BeanWrapperImpl(new BulwarkProperties());
        List<String> compared = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            JsonNode shown = property.get("defaultValue");
            if (shown == null || !shown.isArray()) {
                continue;
            }
            String name = property.get("name").asText();
            List<String> expected = new ArrayList<>();
            shown.forEach(value -> expected.add(value.asText()));
            List<String> actual = new ArrayList<>();
            for (Object value : (Collection<?>) properties.getPropertyValue(camelCase(name.substring("bulwark.".length())))) {
                actual.add(value instanceof BulwarkProperties.Matcher matcher ? matcher.getExact() : value.toString());
            }
            assertThat(actual).as(name).isEqualTo(expected);
            compared.add(name);
        }
        assertThat(compared).containsExactlyInAnyOrder("bulwark.allowed-methods", "bulwark.headers.request.allow",
                "bulwark.headers.response.remove");
    }

    /**
     * Sets every property that shows a default to that default, as binding it would; returns how
     * many. Lists count when their default is not empty.
     */
    private static int assignEveryValueItsOwnDefault(Object bean) throws Exception {
        int count = 0;
        for (PropertyDescriptor property : Introspector.getBeanInfo(bean.getClass(), Object.class).getPropertyDescriptors()) {
            if (property.getReadMethod() == null) {
                continue;
            }
            Object value = property.getReadMethod().invoke(bean);
            if (value == null || value instanceof Map<?, ?>
                    || (value instanceof Collection<?> collection && collection.isEmpty())) {
                continue;
            }
            if (value.getClass().getName().startsWith(BulwarkProperties.class.getName() + "$")) {
                count += assignEveryValueItsOwnDefault(value);
            } else if (property.getWriteMethod() != null && !isLeftOut(bean, property.getName())) {
                property.getWriteMethod().invoke(bean, value);
                count++;
            }
        }
        return count;
    }

    /** Values handed on; an empty list stands for nothing set. */
    private static int leaves(Map<?, ?> tree) {
        int count = 0;
        for (Object value : tree.values()) {
            if (value instanceof Map<?, ?> nested) {
                count += leaves(nested);
            } else if (!(value instanceof Collection<?> collection && collection.isEmpty())) {
                count++;
            }
        }
        return count;
    }

    private static boolean isLeftOut(Object bean, String name) {
        return (bean instanceof BulwarkProperties && (name.equals("enabled") || name.equals("filterOrder")))
                || (bean instanceof BulwarkProperties.SecurityHeaders && name.equals("enabled"));
    }

    private static String camelCase(String kebab) {
        StringBuilder camel = new StringBuilder();
        for (int i = 0; i < kebab.length(); i++) {
            char c = kebab.charAt(i);
            if (c == '-' && i + 1 < kebab.length()) {
                camel.append(Character.toUpperCase(kebab.charAt(++i)));
            } else {
                camel.append(c);
            }
        }
        return camel.toString();
    }
}
