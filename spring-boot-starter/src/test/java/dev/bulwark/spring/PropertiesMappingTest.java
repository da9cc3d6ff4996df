package dev.bulwark.spring;

import static dev.bulwark.spring.BoundProperties.RUNNER;
import static dev.bulwark.spring.BoundProperties.assertSameSections;
import static dev.bulwark.spring.BoundProperties.bulwark;
import static dev.bulwark.spring.BoundProperties.withYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BodyReadLimits;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ClaimRequirement;
import dev.bulwark.core.config.CustomRule;
import dev.bulwark.core.config.DenyRuleException;
import dev.bulwark.core.config.DenyRulesConfig;
import dev.bulwark.core.config.IpRange;
import dev.bulwark.core.config.JwtConfig;
import dev.bulwark.core.config.JwtIssuer;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.config.OpenApiConfig;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.config.RuleOverride;
import dev.bulwark.core.config.StringMatcher;
import dev.bulwark.core.config.UninspectablePolicy;
import dev.bulwark.core.config.ValueSelector;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bulwark.*} in application.yml (or as properties) produces the same configuration as the
 * same keys in a Bulwark YAML file.
 */
class PropertiesMappingTest {

    @Test
    void yieldsTheDefaultsWhenNothingIsSet() {
        RUNNER.run(context -> assertSameSections(context.getBean(BulwarkConfig.class), BulwarkConfig.defaults()));
    }

    /** The main README's example; its allow-rules, a bare list in the file, is written {rules: [...]} under bulwark. */
    @Test
    void readsTheReadmeExampleUnderBulwark() {
        withYaml(bulwark(readmeExample("""
                allow-rules:
                  rules:
                    - path: {prefix: /api/}
                      methods: [GET, POST]
                """)), config -> assertSameSections(config, BulwarkConfig.fromYaml(readmeExample("""
                allow-rules:
                  - path: {prefix: /api/}
                    methods: [GET, POST]
                """))));
    }

    /** The main README's example, with its allow-rules section as given. */
    private static String readmeExample(String allowRules) {
        return """
                mode: block
                limits:
                  body-size: 1MiB
                  parameters: {count: 128, name-length: 128, value-length: 8KiB}
                  json: {depth: 100, keys-per-object: 250, elements: 10000}
                deny-rules:
                  level: standard
                  exceptions:
                    - rule-keys: [SQL]
                      parameter: {name: {exact: password}, source: body}
                      when: {path: {prefix: /login}, methods: [POST]}
                jwt:
                  issuers:
                    - issuer: https://idp.example.com
                      jwks-uri: https://idp.example.com/.well-known/jwks.json
                      audiences: [orders-api]
                openapi:
                  specs: [{location: classpath:openapi.yaml, base-path: /api}]
                """ + allowRules + """
                headers:
                  response:
                    security-headers: {content-security-policy: "default-src 'self'"}
                csrf: {enabled: true, allowed-origins: [https://shop.example.com]}
                client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
                routes:
                  - when: {path: {prefix: /public/}}
                    jwt: {required: false}
                  - when: {path: {prefix: /webhooks/}}
                    csrf: {enabled: false}
                """;
    }

