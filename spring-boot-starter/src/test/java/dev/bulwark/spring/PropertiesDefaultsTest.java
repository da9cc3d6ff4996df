package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        assertThat(assigned).isEqualTo(leaves(tree)).isGreaterThanOrEqualTo(30);
        assertThat(tree).containsKeys("mode", "limits", "decoding", "uninspectable", "deny-rules", "jwt", "openapi");
        // ... and reads back as the core's defaults.
        assertThat(config.mode()).isEqualTo(defaults.mode());
        assertThat(config.limits()).isEqualTo(defaults.limits());
        assertThat(config.decodingPasses()).isEqualTo(defaults.decodingPasses());
        assertThat(config.uninspectable()).isEqualTo(defaults.uninspectable());
        assertThat(config.denyRules()).isEqualTo(defaults.denyRules());
        assertThat(config.jwt()).isEqualTo(defaults.jwt());
        assertThat(config.openapi()).isEqualTo(defaults.openapi());
    }

    /** Sets every simple property that shows a default to that default, as binding it would; returns how many. */
    private static int assignEveryValueItsOwnDefault(Object bean) throws Exception {
        int count = 0;
        for (PropertyDescriptor property : Introspector.getBeanInfo(bean.getClass(), Object.class).getPropertyDescriptors()) {
            if (property.getReadMethod() == null) {
                continue;
            }
            Object value = property.getReadMethod().invoke(bean);
            if (value == null || value instanceof Collection<?> || value instanceof Map<?, ?>) {
                continue;
            }
            if (value.getClass().getName().startsWith(BulwarkProperties.class.getName() + "$")) {
                count += assignEveryValueItsOwnDefault(value);
            } else if (property.getWriteMethod() != null && !isStarterSetting(bean, property.getName())) {
                property.getWriteMethod().invoke(bean, value);
                count++;
            }
        }
        return count;
    }

    private static int leaves(Map<?, ?> tree) {
        int count = 0;
        for (Object value : tree.values()) {
            count += value instanceof Map<?, ?> nested ? leaves(nested) : 1;
        }
        return count;
    }

    private static boolean isStarterSetting(Object bean, String name) {
        return bean instanceof BulwarkProperties && (name.equals("enabled") || name.equals("filterOrder"));
    }
}
