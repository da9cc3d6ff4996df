package dev.bulwark.spring;

import static dev.bulwark.spring.BoundProperties.RUNNER;
import static dev.bulwark.spring.BoundProperties.assertSameSections;
import static dev.bulwark.spring.BoundProperties.bulwark;
import static dev.bulwark.spring.BoundProperties.withYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.AllowRule;
import dev.bulwark.core.config.AllowedMethods;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.spring.internal.PropertyTree;
import dev.bulwark.core.config.ClientIpConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.HeaderAllowList;
import dev.bulwark.core.config.IpRange;
import dev.bulwark.core.config.ResponseHeaders;
import dev.bulwark.core.config.RoutePolicy;
import dev.bulwark.core.config.StringMatcher;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request-policy sections under {@code bulwark.*} produce the same configuration as the same
 * keys in a Bulwark YAML file, whichever of the file's shapes a key is written in.
 */
class PropertiesPolicyMappingTest {

    /** The same keys under {@code bulwark:} and in a file yield the same configuration. */
    private static void assertSameAsFile(String underBulwark, String file) {
        withYaml(underBulwark, config -> assertSameSections(config, BulwarkConfig.fromYaml(file)));
    }

    /** The main README's policy example; its allow-rules, a bare list in the file, is written {rules: [...]} under bulwark. */
    @Test
    void readsTheReadmePolicyExampleUnderBulwark() {
        assertSameAsFile(bulwark(readmePolicyExample("""
                allow-rules:
                  rules:
                    - path: {prefix: /api/}
                      methods: [GET, POST]
                      content-types: [application/json]
                      parameters: [q, {prefix: filter.}]
                """)), readmePolicyExample("""
                allow-rules:
                  - path: {prefix: /api/}
                    methods: [GET, POST]
                    content-types: [application/json]
                    parameters: [q, {prefix: filter.}]
                """));
    }

    /** The main README's policy example, with its allow-rules section as given. */
    private static String readmePolicyExample(String allowRules) {
        return "allowed-methods: [GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS]\n" + allowRules + """
                headers:
                  request:
                    allow: all
                    remove: [X-Debug]
                    proxy-only: [X-Authenticated-User]
                  response:
                    security-headers: true
                    remove: [Server, X-Powered-By]
                    cors: {allowed-origins: [https://shop.example.com]}
                csrf:
                  enabled: true
                  allowed-origins: [https://shop.example.com]
                client-ip:
                  source: x-forwarded-for
                  trusted-proxies: [10.0.0.0/8]
                ip-rules:
                  deny: [203.0.113.0/24]
                block-responses:
                  - types: [allow-rule]
                    content-type: text/html; charset=utf-8
                    body: "<!doctype html><title>Not found</title><p>Reference: {{incidentId}}</p>"
                routes:
                  - when: {path: {prefix: /public/}}
                    jwt: {required: false}
                  - when: {path: {prefix: /webhooks/}}
                    csrf: {enabled: false}
                    allowed-methods: [POST]
                    ip-rules: {allow: [192.0.2.0/24]}
                """;
    }

