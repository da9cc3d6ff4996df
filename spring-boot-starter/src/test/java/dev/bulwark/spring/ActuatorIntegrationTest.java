package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spring.internal.BulwarkEndpoint;
import dev.bulwark.spring.internal.BulwarkHealthIndicator;
import dev.bulwark.spring.internal.BulwarkMetrics;
import dev.bulwark.spring.internal.UnprotectedEndpointWarning;
import dev.bulwark.testsupport.SecurityLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The health indicator, the endpoint and the meters, and when each is there. */
class ActuatorIntegrationTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BulwarkAutoConfiguration.class))
            .withPropertyValues(
                    "bulwark.deny-rules.level=strict",
                    "bulwark.deny-rules.custom-rules[0].id=NO-DEBUG",
                    "bulwark.deny-rules.custom-rules[0].key=DEBUG",
                    "bulwark.deny-rules.custom-rules[0].parameter.name=debug",
                    "bulwark.deny-rules.custom-rules[1].id=TRACE",
                    "bulwark.deny-rules.custom-rules[1].key=TRACE",
                    "bulwark.deny-rules.custom-rules[1].parameter.name=trace",
                    "bulwark.deny-rules.custom-rules[1].mode=log-only",
                    "bulwark.jwt.required=false",
                    "bulwark.jwt.issuers[0].issuer=internal",
                    "bulwark.jwt.issuers[0].hmac-secret=" + SECRET);

    @Test
    void reportsHealthWithTheMainSettings() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(BulwarkHealthIndicator.class);
            Health health = context.getBean("bulwarkHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("mode", "block")
                    .containsEntry("denyRulesLevel", "strict")
                    .containsEntry("openapiSpecs", 0)
                    .containsEntry("jwtIssuers", List.of("internal"));
        });
    }

    @Test
    void leavesHealthOutWhenItsIndicatorIsSwitchedOff() {
        runner.withPropertyValues("management.health.bulwark.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BulwarkHealthIndicator.class));
    }

    @Test
    void leavesHealthOutWithoutSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BulwarkHealthIndicator.class);
            assertThat(context).hasSingleBean(BulwarkMetrics.class);
        });
    }

    @Test
    void offersTheEndpointOnlyWhenExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(BulwarkEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=bulwark")
                .run(context -> assertThat(context).hasSingleBean(BulwarkEndpoint.class));
    }

    @Test
    void endpointShowsTheEffectiveConfigurationWithoutSecretsAndCountsPerRuleKeyWhenValuesAreShown() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=bulwark",
                "management.endpoint.bulwark.show-values=always").run(context -> {
            Exchanges.get(context, "/orders", "debug=1");
            Exchanges.get(context, "/orders", "debug=2");
            Exchanges.get(context, "/orders", "trace=1");
            Exchanges.get(context, "/orders", "trace=2");
            Exchanges.get(context, "/orders", "q=oak");

            Map<String, Object> body = context.getBean(BulwarkEndpoint.class).bulwark(SecurityContext.NONE);

            assertThat(body.get("blocked")).isEqualTo(Map.of("DEBUG", 2L));
            assertThat(body.get("logged")).isEqualTo(Map.of("TRACE", 2L));
            @SuppressWarnings("unchecked")
            Map<String, Object> configuration = (Map<String, Object>) body.get("configuration");
            assertThat(configuration).containsEntry("mode", "block");
            assertThat(configuration.get("deny-rules")).asString().contains("level=strict", "NO-DEBUG");
            assertThat(configuration.get("jwt")).asString().contains("hmac-secret=******").doesNotContain(SECRET);
            assertThat(body.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void endpointMasksEveryValueAndCountByDefault() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=bulwark").run(context -> {
            Exchanges.get(context, "/orders", "debug=1");
            Exchanges.get(context, "/orders", "trace=1");

            Map<String, Object> body = context.getBean(BulwarkEndpoint.class).bulwark(SecurityContext.NONE);

            assertThat(body.get("blocked")).isEqualTo(Map.of("DEBUG", "******"));
            assertThat(body.get("logged")).isEqualTo(Map.of("TRACE", "******"));
            @SuppressWarnings("unchecked")
            Map<String, Object> configuration = (Map<String, Object>) body.get("configuration");
            assertThat(configuration).containsEntry("mode", "******").containsKey("deny-rules");
            assertThat(configuration.get("deny-rules")).asString().contains("level=******").doesNotContain("strict");
            assertThat(body.toString()).doesNotContain("NO-DEBUG", "internal", SECRET);
        });
    }

    @Test
    void endpointShowsValuesWhenAuthorizedOnlyToAnAuthenticatedCallerInARole() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=bulwark",
                "management.endpoint.bulwark.show-values=when-authorized",
                "management.endpoint.bulwark.roles=OPS").run(context -> {
            BulwarkEndpoint endpoint = context.getBean(BulwarkEndpoint.class);

            assertThat(endpoint.bulwark(caller("ann", "OPS")).get("configuration")).asString().contains("mode=block");
            assertThat(endpoint.bulwark(caller("bob", "SALES")).get("configuration")).asString()
                    .contains("mode=******");
            assertThat(endpoint.bulwark(SecurityContext.NONE).get("configuration")).asString()
                    .contains("mode=******");
        });
    }

    @Test
    void endpointSettingsDefaultToMaskingLikeSpringBootsOwnEndpoints() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=bulwark").run(context -> {
            BulwarkEndpointProperties properties = context.getBean(BulwarkEndpointProperties.class);
            assertThat(properties.getShowValues()).isEqualTo(Show.NEVER);
            assertThat(properties.getRoles()).isEmpty();
        });
    }

    @Test
    void warnsAtStartUpWhenTheEndpointIsExposedOverHttpWithoutSpringSecurity() {
        Assumptions.assumeTrue(SecurityLog.available(), "run through Maven, which sets the log file");
        int logged = SecurityLog.lines().size();

        runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withPropertyValues("management.endpoints.web.exposure.include=bulwark")
                .run(context -> assertThat(context).hasSingleBean(UnprotectedEndpointWarning.class));

        List<String> lines = SecurityLog.lines();
        assertThat(String.join("\n", lines.subList(logged, lines.size()))).contains("WARN",
                "bulwark actuator endpoint is exposed over HTTP", "Spring Security is not on the classpath");
    }

    @Test
    void staysQuietWhenSpringSecurityCanProtectTheEndpoint() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=bulwark")
                .run(context -> assertThat(context).doesNotHaveBean(UnprotectedEndpointWarning.class));
    }

    @Test
    void staysQuietWhenTheEndpointIsNotExposedOverHttp() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=bulwark")
                .run(context -> {
                    assertThat(context).hasSingleBean(BulwarkEndpoint.class);
                    assertThat(context).doesNotHaveBean(UnprotectedEndpointWarning.class);
                });
    }

    private static SecurityContext caller(String name, String role) {
        return new SecurityContext() {
            @Override
            public Principal getPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String wanted) {
                return wanted.equals(role);
            }
        };
    }

    @Test
    void countsRequestsBlocksAndInspectionTime() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .run(context -> {
                    Exchanges.get(context, "/orders", "q=oak");
                    Exchanges.get(context, "/orders", "debug=1");
                    Exchanges.get(context, "/orders", "trace=1");
                    Exchanges.get(context, "/orders", "trace=1&trace=2");

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("bulwark.requests").tag("outcome", "allowed").counter().count()).isEqualTo(1);
                    assertThat(registry.get("bulwark.requests").tag("outcome", "blocked").counter().count()).isEqualTo(1);
                    assertThat(registry.get("bulwark.requests").tag("outcome", "logged").counter().count()).isEqualTo(2);
                    assertThat(registry.get("bulwark.blocks").tags("rule.key", "DEBUG", "mode", "block").counter().count())
                            .isEqualTo(1);
                    assertThat(registry.get("bulwark.blocks").tags("rule.key", "TRACE", "mode", "log-only").counter().count())
                            .isEqualTo(2);
                    assertThat(registry.get("bulwark.inspection").timer().count()).isEqualTo(4);
                });
    }

    @Test
    void metersAppearInThePrometheusScrape() {
        runner.withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .run(context -> {
                    Exchanges.get(context, "/orders", "debug=1");

                    String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
                    assertThat(scrape)
                            .contains("bulwark_requests_total{outcome=\"blocked\"} 1.0")
                            .contains("bulwark_requests_total{outcome=\"allowed\"} 0.0")
                            .contains("bulwark_blocks_total{mode=\"block\",rule_key=\"DEBUG\"} 1.0")
                            .contains("bulwark_inspection_seconds_count 1");
                });
    }

    @Test
    void leavesMetersOutWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BulwarkMetrics.class);
            assertThat(Exchanges.get(context, "/orders", "debug=1").status()).isEqualTo(403);
        });
    }

    @Test
    void countsRateLimitedRequests() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withPropertyValues("bulwark.rate-limits.limits[0].name=per-client",
                        "bulwark.rate-limits.limits[0].bandwidths[0].capacity=1",
                        "bulwark.rate-limits.limits[0].bandwidths[0].period=1m")
                .run(context -> {
                    Exchanges.get(context, "/orders", "q=oak");
                    assertThat(Exchanges.get(context, "/orders", "q=oak").status()).isEqualTo(429);

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("bulwark.rate.limited").functionCounter().count()).isEqualTo(1);
                    assertThat(registry.get("bulwark.rate.store.failures").tag("store", "local").functionCounter().count())
                            .isZero();
                    assertThat(registry.get("bulwark.blocks").tags("rule.key", "RATE-LIMIT", "mode", "block").counter()
                            .count()).isEqualTo(1);
                });
    }

    @Test
    void countsStoreFailuresWhenRedisCannotBeReached() throws IOException {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withPropertyValues("bulwark.rate-limits.store.redis.uri=redis://127.0.0.1:" + closedPort(),
                        "bulwark.rate-limits.store.redis.timeout=200ms",
                        "bulwark.rate-limits.limits[0].name=per-client",
                        "bulwark.rate-limits.limits[0].bandwidths[0].capacity=1",
                        "bulwark.rate-limits.limits[0].bandwidths[0].period=1m")
                .run(context -> {
                    assertThat(Exchanges.get(context, "/orders", "q=oak").status()).isEqualTo(200);
                    assertThat(Exchanges.get(context, "/orders", "q=oak").status()).isEqualTo(200);

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("bulwark.rate.store.failures").functionCounter().count()).isEqualTo(2);
                    Health health = context.getBean("bulwarkHealthIndicator", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("rateLimitStoreStatus", "down")
                            .hasEntrySatisfying("rateLimitStore", store -> assertThat(store.toString()).startsWith("redis://"));
                });
    }

    @Test
    void reportsHealthDownWhenTheStoreFailsAndRequestsAreRefused() throws IOException {
        runner.withPropertyValues("bulwark.rate-limits.store.redis.uri=redis://127.0.0.1:" + closedPort(),
                        "bulwark.rate-limits.store.redis.timeout=200ms",
                        "bulwark.rate-limits.on-store-failure=block",
                        "bulwark.rate-limits.limits[0].name=per-client",
                        "bulwark.rate-limits.limits[0].bandwidths[0].capacity=1",
                        "bulwark.rate-limits.limits[0].bandwidths[0].period=1m")
                .run(context -> {
                    assertThat(Exchanges.get(context, "/orders", "q=oak").status()).isEqualTo(503);

                    Health health = context.getBean("bulwarkHealthIndicator", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("rateLimitStoreStatus", "down");
                });
    }

    @Test
    void reportsTheLocalStoreUpInHealth() {
        runner.withPropertyValues("bulwark.rate-limits.store=local",
                        "bulwark.rate-limits.limits[0].name=per-client",
                        "bulwark.rate-limits.limits[0].bandwidths[0].capacity=1",
                        "bulwark.rate-limits.limits[0].bandwidths[0].period=1m")
                .run(context -> {
                    Health health = context.getBean("bulwarkHealthIndicator", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("rateLimitStore", "local")
                            .containsEntry("rateLimitStoreStatus", "up");
                });
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
