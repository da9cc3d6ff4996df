package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void emptyDocumentYieldsDefaults() {
        BulwarkConfig config = ConfigLoader.fromYaml("");
        assertThat(config.mode()).isEqualTo(Mode.BLOCK);
        assertThat(config.limits()).isEqualTo(Limits.defaults());
        assertThat(config.denyRules().level()).isEqualTo(Level.STANDARD);
        assertThat(config.uninspectable()).isEqualTo(UninspectablePolicy.LOG);
    }

    @Test
    void readsBinaryMediaRangesOfARouteBody() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                routes:
                  - when: {path: {prefix: /uploads/}}
                    body: {binary: [Application/Octet-Stream, image/*]}
                """);

        RouteBody body = config.routes().get(0).body();
        assertThat(body.binary()).containsExactly("application/octet-stream", "image/*");
        assertThat(body.acceptsBinary("image/png")).isTrue();
        assertThat(body.acceptsBinary("application/pdf")).isFalse();
        assertThat(body.acceptsBinary(null)).isFalse();
    }

    @Test
    void routeWithoutBodyAcceptsNoBinary() {
        BulwarkConfig config = ConfigLoader.fromYaml("routes: [{when: {path: /a}}]");

        assertThat(config.routes().get(0).body()).isEqualTo(RouteBody.NONE);
    }

    @Test
    void rejectsAMediaRangeThatIsNotOneWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                routes:
                  - when: {path: /a}
                    body: {binary: [image/png, "*/png"]}
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("routes[0].body.binary[1]: '*/png' is not a media range");
    }

    @Test
    void rejectsAnExceptionNamingAnUnknownRuleId() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - rule-ids: [SQL-UNION-AFTER-BREAK, SQL-NOPE]
                      parameter: {name: q}
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.exceptions[0].rule-ids[1]: unknown rule id 'SQL-NOPE'");
    }

    @Test
    void rejectsAnOverrideNamingAnUnknownRuleKey() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("deny-rules: {overrides: [{rule-keys: [SQLI], mode: log-only}]}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.overrides[0].rule-keys[0]: unknown rule key 'SQLI'");
    }

    @Test
    void rejectsLogOnlyNamingNoRule() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("deny-rules: {log-only: [XSS, SCANNERS]}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.log-only[1]: unknown rule key or id 'SCANNERS'");
    }

    @Test
    void acceptsRuleNamesInAnyCaseAndTheIdsOfCustomRules() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                deny-rules:
                  log-only: [xss, sql-union-after-break]
                  exceptions:
                    - rule-ids: [ACME-1]
                      parameter: {name: q}
                  custom-rules:
                    - id: ACME-1
                      key: ACME
                      parameter: {name: debug}
                """);

        assertThat(config.denyRules().exceptions()).hasSize(1);
    }

    @Test
    void rejectsAMissingJwksFileAtItsKey() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                jwt:
                  issuers:
                    - issuer: https://idp.example
                      hmac-secret: a-secret-of-at-least-thirty-two-bytes!!
                    - issuer: https://other.example
                      jwks-file: /no/such/dir/jwks.json
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwt.issuers[1].jwks-file: cannot read jwks-file /no/such/dir/jwks.json");
    }

    @Test
    void rejectsAnUnknownKeyInARouteBody() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("routes: [{when: {path: /a}, body: {binaries: [image/*]}}]"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("routes[0].body.binaries: unknown key");
    }

    @Test
    void readsTheDocumentedShape() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                mode: log-only
                limits:
                  body-size: 2MiB
                  parameters: {count: 64, name-length: 100, value-length: 4KiB}
                  json: {depth: 20, keys-per-object: 50, elements: 500}
                deny-rules:
                  level: strict
                  log-only: [xss]
                  exceptions:
                    - rule-keys: [SQL]
                      parameter: {name: {exact: password}, source: body}
                      when: {path: {prefix: /login}, methods: [post]}
                routes:
                  - when: {path: {prefix: /public/}}
                    deny-rules: {level: basic}
                """);
        assertThat(config.mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(config.limits().bodySize()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.limits().parameterCount()).isEqualTo(64);
        assertThat(config.limits().parameterValueLength()).isEqualTo(4096);
        assertThat(config.limits().jsonDepth()).isEqualTo(20);
        assertThat(config.denyRules().level()).isEqualTo(Level.STRICT);
        assertThat(config.denyRules().logOnly()).containsExactly("XSS");
        DenyRuleException exception = config.denyRules().exceptions().get(0);
        assertThat(exception.ruleKeys()).containsExactly("SQL");
        assertThat(exception.selector().kind()).isEqualTo(ValueSelector.Kind.PARAMETER);
        assertThat(exception.selector().parameterSource()).isEqualTo(ValueSelector.ParameterSource.BODY);
        assertThat(exception.when().methods()).containsExactly("POST");
        assertThat(config.routes()).hasSize(1);
        assertThat(config.routes().get(0).denyRulesLevel()).isEqualTo(Level.BASIC);
    }

    @Test
    void rejectsUnknownMatcherWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - rule-keys: [SQL]
                    - rule-keys: [XSS]
                    - rule-keys: [SQL]
                      parameter: {name: {exakt: password}}
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.exceptions[2].parameter.name.exakt: unknown key 'exakt'");
    }

    @Test
    void rejectsUnknownTopLevelKey() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("mdoe: block"))
                .isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).path())
                .isEqualTo("mdoe");
    }

    @Test
    void rejectsUnknownEnumValueListingTheChoices() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("deny-rules: {level: paranoid}"))
                .hasMessage("deny-rules.level: unknown value 'paranoid' (expected one of [off, basic, standard, strict])");
    }

    @Test
    void rejectsNonPositiveLimit() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {json: {depth: 0}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("limits.json.depth:");
    }

    @Test
    void rejectsAJwksRefreshThatCannotFinishBeforeTheKeySetExpires() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                jwt:
                  issuers:
                    - issuer: https://idp.example.com
                      jwks-uri: https://idp.example.com/jwks.json
                      jwks: {cache-ttl: 5s, refresh-ahead: 2s}
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jwt.issuers[0].jwks:");
    }

    @Test
    void readsBodyReadLimits() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                limits:
                  body-read: {timeout: 30s, min-rate: 4KiB, grace-period: 2s}
                """);
        assertThat(config.limits().bodyRead()).isEqualTo(new BodyReadLimits(Duration.ofSeconds(30), 4096, Duration.ofSeconds(2)));
    }

    @Test
    void keepsBodyReadDefaultsForKeysNotSet() {
        BulwarkConfig config = ConfigLoader.fromYaml("limits: {body-read: {timeout: 5m}}");
        assertThat(config.limits().bodyRead()).isEqualTo(BodyReadLimits.custom().timeout(Duration.ofMinutes(5)).build());
    }

    @Test
    void rejectsZeroBodyReadTimeoutNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {body-read: {timeout: 0s}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("limits.body-read.timeout: must be positive");
    }

    @Test
    void rejectsGracePeriodNotShorterThanBodyReadTimeout() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {body-read: {timeout: 10s, grace-period: 10s}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("limits.body-read: grace-period (PT10S) must be shorter than timeout (PT10S)");
    }

    @Test
    void rejectsUnknownBodyReadKey() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {body-read: {min-data-rate: 1KiB}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("limits.body-read.min-data-rate");
    }

    @Test
    void rejectsUnknownSizeUnit() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {body-size: 1 parsec}"))
                .hasMessageStartingWith("limits.body-size: unknown size unit 'parsec'");
    }

    @Test
    void rejectsInvalidRegexAtStartUp() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - header: {name: {regex: "(unclosed"}}
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.exceptions[0].header.name.regex: invalid regex");
    }

    @Test
    void readsPathPatternsInExceptionConditions() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - rule-ids: [XSS-SCRIPT-TAG]
                      parameter: {name: note}
                      when: {path: {pattern: "/pets/{id}"}, methods: [GET]}
                """);

        StringMatcher path = config.denyRules().exceptions().get(0).when().path();
        assertThat(path.kind()).isEqualTo(StringMatcher.Kind.PATTERN);
        assertThat(path.matches("/pets/7")).isTrue();
        assertThat(path.matches("/pets/7/photos")).isFalse();
    }

    @Test
    void rejectsAPathPatternThatIsNotAPathNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("deny-rules: {exceptions: [{rule-ids: [X], when: {path: {pattern: pets}}}]}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.exceptions[0].when.path.pattern: a path pattern starts with '/'");
    }

    @Test
    void rejectsExceptionThatWouldDisableEverything() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("deny-rules: {exceptions: [{}]}"))
                .hasMessageContaining("would switch off every rule");
    }

    @Test
    void rejectsTwoSelectorsInOneException() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - header: {name: Referer}
                      cookie: {name: session}
                """))
                .hasMessageStartingWith("deny-rules.exceptions[0]: choose one of");
    }

    @Test
    void namesTwoSelectorsInTheSchemasOrder() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - value: admin
                      parameter: {name: role}
                      cookie: {name: session}
                """))
                .hasMessageEndingWith("found both 'parameter' and 'cookie'");
    }

    @Test
    void readsUnexpectedQueryParametersIgnoringCase() {
        assertThat(ConfigLoader.fromYaml("openapi: {unexpected-query-parameters: Ignore}").openapi()
                .unexpectedQueryParameters()).isFalse();
        assertThat(ConfigLoader.fromYaml("openapi: {unexpected-query-parameters: block}").openapi()
                .unexpectedQueryParameters()).isTrue();
    }

    @Test
    void rejectsUnexpectedQueryParametersValueTheSchemaDoesNotList() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("openapi: {unexpected-query-parameters: warn}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("openapi.unexpected-query-parameters: unknown value 'warn' (expected one of [block, ignore])");
    }

    @Test
    void rejectsInvalidClientIpRange() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("routes: [{when: {client-ips: [10.0.0.0/33]}}]"))
                .hasMessageStartingWith("routes[0].when.client-ips[0]:");
    }

    @Test
    void rejectsRouteWithoutConditions() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("routes: [{mode: log-only}]"))
                .hasMessage("routes[0]: a route needs 'when' conditions");
    }

    @Test
    void rejectsDuplicateCustomRuleIds() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("""
                deny-rules:
                  custom-rules:
                    - {id: NO-DEBUG, parameter: {name: debug}}
                    - {id: NO-DEBUG, header: {name: X-Debug}}
                """))
                .hasMessage("deny-rules.custom-rules[1].id: duplicate custom rule id 'NO-DEBUG'");
    }

    @Test
    void readsSpringStyleMap() {
        BulwarkConfig config = ConfigLoader.fromMap(Map.of(
                "mode", "log-only",
                "deny-rules", Map.of("level", "basic", "log-only", List.of("SQL"))));
        assertThat(config.mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(config.denyRules().level()).isEqualTo(Level.BASIC);
    }

    @Test
    void plainStringMatcherIsExact() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - cookie: {name: tracking}
                """);
        StringMatcher name = config.denyRules().exceptions().get(0).selector().name();
        assertThat(name.kind()).isEqualTo(StringMatcher.Kind.EXACT);
        assertThat(name.matches("tracking")).isTrue();
        assertThat(name.matches("tracking2")).isFalse();
    }
}
