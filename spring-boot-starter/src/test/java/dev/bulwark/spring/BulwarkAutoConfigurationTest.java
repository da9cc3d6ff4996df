package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Check;
import dev.bulwark.core.DecisionListener;
import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.CustomRule;
import dev.bulwark.core.config.DenyRulesConfig;
import dev.bulwark.core.config.RequestCondition;
import dev.bulwark.core.config.StringMatcher;
import dev.bulwark.core.config.ValueSelector;
import dev.bulwark.servlet.BulwarkFilter;
import dev.bulwark.spring.internal.BulwarkHealthIndicator;
import dev.bulwark.spring.internal.BulwarkMetrics;
import dev.bulwark.spring.internal.MultipartLimitsWarning;
import dev.bulwark.spring.internal.boot3.Boot3HealthConfiguration;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Which beans the auto-configuration contributes, and when it backs off. */
class BulwarkAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BulwarkAutoConfiguration.class));

    @Test
    void contributesConfigEngineAndFilterInAServletApplication() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(BulwarkConfig.class);
            assertThat(context).hasSingleBean(Bulwark.class);
            assertThat(context).hasSingleBean(BulwarkProperties.class);
            assertThat(context.getBean(BulwarkConfig.class).mode()).isEqualTo(Mode.BLOCK);
            FilterRegistrationBean<BulwarkFilter> registration = Exchanges.registration(context);
            assertThat(registration.getFilter().bulwark()).isSameAs(context.getBean(Bulwark.class));
        });
    }

    @Test
    void registersTheFilterForEveryUrlOnRequestDispatchesAheadOfFiltersThatReadTheBody() {
        runner.run(context -> {
            FilterRegistrationBean<BulwarkFilter> registration = Exchanges.registration(context);
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
            assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
            assertThat(registration.getFilterName()).isEqualTo(BulwarkAutoConfiguration.FILTER_NAME);
            // Spring's hidden-method (-10000) and form-content (-9900) filters read the body, and
            // Spring Security's filter chain is at -100.
            assertThat(registration.getOrder()).isEqualTo(BulwarkProperties.DEFAULT_FILTER_ORDER)
                    .isLessThan(-10_000).isLessThan(-9900).isLessThan(-100);
        });
    }

    @Test
    void takesTheFilterOrderFromProperties() {
        runner.withPropertyValues("bulwark.filter-order=5")
                .run(context -> assertThat(Exchanges.registration(context).getOrder()).isEqualTo(5));
    }

    @Test
    void contributesNothingOutsideAWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BulwarkAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(BulwarkConfig.class);
                    assertThat(context).doesNotHaveBean(Bulwark.class);
                    assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
                });
    }

    @Test
    void contributesNothingWhenDisabled() {
        runner.withPropertyValues("bulwark.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BulwarkConfig.class);
            assertThat(context).doesNotHaveBean(Bulwark.class);
            assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            assertThat(context).doesNotHaveBean(BulwarkHealthIndicator.class);
        });
    }

    @Test
    void doesNotReadTheConfigurationWhenDisabled() {
        runner.withPropertyValues("bulwark.enabled=false", "bulwark.deny-rules.level=paranoid")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void contributesNothingWithoutTheServletFilterOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader(BulwarkFilter.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(Bulwark.class);
                });
    }

    @Test
    void contributesOnlyTheHealthIndicatorOfSpringBoot4() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(BulwarkHealthIndicator.class);
            assertThat(context.getBean("bulwarkHealthIndicator")).isInstanceOf(BulwarkHealthIndicator.class);
            assertThat(context.getBeanNamesForType(Boot3HealthConfiguration.class)).isEmpty();
        });
    }

    @Test
    void worksWithoutActuatorOrMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
                        "org.springframework.boot.health", "io.micrometer"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(Bulwark.class);
                    assertThat(Exchanges.registration(context)).isNotNull();
                    assertThat(context).doesNotHaveBean(BulwarkHealthIndicator.class);
                    assertThat(context).doesNotHaveBean(BulwarkMetrics.class);
                    assertThat(context).doesNotHaveBean("bulwarkEndpoint");
                    assertThat(Exchanges.get(context, "/orders", "q=oak").status()).isEqualTo(200);
                });
    }

    @Test
    void usesTheApplicationsOwnConfig() {
        runner.withUserConfiguration(OwnConfig.class)
                .withPropertyValues("bulwark.mode=block")
                .run(context -> {
                    assertThat(context).hasSingleBean(BulwarkConfig.class);
                    assertThat(context.getBean(Bulwark.class).config()).isSameAs(OwnConfig.CONFIG);
                });
    }

    @Test
    void usesTheApplicationsOwnEngine() {
        runner.withUserConfiguration(OwnEngine.class).run(context -> {
            assertThat(context).hasSingleBean(Bulwark.class);
            assertThat(Exchanges.registration(context).getFilter().bulwark()).isSameAs(OwnEngine.BULWARK);
        });
    }

    @Test
    void backsOffWhenTheApplicationRegistersTheFilterItself() {
        runner.withUserConfiguration(OwnRegistration.class).run(context -> {
            assertThat(context).getBeans(FilterRegistrationBean.class).containsOnlyKeys("ownRegistration");
            assertThat(Exchanges.registration(context).getOrder()).isEqualTo(42);
        });
    }

    @Test
    void backsOffWhenTheApplicationDeclaresTheFilterAsABean() {
        runner.withUserConfiguration(OwnFilter.class).run(context -> {
            assertThat(context).doesNotHaveBean("bulwarkFilterRegistration");
            assertThat(context).hasSingleBean(BulwarkFilter.class);
        });
    }

    @Test
    void appliesCustomizersInOrderEachToTheResultOfTheLast() {
        runner.withUserConfiguration(Customizers.class)
                .withPropertyValues("bulwark.deny-rules.level=strict",
                        "bulwark.deny-rules.custom-rules[0].id=FROM-PROPERTIES",
                        "bulwark.deny-rules.custom-rules[0].parameter.name=debug")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BulwarkConfig config = context.getBean(BulwarkConfig.class);
                    assertThat(config.mode()).isEqualTo(Mode.LOG_ONLY);
                    assertThat(config.denyRules().level()).isEqualTo(Level.STRICT);
                    assertThat(config.denyRules().customRules()).extracting(CustomRule::id)
                            .containsExactly("FROM-PROPERTIES", "FROM-CODE");
                    assertThat(context.getBean(Customizers.class).seenModes).containsExactly(Mode.BLOCK, Mode.LOG_ONLY);
                });
    }

    @Test
    void addsCheckBeansToTheEngineAndTellsListenerBeansAboutDecisions() {
        runner.withUserConfiguration(CheckAndListener.class).run(context -> {
            Exchanges.Result blocked = Exchanges.get(context, "/admin", null);
            Exchanges.Result allowed = Exchanges.get(context, "/orders", null);

            assertThat(blocked.status()).isEqualTo(403);
            assertThat(blocked.reachedApplication()).isFalse();
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.reachedApplication()).isTrue();
            assertThat(context.getBean(CheckAndListener.class).heard).containsExactly(true, false);
        });
    }

    @Test
    void failsStartUpWithThePropertyOfABadValue() {
        runner.withPropertyValues("bulwark.deny-rules.level=paranoid").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("bulwark.deny-rules.level: unknown value 'paranoid' (expected one of [off, basic, standard, strict])");
        });
    }

    @Test
    void failsStartUpWithThePropertyOfABadListItem() {
        runner.withPropertyValues("bulwark.deny-rules.exceptions[0].rule-keys=SQL",
                        "bulwark.deny-rules.exceptions[1].parameter.name.regex=(unclosed")
                .run(context -> {
                    assertThat(context).hasFailed();
                    ConfigurationException failure = (ConfigurationException) rootCause(context.getStartupFailure());
                    assertThat(failure.path()).isEqualTo("bulwark.deny-rules.exceptions[1].parameter.name.regex");
                    assertThat(failure).hasMessageStartingWith(
                            "bulwark.deny-rules.exceptions[1].parameter.name.regex: invalid regex '(unclosed'");
                });
    }

    @Test
    void failsStartUpWithTheFullPropertyOfAMissingJwksFile() {
        runner.withPropertyValues("bulwark.jwt.issuers[0].issuer=https://idp.example",
                        "bulwark.jwt.issuers[0].jwks-file=/no/such/dir/jwks.json")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()))
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessageStartingWith("bulwark.jwt.issuers[0].jwks-file: cannot read jwks-file /no/such/dir/jwks.json");
                });
    }

    @Test
    void failsStartUpWithThePropertyOfAnExceptionNamingAnUnknownRuleId() {
        runner.withPropertyValues("bulwark.deny-rules.exceptions[0].rule-ids=SQL-NOPE",
                        "bulwark.deny-rules.exceptions[0].parameter.name=q")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()))
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessageStartingWith("bulwark.deny-rules.exceptions[0].rule-ids[0]: unknown rule id 'SQL-NOPE'");
                });
    }

    @Test
    void failsStartUpWithThePropertyOfWhatOnlyBuildingTheEngineFinds() {
        // The starter's tests run without the optional validator, which only building the engine finds missing.
        runner.withPropertyValues("bulwark.openapi.specs[0].location=classpath:openapi.yaml")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()))
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessageStartingWith("bulwark.openapi: OpenAPI enforcement needs com.atlassian.oai:"
                                    + "swagger-request-validator-core");
                });
    }

    @Test
    void registersTheMultipartLimitsWarning() {
        runner.run(context -> assertThat(context).hasSingleBean(MultipartLimitsWarning.class));
    }

    @Test
    void failsStartUpOnAnUnknownProperty() {
        runner.withPropertyValues("bulwark.deny-rules.levle=strict").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("bulwark.deny-rules.levle");
        });
    }

    @Test
    void failsStartUpWhenACustomizerProducesAnInvalidConfiguration() {
        runner.withBean(BulwarkConfigCustomizer.class, () -> (builder, current) -> builder.route(
                        new dev.bulwark.core.config.Route(RequestCondition.always(), null, null, null,
                                new dev.bulwark.core.config.JwtRequirement(true, java.util.Set.of(), List.of()), null, null)))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()))
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessageContaining("a route requires a token but no jwt issuer is configured");
                });
    }

    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConfig {
        static final BulwarkConfig CONFIG = BulwarkConfig.custom().mode(Mode.LOG_ONLY).build();

        @Bean
        BulwarkConfig ownConfig() {
            return CONFIG;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEngine {
        static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.defaults());

        @Bean
        Bulwark ownBulwark() {
            return BULWARK;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistration {
        @Bean
        FilterRegistrationBean<BulwarkFilter> ownRegistration() {
            FilterRegistrationBean<BulwarkFilter> registration =
                    new FilterRegistrationBean<>(BulwarkFilter.create(BulwarkConfig.defaults()));
            registration.setOrder(42);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFilter {
        @Bean
        BulwarkFilter ownFilter() {
            return BulwarkFilter.create(BulwarkConfig.defaults());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<Mode> seenModes = new CopyOnWriteArrayList<>();

        @Bean
        @Order(1)
        BulwarkConfigCustomizer logOnly() {
            return (builder, current) -> {
                seenModes.add(current.mode());
                builder.mode(Mode.LOG_ONLY);
            };
        }

        @Bean
        @Order(2)
        BulwarkConfigCustomizer addCustomRule() {
            return (builder, current) -> {
                seenModes.add(current.mode());
                DenyRulesConfig rules = current.denyRules();
                List<CustomRule> custom = new ArrayList<>(rules.customRules());
                custom.add(new CustomRule("FROM-CODE", "DEBUG", null,
                        new ValueSelector(ValueSelector.Kind.HEADER, StringMatcher.exact("x-debug"), null, null),
                        null, null));
                builder.denyRules(new DenyRulesConfig(rules.level(), rules.logOnly(), rules.overrides(),
                        rules.exceptions(), custom));
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CheckAndListener {
        final List<Boolean> heard = new CopyOnWriteArrayList<>();

        @Bean
        Check adminIsOff() {
            return new Check() {
                @Override
                public String name() {
                    return "admin-is-off";
                }

                @Override
                public void inspect(dev.bulwark.core.Inspection inspection) {
                    if (inspection.request().rawPath().startsWith("/admin")) {
                        inspection.report(new dev.bulwark.core.Finding("ADMIN", "ADMIN-OFF", "admin is off",
                                dev.bulwark.core.Location.value(dev.bulwark.core.Source.PATH, ""), "/admin",
                                Level.STANDARD, Mode.BLOCK, dev.bulwark.core.BlockType.DENY, 403));
                    }
                }
            };
        }

        @Bean
        DecisionListener recordingListener() {
            return (decision, time) -> heard.add(decision.blocked());
        }
    }
}
