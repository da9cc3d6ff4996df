package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request-policy sections of the YAML configuration. */
class PolicyConfigLoaderTest {

    @Test
    void defaultsAreSecureWhenSectionsAreAbsent() {
        BulwarkConfig config = ConfigLoader.fromYaml("");

        assertThat(config.allowRules().enabled()).isFalse();
        assertThat(config.allowedMethods().methods()).containsExactly("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
        assertThat(config.allowedMethods().allows("TRACE")).isFalse();
        assertThat(config.headers().request().allow().allowsAll()).isTrue();
        assertThat(config.headers().response().securityHeaders()).containsKeys("Strict-Transport-Security",
                "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy");
        assertThat(config.headers().response().securityHeaders()).doesNotContainKey("Content-Security-Policy");
        assertThat(config.headers().response().remove()).containsExactlyInAnyOrder("server", "x-powered-by");
        assertThat(config.csrf().enabled()).isFalse();
        assertThat(config.clientIp().source()).isEqualTo(ClientIpConfig.Source.CONNECTION);
        assertThat(config.clientIp().trustedProxies()).isEmpty();
        assertThat(config.ipRules().enabled()).isFalse();
        assertThat(config.blockResponses().responses()).isEmpty();
    }

    @Test
    void readsTheShapeOfTheIssue() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                allow-rules:
                  - path: {prefix: /api/}
                    methods: [GET, POST]
                    content-types: [application/json]
                headers:
                  request:
                    allow: standard
                    remove: [X-Debug]
                  response:
                    security-headers: true
                    remove: [Server, X-Powered-By]
                csrf:
                  enabled: true
                  allowed-origins: [https://shop.example.com]
                client-ip:
                  source: x-forwarded-for
                  trusted-proxies: [10.0.0.0/8]
                ip-rules:
                  deny: [203.0.113.0/24]
                """);

        AllowRule rule = config.allowRules().rules().get(0);
        assertThat(rule.path()).isEqualTo(StringMatcher.prefix("/api/"));
        assertThat(rule.methods()).containsExactlyInAnyOrder("GET", "POST");
        assertThat(rule.contentTypes()).containsExactly(StringMatcher.exact("application/json"));
        assertThat(rule.restrictsParameters()).isFalse();
        assertThat(config.allowRules().status()).isEqualTo(404);
        assertThat(config.headers().request().allow()).isEqualTo(HeaderAllowList.standard());
        assertThat(config.headers().request().remove()).containsExactly("x-debug");
        assertThat(config.csrf().enabled()).isTrue();
        assertThat(config.csrf().allowedOrigins()).containsExactly("https://shop.example.com");
        assertThat(config.clientIp().source()).isEqualTo(ClientIpConfig.Source.X_FORWARDED_FOR);
        assertThat(config.clientIp().trustedProxies()).containsExactly(IpRange.parse("10.0.0.0/8"));
        assertThat(config.ipRules().deny()).containsExactly(IpRange.parse("203.0.113.0/24"));
        assertThat(config.ipRules().allow()).isEmpty();
    }

    @Test
    void readsAllowRulesInObjectFormWithModeStatusAndParameters() {
        AllowRulesConfig rules = ConfigLoader.fromYaml("""
                allow-rules:
                  mode: log-only
                  status: 403
                  rules:
                    - name: search
                      path: /search
                      parameters: [q, {prefix: filter.}]
                    - path: {regex: "/items/[0-9]+"}
                      parameters: []
                """).allowRules();

        assertThat(rules.mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(rules.status()).isEqualTo(403);
        assertThat(rules.rules().get(0).name()).isEqualTo("search");
        assertThat(rules.rules().get(0).parameters()).containsExactly(StringMatcher.exact("q"), StringMatcher.prefix("filter."));
        assertThat(rules.rules().get(1).parameters()).isEmpty();
    }

    @Test
    void readsMethodOverrideAndRefusesOverridesWhenAbsent() {
        assertThat(ConfigLoader.fromYaml("").methodOverride()).isEqualTo(MethodOverridePolicy.REFUSE);
        assertThat(ConfigLoader.fromYaml("method-override: allow").methodOverride()).isEqualTo(MethodOverridePolicy.ALLOW);
    }

    @Test
    void rejectsAnUnknownMethodOverridePolicyWithItsPath() {
        assertRejected("method-override: sometimes", "method-override", "sometimes");
    }

    @Test
    void readsAllowedMethodsAsListOrAny() {
        assertThat(ConfigLoader.fromYaml("allowed-methods: [GET, POST]").allowedMethods().methods()).containsExactly("GET", "POST");
        assertThat(ConfigLoader.fromYaml("allowed-methods: any").allowedMethods().allowsAny()).isTrue();
    }

    @Test
    void readsHeaderAllowListWithStandardAndMatchers() {
        HeaderAllowList allow = ConfigLoader.fromYaml("""
                headers:
                  request:
                    allow: [standard, X-Request-Id, {prefix: X-Acme-}]
                    proxy-only: [X-Authenticated-User]
                """).headers().request().allow();

        assertThat(allow.allows("Accept")).isTrue();
        assertThat(allow.allows("x-acme-tenant")).isTrue();
        assertThat(allow.allows("X-REQUEST-ID")).isTrue();
        assertThat(allow.allows("X-Debug")).isFalse();
    }

    @Test
    void readsExplicitHeaderListWithoutStandard() {
        HeaderAllowList allow = ConfigLoader.fromYaml("headers: {request: {allow: [Accept]}}").headers().request().allow();

        assertThat(allow.allows("Accept")).isTrue();
        assertThat(allow.allows("User-Agent")).isFalse();
        assertThat(allow.allows("Content-Length")).isTrue();
    }

    @Test
    void readsSecurityHeaderOverrides() {
        ResponseHeaders response = ConfigLoader.fromYaml("""
                headers:
                  response:
                    security-headers:
                      content-security-policy: "default-src 'self'"
                      x-frame-options: SAMEORIGIN
                      strict-transport-security: false
                    remove: [X-AspNet-Version]
                    cors:
                      allowed-origins: [https://shop.example.com, "*"]
                """).headers().response();

        assertThat(response.securityHeaders()).containsEntry("Content-Security-Policy", "default-src 'self'")
                .containsEntry("X-Frame-Options", "SAMEORIGIN").doesNotContainKey("Strict-Transport-Security");
        assertThat(response.remove()).containsExactly("x-aspnet-version");
        assertThat(response.cors().allowedOrigins()).containsExactly("https://shop.example.com", "*");
    }

    @Test
    void switchesSecurityHeadersOff() {
        assertThat(ConfigLoader.fromYaml("headers: {response: {security-headers: false}}")
                .headers().response().securityHeaders()).isEmpty();
    }

    @Test
    void readsClientIpFromHeaderAndTrustedHops() {
        ClientIpConfig header = ConfigLoader.fromYaml("""
                client-ip: {source: header, header: X-Client-IP, required: true, trusted-proxies: [192.0.2.0/24]}
                """).clientIp();
        ClientIpConfig hops = ConfigLoader.fromYaml("client-ip: {source: x-forwarded-for, trusted-hops: 2}").clientIp();

        assertThat(header.header()).isEqualTo("X-Client-IP");
        assertThat(header.required()).isTrue();
        assertThat(hops.trustedHops()).isEqualTo(2);
        assertThat(hops.trustsPeer("198.51.100.7")).isTrue();
    }

    @Test
    void readsCsrfOriginsNormalised() {
        CsrfConfig csrf = ConfigLoader.fromYaml("""
                csrf:
                  enabled: true
                  allowed-origins: [HTTPS://Shop.Example.COM:443/, "https://*.example.org"]
                  service-origins: [http://localhost:8080]
                  ambient-credentials-only: false
                  mode: log-only
                """).csrf();

        assertThat(csrf.allowedOrigins()).containsExactly("https://shop.example.com", "https://*.example.org");
        assertThat(csrf.serviceOrigins()).containsExactly("http://localhost:8080");
        assertThat(csrf.ambientCredentialsOnly()).isFalse();
        assertThat(csrf.mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(csrf.allows("https://a.b.example.org")).isTrue();
        assertThat(csrf.allows("https://example.org")).isFalse();
        assertThat(csrf.allows("http://a.example.org")).isFalse();
    }

    @Test
    void readsBlockResponses(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("blocked.html");
        Files.writeString(page, "<p>{{incidentId}}</p>", StandardCharsets.UTF_8);

        BlockResponses responses = ConfigLoader.fromYaml("""
                block-responses:
                  - types: [allow-rule]
                    status: 404
                  - types: [deny, csrf]
                    content-type: text/html; charset=utf-8
                    body-file: %s
                  - content-type: application/problem+json
                    body: '{"incident":"{{incidentId}}"}'
                """.formatted(page)).blockResponses();

        assertThat(responses.responses()).hasSize(3);
        assertThat(responses.responses().get(0).statusOnly()).isTrue();
        assertThat(responses.forType(BlockType.CSRF)).hasSize(2);
        assertThat(responses.forType(BlockType.CSRF).get(0).body()).isEqualTo("<p>{{incidentId}}</p>");
        assertThat(responses.forType(BlockType.CSRF).get(0).mediaType()).isEqualTo("text/html");
        assertThat(responses.forType(BlockType.ALLOW_RULE)).hasSize(2);
    }

    @Test
    void readsRoutePolicyOverrides() {
        Route route = ConfigLoader.fromYaml("""
                csrf: {enabled: true}
                routes:
                  - when: {path: {prefix: /webhooks/}}
                    allowed-methods: [POST]
                    allow-rules: {enabled: false}
                    csrf: {enabled: false}
                    ip-rules: {allow: [192.0.2.0/24], mode: log-only}
                    headers: {request: {allow: all, remove: [X-Debug]}}
                """).routes().get(0);

        RoutePolicy policy = route.policy();
        assertThat(policy.allowedMethods().methods()).containsExactly("POST");
        assertThat(policy.allowRules()).isFalse();
        assertThat(policy.csrf()).isFalse();
        assertThat(policy.ipRules().allow()).containsExactly(IpRange.parse("192.0.2.0/24"));
        assertThat(policy.ipRules().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(policy.requestHeaders().allow().allowsAll()).isTrue();
        assertThat(policy.requestHeaders().remove()).containsExactly("x-debug");
    }

    @Test
    void routeWithoutPolicyKeysKeepsTheGlobalPolicy() {
        Route route = ConfigLoader.fromYaml("routes: [{when: {path: /a}}]").routes().get(0);

        assertThat(route.policy()).isEqualTo(RoutePolicy.NONE);
        assertThat(route.policy().ipRules()).isNull();
    }

    @Test
    void readsTheSameFromAMap() {
        BulwarkConfig config = ConfigLoader.fromMap(Map.of(
                "ip-rules", Map.of("deny", List.of("203.0.113.0/24")),
                "allowed-methods", List.of("GET")));

        assertThat(config.ipRules().deny()).hasSize(1);
        assertThat(config.allowedMethods().methods()).containsExactly("GET");
    }

    @Test
    void rejectsUnknownKeyInAllowRuleWithItsPath() {
        assertRejected("""
                allow-rules:
                  - path: /a
                  - path: /b
                    method: [GET]
                """, "allow-rules[1].method", "unknown key 'method'");
    }

    @Test
    void rejectsAllowRuleWithoutConditions() {
        assertRejected("allow-rules: [{name: everything}]", "allow-rules[0]", "would allow every request");
    }

    @Test
    void rejectsAllowRulesStatusOutsideErrorRange() {
        assertRejected("allow-rules: {status: 200, rules: [{path: /a}]}", "allow-rules.status", "between 400 and 599");
    }

    @Test
    void rejectsInvalidAllowedMethod() {
        assertRejected("allowed-methods: [GET, \"P O S T\"]", "allowed-methods", "invalid method");
    }

    @Test
    void rejectsUnknownHeaderAllowMode() {
        assertRejected("headers: {request: {allow: most}}", "headers.request.allow", "expected standard, all");
    }

    @Test
    void rejectsRemovingFramingRequestHeader() {
        assertRejected("headers: {request: {remove: [Content-Length]}}", "headers.request", "cannot be removed");
    }

    @Test
    void rejectsUnknownSecurityHeaderKey() {
        assertRejected("headers: {response: {security-headers: {x-xss-protection: '0'}}}",
                "headers.response.security-headers.x-xss-protection", "unknown key");
    }

    @Test
    void rejectsSecurityHeaderValueWithLineBreak() {
        assertRejected("headers: {response: {security-headers: {x-frame-options: \"DENY\\r\\nSet-Cookie: a=b\"}}}",
                "headers.response.security-headers.x-frame-options", "control characters");
    }

    @Test
    void rejectsContentSecurityPolicyWithoutValue() {
        assertRejected("headers: {response: {security-headers: {content-security-policy: true}}}",
                "headers.response.security-headers.content-security-policy", "needs a value");
    }

    @Test
    void rejectsWildcardCsrfOrigin() {
        assertRejected("csrf: {enabled: true, allowed-origins: [https://a.example, '*']}", "csrf.allowed-origins[1]",
                "is not an origin");
    }

    @Test
    void rejectsCsrfOriginWithPath() {
        assertRejected("csrf: {allowed-origins: [https://a.example/app]}", "csrf.allowed-origins[0]", "not an origin");
    }

    @Test
    void rejectsCorsOriginThatIsNull() {
        assertRejected("headers: {response: {cors: {allowed-origins: ['null']}}}",
                "headers.response.cors.allowed-origins[0]", "not an origin");
    }

    @Test
    void rejectsForwardedForWithoutTrust() {
        assertRejected("client-ip: {source: x-forwarded-for}", "client-ip", "needs either trusted-proxies or trusted-hops");
    }

    @Test
    void rejectsForwardedForWithBothTrustSettings() {
        assertRejected("client-ip: {source: x-forwarded-for, trusted-hops: 1, trusted-proxies: [10.0.0.0/8]}",
                "client-ip", "not both");
    }

    @Test
    void rejectsHeaderSourceWithoutTrustedProxies() {
        assertRejected("client-ip: {source: header, header: X-Client-IP}", "client-ip", "needs trusted-proxies");
    }

    @Test
    void rejectsUnknownClientIpSource() {
        assertRejected("client-ip: {source: forwarded}", "client-ip.source", "unknown value 'forwarded'");
    }

    @Test
    void rejectsBadTrustedProxyWithItsPath() {
        assertRejected("client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8, proxy.internal]}",
                "client-ip.trusted-proxies[1]", "not an IP address literal");
    }

    @Test
    void rejectsBadIpRuleRange() {
        assertRejected("ip-rules: {deny: [203.0.113.0/33]}", "ip-rules.deny[0]", "prefix length out of range");
    }

    @Test
    void rejectsUnknownBlockType() {
        assertRejected("block-responses: [{types: [denied], status: 403}]", "block-responses[0].types[0]",
                "unknown value 'denied'");
    }

    @Test
    void rejectsBlockResponseBodyWithoutContentType() {
        assertRejected("block-responses: [{body: blocked}]", "block-responses[0]", "needs a content-type");
    }

    @Test
    void rejectsBlockResponseWithBodyAndBodyFile() {
        assertRejected("block-responses: [{content-type: text/plain, body: a, body-file: b}]", "block-responses[0]",
                "choose one of body and body-file");
    }

    @Test
    void rejectsMissingBodyFile(@TempDir Path dir) {
        assertRejected("block-responses: [{content-type: text/html, body-file: " + dir.resolve("none.html") + "}]",
                "block-responses[0].body-file", "cannot read");
    }

    @Test
    void rejectsProxyOnlyInARoute() {
        assertRejected("routes: [{when: {path: /a}, headers: {request: {proxy-only: [X-User]}}}]",
                "routes[0].headers.request.proxy-only", "unknown key");
    }

    @Test
    void rejectsUnknownRouteCsrfKey() {
        assertRejected("routes: [{when: {path: /a}, csrf: {allowed-origins: [https://a.example]}}]",
                "routes[0].csrf.allowed-origins", "unknown key");
    }

    private static void assertRejected(String yaml, String path, String message) {
        assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((ConfigurationException) e).path())
                .isEqualTo(path);
    }

    @Test
    void readsSingleEntryListsAsKeywords() {
        assertThat(ConfigLoader.fromYaml("allowed-methods: [any]").allowedMethods())
                .isEqualTo(ConfigLoader.fromYaml("allowed-methods: any").allowedMethods());
        assertThat(ConfigLoader.fromYaml("headers: {request: {allow: [all]}}").headers().request())
                .isEqualTo(ConfigLoader.fromYaml("headers: {request: {allow: all}}").headers().request());
    }

    @Test
    void readsSecurityHeadersEnabledFlag() {
        BulwarkConfig off = ConfigLoader.fromYaml("headers: {response: {security-headers: {enabled: false}}}");
        BulwarkConfig plain = ConfigLoader.fromYaml("headers: {response: {security-headers: false}}");
        assertThat(off.headers().response()).isEqualTo(plain.headers().response());
    }

    @Test
    void rejectsHeaderValuesWithSecurityHeadersSwitchedOff() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml(
                "headers: {response: {security-headers: {enabled: false, x-frame-options: SAMEORIGIN}}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("headers.response.security-headers.enabled:");
    }
}