    @Test
    void mapsGlobalSettingsAndLimits() {
        withYaml("""
                bulwark:
                  mode: log-only
                  uninspectable: log
                  decoding: {passes: 2}
                  limits:
                    body-size: 2MiB
                    path-length: 1024
                    query-length: 8KB
                    parameters: {count: 64, name-length: 64, value-length: 4KiB}
                    headers: {count: 50, total-size: 16KiB}
                    cookies: {count: 10}
                    json: {depth: 20, keys-per-object: 100, elements: 5000, key-length: 128, string-length: 32KiB}
                    multipart: {parts: 8, part-size: 512KiB}
                    xml: {depth: 30, elements: 2000}
                    body-read: {timeout: 30s, min-rate: 4KB, grace-period: 2s}
                """, config -> {
            assertThat(config.mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(config.uninspectable()).isEqualTo(UninspectablePolicy.LOG);
            assertThat(config.decodingPasses()).isEqualTo(2);
            assertThat(config.limits()).isEqualTo(new Limits(2 * 1024 * 1024, 1024, 8 * 1024, 64, 64, 4 * 1024,
                    50, 16 * 1024, 10, 20, 100, 5000, 128, 32 * 1024, 8, 512 * 1024, 30, 2000,
                    new BodyReadLimits(Duration.ofSeconds(30), 4096, Duration.ofSeconds(2))));
        });
    }

    @Test
    void mapsDenyRulesWithOverridesExceptionsAndCustomRules() {
        withYaml("""
                bulwark:
                  deny-rules:
                    level: strict
                    log-only: [xss, SQL-UNION]
                    overrides:
                      - rule-keys: [SQL]
                        parameter: {name: search, source: query}
                        level: basic
                      - rule-ids: [XSS-SCRIPT-TAG]
                        when: {path: {regex: "/cms/.*"}, content-types: [text/html, {prefix: "application/vnd."}]}
                        mode: log-only
                    exceptions:
                      - rule-keys: [SQL]
                        parameter: {name: {exact: password}, source: body}
                        when: {path: {prefix: /login}, methods: [POST], client-ips: [10.0.0.0/8]}
                      - header: {name: X-Trace, value: {prefix: "abc", ignore-case: true}}
                      - json: {pointer: {prefix: /notes/}}
                        rule-keys: [XSS]
                      - path-segment: {suffix: .md}
                        rule-keys: [PATH]
                      - path-parameter: {prefix: "jsessionid="}
                        rule-keys: [PROTOCOL]
                    custom-rules:
                      - id: CUSTOM-NO-DEBUG
                        parameter: {name: debug}
                      - id: CUSTOM-ADMIN-COOKIE
                        key: admin
                        description: no admin cookie from outside
                        cookie: {name: admin}
                        when: {client-ips: ["2001:db8::/32"]}
                        mode: log-only
                      - id: CUSTOM-XML
                        xml: {path: {exact: /order/note}, value: {contains: "<!"}}
                      - id: CUSTOM-VALUE
                        value: {regex: "(?i).*jndi.*"}
                """, config -> {
            DenyRulesConfig rules = config.denyRules();
            assertThat(rules.level()).isEqualTo(Level.STRICT);
            assertThat(rules.logOnly()).containsExactlyInAnyOrder("XSS", "SQL-UNION");

            assertThat(rules.overrides()).hasSize(2);
            RuleOverride first = rules.overrides().get(0);
            assertThat(first.ruleKeys()).containsExactly("SQL");
            assertThat(first.selector()).isEqualTo(new ValueSelector(ValueSelector.Kind.PARAMETER,
                    StringMatcher.exact("search"), null, ValueSelector.ParameterSource.QUERY));
            assertThat(first.level()).isEqualTo(Level.BASIC);
            RuleOverride second = rules.overrides().get(1);
            assertThat(second.ruleIds()).containsExactly("XSS-SCRIPT-TAG");
            assertThat(second.mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(second.when().path()).isEqualTo(StringMatcher.regex("/cms/.*"));
            assertThat(second.when().contentTypes()).containsExactly(StringMatcher.exact("text/html"),
                    StringMatcher.of(StringMatcher.Kind.PREFIX, "application/vnd.", true));

            assertThat(rules.exceptions()).hasSize(5);
            assertThat(rules.exceptions().get(4).selector()).isEqualTo(new ValueSelector(ValueSelector.Kind.PATH_PARAMETER,
                    StringMatcher.prefix("jsessionid="), null, null));
            DenyRuleException login = rules.exceptions().get(0);
            assertThat(login.ruleKeys()).containsExactly("SQL");
            assertThat(login.selector()).isEqualTo(new ValueSelector(ValueSelector.Kind.PARAMETER,
                    StringMatcher.exact("password"), null, ValueSelector.ParameterSource.BODY));
            assertThat(login.when().path()).isEqualTo(StringMatcher.prefix("/login"));
            assertThat(login.when().methods()).containsExactly("POST");
            assertThat(login.when().clientIps()).containsExactly(IpRange.parse("10.0.0.0/8"));
            assertThat(rules.exceptions().get(1).selector()).isEqualTo(new ValueSelector(ValueSelector.Kind.HEADER,
                    StringMatcher.exact("X-Trace").ignoringCase(), StringMatcher.of(StringMatcher.Kind.PREFIX, "abc", true), null));
            assertThat(rules.exceptions().get(2).selector()).isEqualTo(new ValueSelector(ValueSelector.Kind.JSON,
                    StringMatcher.prefix("/notes/"), null, null));
            assertThat(rules.exceptions().get(3).selector()).isEqualTo(new ValueSelector(ValueSelector.Kind.PATH_SEGMENT,
                    StringMatcher.suffix(".md"), null, null));

            assertThat(rules.customRules()).extracting(CustomRule::id)
                    .containsExactly("CUSTOM-NO-DEBUG", "CUSTOM-ADMIN-COOKIE", "CUSTOM-XML", "CUSTOM-VALUE");
            CustomRule noDebug = rules.customRules().get(0);
            assertThat(noDebug.key()).isEqualTo("CUSTOM");
            assertThat(noDebug.mode()).isNull();
            CustomRule admin = rules.customRules().get(1);
            assertThat(admin.key()).isEqualTo("ADMIN");
            assertThat(admin.description()).isEqualTo("no admin cookie from outside");
            assertThat(admin.selector().kind()).isEqualTo(ValueSelector.Kind.COOKIE);
            assertThat(admin.when().clientIps()).containsExactly(IpRange.parse("2001:db8::/32"));
            assertThat(admin.mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(rules.customRules().get(2).selector()).isEqualTo(new ValueSelector(ValueSelector.Kind.XML,
                    StringMatcher.exact("/order/note"), StringMatcher.contains("<!"), null));
            assertThat(rules.customRules().get(3).selector()).isEqualTo(new ValueSelector(ValueSelector.Kind.ANY,
                    null, StringMatcher.regex("(?i).*jndi.*"), null));
        });
    }

    @Test
    void readsAnUnquotedOffLevelAsOff() {
        withYaml("""
                bulwark:
                  deny-rules:
                    level: off
                  routes:
                    - when: {path: {prefix: /static/}}
                      deny-rules: {level: off}
                """, config -> {
            assertThat(config.denyRules().level()).isEqualTo(Level.OFF);
            assertThat(config.routes().get(0).denyRulesLevel()).isEqualTo(Level.OFF);
        });
    }

    @Test
    void mapsTokenValidation() {
        withYaml("""
                bulwark:
                  jwt:
                    required: true
                    issuers:
                      - issuer: https://idp.example.com
                        jwks-uri: https://idp.example.com/jwks.json
                        audiences: [orders-api, billing]
                        algorithms: [RS256, ES256]
                        jwks: {cache-ttl: 10m, refresh-ahead: 1m, rate-limit: 20s, outage-tolerance: 2h,
                               connect-timeout: 500ms, read-timeout: 3, size-limit: 32KiB}
                      - issuer: internal
                        hmac-secret: 0123456789abcdef0123456789abcdef
                    header: X-Token
                    cookie: token
                    query-parameter: access_token
                    clock-skew: 30s
                    max-lifetime: 1h
                    require-expiration: false
                    types: [at+jwt]
                    max-token-size: 4KiB
                    cache-size: 500
                    scopes: [orders.read]
                    claims:
                      - {claim: role, one-of: [admin, clerk]}
                      - {claim: tenant, prefix: eu-, ignore-case: true}
                    propagate: {sub: X-User-Id, "[https://example.com/email]": X-User-Email}
                """, config -> {
            JwtConfig jwt = config.jwt();
            assertThat(jwt.required()).isTrue();
            assertThat(jwt.issuers()).extracting(JwtIssuer::issuer).containsExactly("https://idp.example.com", "internal");
            JwtIssuer idp = jwt.issuers().get(0);
            assertThat(idp.jwksUri()).isEqualTo(URI.create("https://idp.example.com/jwks.json"));
            assertThat(idp.audiences()).containsExactlyInAnyOrder("orders-api", "billing");
            assertThat(idp.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
            assertThat(idp.jwks()).isEqualTo(new JwtIssuer.JwksSettings(Duration.ofMinutes(10), Duration.ofMinutes(1),
                    Duration.ofSeconds(20), Duration.ofHours(2), Duration.ofMillis(500), Duration.ofSeconds(3), 32 * 1024));
            assertThat(jwt.issuers().get(1).hmacSecret()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(jwt.header()).isEqualTo("X-Token");
            assertThat(jwt.cookie()).isEqualTo("token");
            assertThat(jwt.queryParameter()).isEqualTo("access_token");
            assertThat(jwt.clockSkew()).isEqualTo(Duration.ofSeconds(30));
            assertThat(jwt.maxLifetime()).isEqualTo(Duration.ofHours(1));
            assertThat(jwt.requireExpiration()).isFalse();
            assertThat(jwt.types()).containsExactly("at+jwt");
            assertThat(jwt.maxTokenSize()).isEqualTo(4096);
            assertThat(jwt.cacheSize()).isEqualTo(500);
            assertThat(jwt.requirement().scopes()).containsExactly("orders.read");
            assertThat(jwt.requirement().claims()).containsExactly(
                    new ClaimRequirement("role", java.util.List.of("admin", "clerk"), null),
                    new ClaimRequirement("tenant", java.util.List.of(), StringMatcher.of(StringMatcher.Kind.PREFIX, "eu-", true)));
            assertThat(jwt.propagate()).isEqualTo(Map.of("sub", "X-User-Id", "https://example.com/email", "X-User-Email"));
        });
    }

    @Test
    void mapsOpenApiAndRoutes() {
        withYaml("""
                bulwark:
                  jwt:
                    issuers: [{issuer: internal, hmac-secret: 0123456789abcdef0123456789abcdef}]
                  openapi:
                    specs:
                      - {location: classpath:orders.yaml, base-path: /api/orders}
                      - location: file:/etc/contracts/billing.json
                        when: {path: {prefix: /billing}, methods: [GET, POST]}
                    mode: log-only
                    unexpected-query-parameters: ignore
                    ignore: [validation.request.body.schema.format]
                    log-only: [validation.request.parameter.query.missing]
                    max-violations: 3
                    details: false
                    validate-responses: true
                  routes:
                    - when: {path: {prefix: /public/}}
                      jwt: {required: false}
                      openapi: {enabled: false}
                    - when: {path: /admin, methods: [DELETE]}
                      mode: log-only
                      deny-rules: {level: strict}
                      uninspectable: block
                      body: {binary: [application/octet-stream, image/*]}
                      jwt:
                        scopes: [admin]
                        claims: [{claim: role, exact: admin}]
                      openapi: {mode: block}
                """, config -> {
            OpenApiConfig openapi = config.openapi();
            assertThat(openapi.specs()).containsExactly(
                    new OpenApiConfig.Spec("classpath:orders.yaml", "/api/orders", null),
                    new OpenApiConfig.Spec("file:/etc/contracts/billing.json", "",
                            config.openapi().specs().get(1).when()));
            assertThat(openapi.specs().get(1).when().methods()).containsExactlyInAnyOrder("GET", "POST");
            assertThat(openapi.mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(openapi.unexpectedQueryParameters()).isFalse();
            assertThat(openapi.ignore()).containsExactly("validation.request.body.schema.format");
            assertThat(openapi.logOnly()).containsExactly("validation.request.parameter.query.missing");
            assertThat(openapi.maxViolations()).isEqualTo(3);
            assertThat(openapi.details()).isFalse();
            assertThat(openapi.validateResponses()).isTrue();

            assertThat(config.routes()).hasSize(2);
            Route open = config.routes().get(0);
            assertThat(open.when().path()).isEqualTo(StringMatcher.prefix("/public/"));
            assertThat(open.jwt().required()).isFalse();
            assertThat(open.openapi()).isFalse();
            Route admin = config.routes().get(1);
            assertThat(admin.when().path()).isEqualTo(StringMatcher.exact("/admin"));
            assertThat(admin.mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(admin.denyRulesLevel()).isEqualTo(Level.STRICT);
            assertThat(admin.uninspectable()).isEqualTo(UninspectablePolicy.BLOCK);
            assertThat(admin.body().binary()).containsExactly("application/octet-stream", "image/*");
            assertThat(open.body().binary()).isEmpty();
            assertThat(admin.jwt().required()).isNull();
            assertThat(admin.jwt().scopes()).containsExactly("admin");
            assertThat(admin.jwt().claims()).containsExactly(new ClaimRequirement("role", java.util.List.of(),
                    StringMatcher.exact("admin")));
            assertThat(admin.openapi()).isNull();
            assertThat(admin.openapiMode()).isEqualTo(Mode.BLOCK);
        });
    }

    @Test
    void mapsFlatPropertiesAndCommaSeparatedLists() {
        RUNNER.withPropertyValues(
                        "bulwark.limits.body-size=512KB",
                        "bulwark.limits.parameters.count=32",
                        "bulwark.deny-rules.log-only=XSS,SQL",
                        "bulwark.deny-rules.exceptions[0].rule-keys=SQL",
                        "bulwark.deny-rules.exceptions[0].parameter.name.exact=password",
                        "bulwark.deny-rules.exceptions[0].when.path.prefix=/login",
                        "bulwark.deny-rules.exceptions[0].when.methods=POST,PUT",
                        "bulwark.deny-rules.custom-rules[0].id=NO-DEBUG",
                        "bulwark.deny-rules.custom-rules[0].header.name=X-Debug",
                        "bulwark.jwt.clock-skew=45",
                        "bulwark.routes[0].when.path=/health",
                        "bulwark.routes[0].deny-rules.level=basic")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BulwarkConfig config = context.getBean(BulwarkConfig.class);
                    assertThat(config.limits().bodySize()).isEqualTo(512 * 1024);
                    assertThat(config.limits().parameterCount()).isEqualTo(32);
                    assertThat(config.denyRules().logOnly()).containsExactlyInAnyOrder("XSS", "SQL");
                    DenyRuleException exception = config.denyRules().exceptions().get(0);
                    assertThat(exception.selector().name()).isEqualTo(StringMatcher.exact("password"));
                    assertThat(exception.when().path()).isEqualTo(StringMatcher.prefix("/login"));
                    assertThat(exception.when().methods()).containsExactlyInAnyOrder("POST", "PUT");
                    assertThat(config.denyRules().customRules().get(0).selector())
                            .isEqualTo(new ValueSelector(ValueSelector.Kind.HEADER, StringMatcher.exact("X-Debug").ignoringCase(), null, null));
                    assertThat(config.jwt().clockSkew()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(config.routes().get(0).when().path()).isEqualTo(StringMatcher.exact("/health"));
                    assertThat(config.routes().get(0).denyRulesLevel()).isEqualTo(Level.BASIC);
                });
    }
}