    @Test
    void mapsAllowedMethodsAndAllowRules() {
        String keys = """
                allowed-methods: [GET, POST, PROPFIND]
                allow-rules:
                  rules:
                    - name: orders
                      path: {prefix: /api/orders}
                      methods: [get, POST]
                      content-types: [Application/JSON, {prefix: "application/vnd."}]
                      parameters: [q, {prefix: filter.}]
                    - path: /health
                      parameters: []
                    - methods: [OPTIONS]
                  mode: log-only
                  status: 403
                """;
        assertSameAsFile(bulwark(keys), keys);
        withYaml(bulwark(keys), config -> {
            assertThat(config.allowedMethods()).isEqualTo(AllowedMethods.of("GET", "POST", "PROPFIND"));
            assertThat(config.allowRules().mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(config.allowRules().status()).isEqualTo(403);
            List<AllowRule> rules = config.allowRules().rules();
            assertThat(rules).hasSize(3);
            assertThat(rules.get(0).name()).isEqualTo("orders");
            assertThat(rules.get(0).methods()).containsExactlyInAnyOrder("GET", "POST");
            assertThat(rules.get(0).contentTypes()).containsExactly(StringMatcher.exact("application/json"),
                    StringMatcher.of(StringMatcher.Kind.PREFIX, "application/vnd.", true));
            assertThat(rules.get(0).parameters()).containsExactly(StringMatcher.exact("q"), StringMatcher.prefix("filter."));
            // An empty list allows no parameters; none written allows any.
            assertThat(rules.get(1).parameters()).isEmpty();
            assertThat(rules.get(2).parameters()).isNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "allowed-methods: any",
            "allowed-methods: [GET]",
            "method-override: allow",
            "method-override: refuse",
            "headers: {request: {allow: all}}",
            "headers: {request: {allow: standard}}",
            "headers: {request: {allow: [standard]}}",
            "headers: {request: {allow: [X-Request-Id]}}",
            "headers: {response: {security-headers: false}}",
            "headers: {response: {security-headers: true}}",
            "headers: {response: {security-headers: {x-frame-options: SAMEORIGIN}}}",
            "client-ip: {source: x-forwarded-for, trusted-proxies: 10.0.0.0/8}"})
    void readsTheKeywordAndBooleanShapesAsTheFileDoes(String keys) {
        assertSameAsFile(bulwark(keys), keys);
    }

    @Test
    void readsAnyAllAndFalseAsTheirKeywords() {
        withYaml(bulwark("allowed-methods: any"), config -> assertThat(config.allowedMethods()).isEqualTo(AllowedMethods.any()));
        withYaml(bulwark("headers: {request: {allow: all}}"),
                config -> assertThat(config.headers().request().allow()).isEqualTo(HeaderAllowList.all()));
        withYaml(bulwark("headers: {response: {security-headers: false}}"),
                config -> assertThat(config.headers().response().securityHeaders()).isEmpty());
    }

    @Test
    void mapsHeaderPolicy() {
        String keys = """
                headers:
                  request:
                    allow: [standard, X-Request-Id, {prefix: X-Acme-}]
                    remove: [X-Debug, X-Internal]
                    proxy-only: [X-Authenticated-User]
                    mode: log-only
                  response:
                    security-headers:
                      content-security-policy: "default-src 'self'; report-uri https://csp.example.com/r?key=abc"
                      x-frame-options: SAMEORIGIN
                      permissions-policy: false
                      strict-transport-security: true
                    remove: [X-Powered-By, X-AspNet-Version]
                    cors: {allowed-origins: [https://shop.example.com, "*"]}
                """;
        assertSameAsFile(bulwark(keys), keys);
        withYaml(bulwark(keys), config -> {
            assertThat(config.headers().request().allow())
                    .isEqualTo(new HeaderAllowList(false, true, List.of(StringMatcher.exact("x-request-id"), StringMatcher.prefix("X-Acme-"))));
            assertThat(config.headers().request().mode()).isEqualTo(Mode.LOG_ONLY);
            ResponseHeaders response = config.headers().response();
            assertThat(response.securityHeaders())
                    .containsEntry(ResponseHeaders.X_FRAME_OPTIONS, "SAMEORIGIN")
                    .containsEntry(ResponseHeaders.STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains")
                    .containsKey(ResponseHeaders.CONTENT_SECURITY_POLICY)
                    .doesNotContainKey(ResponseHeaders.PERMISSIONS_POLICY);
            assertThat(response.remove()).containsExactly("x-powered-by", "x-aspnet-version");
            assertThat(response.cors().allowedOrigins()).containsExactly("https://shop.example.com", "*");
        });
    }

    @Test
    void mapsCsrfClientAddressIpRulesAndBlockResponses() {
        String keys = """
                csrf:
                  enabled: true
                  allowed-origins: [https://shop.example.com, "https://*.example.org"]
                  service-origins: [https://api.example.com]
                  ambient-credentials-only: false
                  mode: log-only
                client-ip:
                  source: header
                  header: X-Client-IP
                  trusted-proxies: [10.0.0.0/8, "2001:db8::/32"]
                  required: true
                ip-rules:
                  allow: [10.0.0.0/8, 192.168.1.1]
                  deny: [10.6.6.0/24]
                  mode: log-only
                block-responses:
                  - types: [allow-rule]
                    status: 404
                    content-type: text/html; charset=utf-8
                    body: "<!doctype html><p>Not found: {{incidentId}}</p>"
                  - types: [deny, ip-rule, csrf]
                    content-type: text/html
                    body-file: classpath:bulwark-blocked.html
                  - status: 400
                """;
        assertSameAsFile(bulwark(keys), keys);
        withYaml(bulwark(keys), config -> {
            assertThat(config.csrf().enabled()).isTrue();
            assertThat(config.csrf().allowedOrigins()).containsExactly("https://shop.example.com", "https://*.example.org");
            assertThat(config.csrf().ambientCredentialsOnly()).isFalse();
            assertThat(config.clientIp()).isEqualTo(ClientIpConfig.header("X-Client-IP", true,
                    List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32"))));
            assertThat(config.ipRules().allow()).containsExactly(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.168.1.1"));
            assertThat(config.ipRules().mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(config.blockResponses().responses()).hasSize(3);
            assertThat(config.blockResponses().responses().get(1).types())
                    .containsExactlyInAnyOrder(BlockType.DENY, BlockType.IP_RULE, BlockType.CSRF);
            assertThat(config.blockResponses().responses().get(1).body()).contains("Reference: {{incidentId}}");
            assertThat(config.blockResponses().responses().get(2).statusOnly()).isTrue();
        });
        String hops = "client-ip: {source: x-forwarded-for, trusted-hops: 2}";
        assertSameAsFile(bulwark(hops), hops);
        withYaml(bulwark(hops), config -> assertThat(config.clientIp()).isEqualTo(ClientIpConfig.forwardedFor(2)));
    }

    @Test
    void mapsRoutePolicies() {
        String keys = """
                allowed-methods: [GET, POST]
                ip-rules: {allow: [10.0.0.0/8]}
                routes:
                  - when: {path: {prefix: /webhooks/}}
                    allowed-methods: [POST, PUT]
                    allow-rules: {enabled: false}
                    ip-rules: {allow: [], deny: [198.51.100.0/24], mode: log-only}
                    csrf: {enabled: false}
                  - when: {path: {prefix: /dav/}}
                    allowed-methods: any
                    allow-rules: {mode: log-only}
                    csrf: {enabled: true, mode: log-only}
                    headers:
                      request:
                        allow: [standard, {prefix: X-Dav-}]
                        remove: [X-Debug]
                        mode: block
                  - when: {path: /open}
                    headers: {request: {allow: all}}
                    ip-rules: {deny: [203.0.113.7]}
                """;
        assertSameAsFile(bulwark(keys), keys);
        withYaml(bulwark(keys), config -> {
            RoutePolicy webhooks = config.routes().get(0).policy();
            assertThat(webhooks.allowedMethods()).isEqualTo(AllowedMethods.of("POST", "PUT"));
            assertThat(webhooks.allowRules()).isFalse();
            // allow: [] lifts the global allow list on this route; not writing it keeps the global one.
            assertThat(webhooks.ipRules().allow()).isEmpty();
            assertThat(webhooks.ipRules().deny()).containsExactly(IpRange.parse("198.51.100.0/24"));
            assertThat(webhooks.csrf()).isFalse();
            RoutePolicy dav = config.routes().get(1).policy();
            assertThat(dav.allowedMethods()).isEqualTo(AllowedMethods.any());
            assertThat(dav.allowRules()).isNull();
            assertThat(dav.allowRulesMode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(dav.csrfMode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(dav.requestHeaders().allow().includesStandard()).isTrue();
            assertThat(dav.requestHeaders().remove()).containsExactly("x-debug");
            RoutePolicy open = config.routes().get(2).policy();
            assertThat(open.requestHeaders().allow()).isEqualTo(HeaderAllowList.all());
            assertThat(open.ipRules().allow()).isNull();
            assertThat(open.allowedMethods()).isNull();
        });
    }

    @Test
    void mapsFlatPolicyProperties() {
        RUNNER.withPropertyValues(
                        "bulwark.allowed-methods=any",
                        "bulwark.allow-rules.rules[0].path.prefix=/api/",
                        "bulwark.allow-rules.rules[0].methods=GET,POST",
                        "bulwark.allow-rules.rules[0].parameters=q,page",
                        "bulwark.allow-rules.status=410",
                        "bulwark.headers.request.allow=standard,X-Request-Id",
                        "bulwark.headers.response.security-headers=false",
                        "bulwark.headers.response.remove=",
                        "bulwark.csrf.enabled=true",
                        "bulwark.client-ip.source=x-forwarded-for",
                        "bulwark.client-ip.trusted-proxies=10.0.0.0/8,192.168.0.0/16",
                        "bulwark.ip-rules.deny=203.0.113.0/24",
                        "bulwark.block-responses[0].types=token,forbidden",
                        "bulwark.block-responses[0].status=404",
                        "bulwark.routes[0].when.path.prefix=/internal/",
                        "bulwark.routes[0].ip-rules.allow=",
                        "bulwark.routes[0].headers.request.allow=all")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BulwarkConfig config = context.getBean(BulwarkConfig.class);
                    assertThat(config.allowedMethods()).isEqualTo(AllowedMethods.any());
                    assertThat(config.allowRules().rules()).containsExactly(new AllowRule("", StringMatcher.prefix("/api/"),
                            java.util.Set.of("GET", "POST"), List.of(), List.of(StringMatcher.exact("q"), StringMatcher.exact("page"))));
                    assertThat(config.allowRules().status()).isEqualTo(410);
                    assertThat(config.headers().request().allow()).isEqualTo(HeaderAllowList.standardAnd("x-request-id"));
                    assertThat(config.headers().response().securityHeaders()).isEmpty();
                    assertThat(config.headers().response().remove()).isEmpty();
                    assertThat(config.csrf().enabled()).isTrue();
                    assertThat(config.clientIp()).isEqualTo(ClientIpConfig.forwardedFor(
                            List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.168.0.0/16"))));
                    assertThat(config.ipRules().deny()).containsExactly(IpRange.parse("203.0.113.0/24"));
                    assertThat(config.blockResponses().responses().get(0).types())
                            .containsExactlyInAnyOrder(BlockType.TOKEN, BlockType.FORBIDDEN);
                    RoutePolicy internal = config.routes().get(0).policy();
                    assertThat(internal.ipRules().allow()).isEmpty();
                    assertThat(internal.requestHeaders().allow()).isEqualTo(HeaderAllowList.all());
                });
    }

    @Test
    void failsOnSecurityHeadersSwitchedOffWithHeaderValues() {
        RUNNER.withPropertyValues("bulwark.headers.response.security-headers.enabled=false",
                        "bulwark.headers.response.security-headers.x-frame-options=SAMEORIGIN")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(ConfigurationException.class)
                        .hasMessageStartingWith("bulwark.headers.response.security-headers.enabled: security headers are switched off"));
    }

    @Test
    void failsOnAnythingButTrueOrFalseAsSecurityHeaders() {
        RUNNER.withPropertyValues("bulwark.headers.response.security-headers=maybe")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("bulwark.headers.response.security-headers")
                        .hasStackTraceContaining("expected true or false, found 'maybe'"));
    }

    @Test
    void failsOnAllowRulesAsABareList() {
        RUNNER.withInitializer(Yaml.properties(bulwark("allow-rules: [{path: /a}]")))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("bulwark.allow-rules[0].path"));
    }

    @Test
    void reportsBadPolicyValuesWithTheirProperty() {
        RUNNER.withPropertyValues("bulwark.client-ip.source=x-forwarded-for")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageStartingWith("bulwark.client-ip: source x-forwarded-for needs"));
        RUNNER.withPropertyValues("bulwark.routes[0].when.path=/x", "bulwark.routes[0].allowed-methods=")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("bulwark.routes[0].allowed-methods: at least one method"));
    }
}
