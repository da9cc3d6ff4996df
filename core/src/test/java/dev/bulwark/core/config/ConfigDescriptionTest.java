package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Masking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigDescriptionTest {

    @Test
    void masksHmacSecretsInTheDescription() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                jwt:
                  issuers:
                    - {issuer: internal, hmac-secret: 0123456789abcdef0123456789abcdef}
                """);

        Map<String, Object> description = ConfigDescription.describe(config);

        assertThat(description.toString()).doesNotContain("0123456789abcdef").contains("hmac-secret=******");
    }

    @Test
    void describesBodyReadLimitsWithTheirDefaults() {
        BulwarkConfig config = BulwarkConfig.fromYaml("limits: {body-read: {timeout: 30s}}");

        Map<String, Object> description = ConfigDescription.describe(config);

        assertThat(((Map<?, ?>) description.get("limits")).get("body-read"))
                .isEqualTo(Map.of("timeout", "PT30S", "min-rate", 1024L, "grace-period", "PT5S"));
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

    @Test
    void describesRateLimitsWithTheRedisPasswordMasked() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                rate-limits:
                  store: {redis: {uri: "redis://app:s3cret@cache.internal:6379"}}
                  limits:
                    - {name: per-client, bandwidths: [{capacity: 5, period: 1m}], when: {path: {prefix: /api/}}}
                  repeat-offenders: {blocks: 20, within: 1m, ban: 10m}
                routes:
                  - when: {path: /login}
                    rate-limits: {limits: [{name: logins, key: route, bandwidths: [{capacity: 1, period: 1s, refill: interval}]}]}
                """);

        Map<String, Object> description = ConfigDescription.describe(config);

        assertThat(description.toString()).doesNotContain("s3cret");
        assertThat(description.get("rate-limits")).isEqualTo(Map.of(
                "store", Map.of("redis", Map.of("uri", Masking.maskUrls("redis://app:s3cret@cache.internal:6379"),
                        "timeout", "PT0.1S", "key-prefix", "bulwark:", "retry-interval", "PT5S")),
                "on-store-failure", "allow",
                "max-keys", 100_000,
                "limits", List.of(Map.of("name", "per-client", "key", "client-address",
                        "bandwidths", List.of(Map.of("capacity", 5L, "period", "PT1M", "refill", "greedy")),
                        "when", Map.of("path", Map.of("prefix", "/api/")))),
                "repeat-offenders", Map.of("blocks", 20, "within", "PT1M", "ban", "PT10M")));
        assertThat(description.get("routes")).isEqualTo(List.of(Map.of(
                "when", Map.of("path", Map.of("exact", "/login")),
                "rate-limits", Map.of("limits", List.of(Map.of("name", "logins", "key", "route",
                        "bandwidths", List.of(Map.of("capacity", 1L, "period", "PT1S", "refill", "interval"))))))));
    }

    @Test
    void describesThePolicyWithTheKeysOfTheYamlFile() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                allowed-methods: [GET, POST]
                allow-rules:
                  - name: api
                    path: {prefix: /api/}
                    methods: [POST, GET]
                    content-types: [application/json]
                    parameters: [q, {prefix: filter.}]
                  - path: /health
                    parameters: []
                headers:
                  request:
                    allow: [standard, X-Request-Id, {prefix: X-Acme-}]
                    remove: [X-Debug]
                    proxy-only: [X-Authenticated-User]
                  response:
                    security-headers: {content-security-policy: "default-src 'self'", x-frame-options: false}
                    cors: {allowed-origins: [https://shop.example.com]}
                csrf: {enabled: true, allowed-origins: [https://shop.example.com]}
                client-ip: {source: x-forwarded-for, trusted-hops: 2}
                ip-rules: {deny: [203.0.113.0/24], mode: log-only}
                block-responses:
                  - types: [allow-rule, deny]
                    content-type: text/html
                    body: "<p>{{incidentId}}</p>"
                  - status: 404
                routes:
                  - when: {path: {prefix: /webhooks/}}
                    allowed-methods: any
                    allow-rules: {enabled: false}
                    ip-rules: {allow: []}
                    csrf: {enabled: false, mode: log-only}
                    headers: {request: {allow: all, remove: [X-Trace]}}
                    body: {binary: [Application/Octet-Stream, image/*]}
                """);

        Map<String, Object> description = ConfigDescription.describe(config);

        assertThat(description).containsEntry("allowed-methods", List.of("GET", "POST"));
        assertThat(description.get("allow-rules")).isEqualTo(Map.of(
                "rules", List.of(
                        Map.of("name", "api", "path", Map.of("prefix", "/api/"), "methods", List.of("GET", "POST"),
                                "content-types", List.of(Map.of("exact", "application/json")),
                                "parameters", List.of(Map.of("exact", "q"), Map.of("prefix", "filter."))),
                        Map.of("path", Map.of("exact", "/health"), "parameters", List.of())),
                "status", 404));
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) description.get("headers");
        assertThat(headers.get("request")).isEqualTo(Map.of("allow", List.of("standard", "x-request-id",
                Map.of("prefix", "X-Acme-")), "remove", List.of("x-debug"), "proxy-only", List.of("x-authenticated-user")));
        assertThat(headers.get("response")).isEqualTo(Map.of(
                "security-headers", Map.of("strict-transport-security", "max-age=31536000; includeSubDomains",
                        "x-content-type-options", "nosniff", "x-frame-options", false, "referrer-policy", "same-origin",
                        "permissions-policy", ResponseHeaders.DEFAULT_SECURITY_HEADERS.get(ResponseHeaders.PERMISSIONS_POLICY),
                        "content-security-policy", "default-src 'self'"),
                "remove", List.copyOf(config.headers().response().remove()),
                "cors", Map.of("allowed-origins", List.of("https://shop.example.com"))));
        assertThat(description.get("client-ip")).isEqualTo(Map.of("source", "x-forwarded-for",
                "trusted-proxies", List.of(), "trusted-hops", 2, "required", false));
        assertThat(description.get("ip-rules")).isEqualTo(Map.of("allow", List.of(), "deny", List.of("203.0.113.0/24"),
                "mode", "log-only"));
        assertThat(description.get("block-responses")).isEqualTo(List.of(
                Map.of("types", List.of("deny", "allow-rule"), "content-type", "text/html", "body", "<p>{{incidentId}}</p>"),
                Map.of("status", 404)));
        assertThat(description.get("routes")).isEqualTo(List.of(Map.of(
                "when", Map.of("path", Map.of("prefix", "/webhooks/")),
                "allowed-methods", "any",
                "allow-rules", Map.of("enabled", false),
                "ip-rules", Map.of("allow", List.of()),
                "csrf", Map.of("enabled", false, "mode", "log-only"),
                "headers", Map.of("request", Map.of("allow", "all", "remove", List.of("x-trace"))),
                "body", Map.of("binary", List.of("application/octet-stream", "image/*")))));
    }

    /** The policy as described reads back as the same policy. */
    @Test
    void describesThePolicySoThatItReadsBack() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                allowed-methods: any
                method-override: allow
                allow-rules:
                  rules: [{path: {regex: "/api/v[0-9]+/.*", ignore-case: true}, methods: [GET]}]
                  mode: log-only
                  status: 410
                headers:
                  request: {allow: standard, mode: log-only}
                  response: {security-headers: false, remove: [], cors: {allowed-origins: ["*"]}}
                csrf: {enabled: true, service-origins: [https://api.example.com], ambient-credentials-only: false}
                client-ip: {source: header, header: X-Client-IP, trusted-proxies: [10.0.0.0/8], required: true}
                ip-rules: {allow: [10.0.0.0/8, "2001:db8::/32"]}
                block-responses: [{types: [csrf], status: 403, content-type: application/json, body: "{}"}]
                routes:
                  - when: {path: /x, methods: [POST]}
                    allowed-methods: [POST]
                    allow-rules: {mode: block}
                    ip-rules: {deny: [192.0.2.1], mode: log-only}
                    headers: {request: {allow: [{suffix: -Id}], mode: block}}
                """);
        Set<String> policyKeys = Set.of("allowed-methods", "method-override", "allow-rules", "headers", "csrf", "client-ip", "ip-rules",
                "block-responses", "routes");
        Map<String, Object> policy = new LinkedHashMap<>(ConfigDescription.describe(config));
        policy.keySet().retainAll(policyKeys);

        BulwarkConfig readBack = ConfigLoader.fromMap(policy);

        assertThat(readBack.allowedMethods()).isEqualTo(config.allowedMethods());
        assertThat(readBack.methodOverride()).isEqualTo(config.methodOverride());
        assertThat(readBack.allowRules()).isEqualTo(config.allowRules());
        assertThat(readBack.headers()).isEqualTo(config.headers());
        assertThat(readBack.csrf()).isEqualTo(config.csrf());
        assertThat(readBack.clientIp()).isEqualTo(config.clientIp());
        assertThat(readBack.ipRules()).isEqualTo(config.ipRules());
        assertThat(readBack.blockResponses()).isEqualTo(config.blockResponses());
        assertThat(readBack.routes()).isEqualTo(config.routes());
        assertThat(ConfigDescription.describe(config).get("headers")).isEqualTo(Map.of(
                "request", Map.of("allow", "standard", "remove", List.of(), "proxy-only", List.of(), "mode", "log-only"),
                "response", Map.of("security-headers", false, "remove", List.of(),
                        "cors", Map.of("allowed-origins", List.of("*")))));
    }
}
