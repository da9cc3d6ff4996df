package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    @Test
    @SuppressWarnings("unchecked")
    void statesTheDefaultsTheLoaderApplies() {
        ConfigSchema.properties().forEach((path, key) -> {
            if (key.defaultValue() == null) {
                return;
            }
            Object value = key.type() == ConfigSchema.Type.LIST
                    ? Arrays.stream(key.defaultValue().split(",")).map(String::trim).toList() : key.defaultValue();
            Map<String, Object> tree = tree(path, value);
            if (path.startsWith("allow-rules.")) {
                // The object form of allow-rules needs its rules; none is the default.
                ((Map<String, Object>) tree.get("allow-rules")).putIfAbsent("rules", List.of());
            }
            BulwarkConfig config = ConfigLoader.fromMap(tree);
            assertThat(config).as(path + ": " + key.defaultValue())
                    .usingRecursiveComparison().isEqualTo(BulwarkConfig.defaults());
        });
    }

    @Test
    void describesEveryKey() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(ConfigSchema.root(), "", undescribed);
        assertThat(undescribed).isEmpty();
    }

    @Test
    void findsKeysInListsByIndexAndByName() {
        assertThat(ConfigSchema.find("routes[3].deny-rules.level").values()).contains("strict");
        assertThat(ConfigSchema.find("routes.admin.deny-rules.level")).isSameAs(ConfigSchema.find("routes[0].deny-rules.level"));
        assertThat(ConfigSchema.find("allow-rules[0].path")).isSameAs(ConfigSchema.find("allow-rules.rules[0].path"));
        assertThat(ConfigSchema.find("jwt.propagate.sub").type()).isEqualTo(ConfigSchema.Type.TEXT);
        assertThat(ConfigSchema.find("limits.no-such-key")).isNull();
    }

    @Test
    void marksTheHmacSecretAsSecret() {
        assertThat(ConfigSchema.isSecret("jwt.issuers[0].hmac-secret")).isTrue();
        assertThat(ConfigSchema.isSecret("jwt.issuers[0].issuer")).isFalse();
    }

    @Test
    void readsRoutesWrittenAsAMapKeyedByName() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                routes:
                  admin: {when: {path: {prefix: /admin/}}, mode: log-only}
                  api: {when: {path: {prefix: /api/}}}
                """);
        assertThat(config.routes()).hasSize(2);
        assertThat(config.routes().get(0).mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(config.routes().get(1).when().path()).isEqualTo(StringMatcher.prefix("/api/"));
    }

    @Test
    void namesTheKeyOfAMapKeyedEntryInErrors() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                routes:
                  admin: {when: {path: /admin}, mode: sometimes}
                """)).isInstanceOf(ConfigurationException.class).hasMessageStartingWith("routes.admin.mode: unknown value");
    }

    @Test
    void rejectsKeysTheTableDoesNotList() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {json: {width: 3}}"))
                .hasMessageStartingWith("limits.json.width: unknown key 'width'");
    }

    private static void collectUndescribed(ConfigSchema.Key key, String path, List<String> into) {
        if (key.description() == null || key.description().isBlank()) {
            into.add(path);
        }
        for (ConfigSchema.Key child : key.children()) {
            collectUndescribed(child, path.isEmpty() ? child.name() : path + "." + child.name(), into);
        }
    }

    private static Map<String, Object> tree(String path, Object value) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Map<String, Object> child = new LinkedHashMap<>();
            node.put(parts[i], child);
            node = child;
        }
        node.put(parts[parts.length - 1], value);
        return root;
    }
}
