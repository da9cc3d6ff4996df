package dev.bulwark.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDescriptionTest {

    @Test
    void masksHmacSecretsAndSecretLookingKeys() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                    - {issuer: internal, hmac-secret: 0123456789abcdef0123456789abcdef}
                """);

        Map<String, Object> description = ConfigDescription.describe(config);

        assertThat(description.toString()).doesNotContain("0123456789abcdef").contains("hmac-secret=******");
        assertThat(ConfigDescription.mask(Map.of("db-password", "x", "nested", Map.of("api-key", "y"),
                "client-secret", "z", "max-token-size", 8192)))
                .containsEntry("db-password", "******")
                .containsEntry("nested", Map.of("api-key", "******"))
                .containsEntry("client-secret", "******")
                .containsEntry("max-token-size", 8192);
    }

    @Test
    void masksCredentialsAndQueriesInUrls() {
        assertThat(ConfigDescription.maskUrl("https://user:pw@idp.example.com/jwks?key=abc"))
                .isEqualTo("https://******@idp.example.com/jwks?******");
        assertThat(ConfigDescription.maskUrl("https://idp.example.com/jwks")).isEqualTo("https://idp.example.com/jwks");
        assertThat(ConfigDescription.maskUrl("classpath:openapi.yaml")).isEqualTo("classpath:openapi.yaml");
        assertThat(ConfigDescription.mask(Map.of("specs", List.of(Map.of("location", "https://u:p@h/x.yaml")))))
                .isEqualTo(Map.of("specs", List.of(Map.of("location", "https://******@h/x.yaml"))));
    }

    @Test
    void describesWithTheKeysOfTheYamlFile() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                mode: log-only
                deny-rules:
                  level: strict
                  exceptions:
                    - rule-keys: [SQL]
                      parameter: {name: {exact: password}, source: body}
                      when: {path: {prefix: /login}, methods: [POST]}
                routes:
                  - when: {path: {prefix: /public/}}
                    deny-rules: {level: basic}
                """);

        Map<String, Object> description = ConfigDescription.describe(config);

        assertThat(description).containsEntry("mode", "log-only").containsEntry("uninspectable", "log");
        assertThat(description.get("deny-rules")).isEqualTo(Map.of(
                "level", "strict",
                "log-only", List.of(),
                "overrides", List.of(),
                "exceptions", List.of(Map.of(
                        "rule-keys", List.of("SQL"),
                        "parameter", Map.of("name", Map.of("exact", "password"), "source", "body"),
                        "when", Map.of("path", Map.of("prefix", "/login"), "methods", List.of("POST")))),
                "custom-rules", List.of()));
        assertThat(description.get("routes")).isEqualTo(List.of(Map.of(
                "when", Map.of("path", Map.of("prefix", "/public/")),
                "deny-rules", Map.of("level", "basic"))));
    }
}
