package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.DecisionListener;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.servlet.BulwarkFilter;
import dev.bulwark.spring.internal.BulwarkHealthIndicator;
import dev.bulwark.spring.internal.BulwarkMetrics;
import dev.bulwark.webflux.BulwarkWebFilter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** Which beans the reactive auto-configuration contributes, when it backs off, and when it refuses to start. */
class BulwarkReactiveAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BulwarkAutoConfiguration.class,
                    BulwarkReactiveAutoConfiguration.class));

    @Test
    void contributesConfigEngineAndWebFilterInAReactiveApplication() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(BulwarkConfig.class);
            assertThat(context).hasSingleBean(Bulwark.class);
            assertThat(context).hasSingleBean(BulwarkWebFilter.class);
            assertThat(context.getBean(BulwarkWebFilter.class).bulwark()).isSameAs(context.getBean(Bulwark.class));
            assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            assertThat(context).doesNotHaveBean(BulwarkFilter.class);
        });
    }

    @Test
    void ordersTheWebFilterBeforeSpringSecurity() {
        runner.run(context -> assertThat(context.getBean(BulwarkWebFilter.class).getOrder())
                .isEqualTo(BulwarkProperties.DEFAULT_FILTER_ORDER).isLessThan(-100));
    }

    @Test
    void takesTheOrderFromTheFilterOrderProperty() {
        runner.withPropertyValues("bulwark.filter-order=-5").run(context ->
                assertThat(context.getBean(BulwarkWebFilter.class).getOrder()).isEqualTo(-5));
    }

    @Test
    void readsTheSameBulwarkProperties() {
        runner.withPropertyValues("bulwark.limits.body-size=2048", "bulwark.mode=log-only").run(context -> {
            BulwarkConfig config = context.getBean(BulwarkConfig.class);
            assertThat(config.limits().bodySize()).isEqualTo(2048);
            assertThat(config.mode()).isEqualTo(dev.bulwark.core.Mode.LOG_ONLY);
        });
    }

    @Test
    void stopsStartUpWithThePathOfABadProperty() {
        runner.withPropertyValues("bulwark.limits.body-size=lots").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("bulwark.limits.body-size");
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnWebFilter() {
        runner.withUserConfiguration(OwnWebFilter.class).run(context -> {
            assertThat(context).hasSingleBean(BulwarkWebFilter.class);
            assertThat(context.getBean(BulwarkWebFilter.class).getOrder()).isEqualTo(42);
        });
    }

    @Test
    void addsHealthIndicatorAndMetricsAsInAServletApplication() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(BulwarkHealthIndicator.class);
            assertThat(context).hasSingleBean(BulwarkMetrics.class);
        });
    }

    @Test
    void refusesToStartAReactiveApplicationWithoutTheWebFluxAdapter() {
        runner.withClassLoader(new FilteredClassLoader(BulwarkWebFilter.class)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("dev.bulwark:bulwark-webflux is not on the classpath")
                    .hasMessageContaining("bulwark.enabled=false");
        });
    }

    @Test
    void startsWithoutTheAdapterWhenDisabled() {
        runner.withClassLoader(new FilteredClassLoader(BulwarkWebFilter.class))
                .withPropertyValues("bulwark.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(Bulwark.class);
                });
    }

    @Test
    void contributesNothingWhenDisabled() {
        runner.withPropertyValues("bulwark.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BulwarkWebFilter.class);
            assertThat(context).doesNotHaveBean(Bulwark.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnWebFilter {
        @Bean
        BulwarkWebFilter myWebFilter() {
            return BulwarkWebFilter.builder(Bulwark.create(BulwarkConfig.defaults())).order(42).build();
        }
    }

    @Test
    void failsStartUpWithThePropertyOfWhatOnlyBuildingTheEngineFinds() {
        // The starter's tests run without the optional validator, which only building the engine finds missing.
        runner.withPropertyValues("bulwark.openapi.specs[0].location=classpath:openapi.yaml").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("bulwark.openapi: OpenAPI enforcement needs com.atlassian.oai:"
                            + "swagger-request-validator-core");
        });
    }

    @Test
    void tellsDecisionListenerBeansAboutDecisions() {
        runner.withUserConfiguration(RecordingListener.class).run(context -> {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders"));

            context.getBean(BulwarkWebFilter.class).filter(exchange, passed -> Mono.empty()).block(Duration.ofSeconds(5));

            assertThat(context.getBean(RecordingListener.class).heard).containsExactly(false);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingListener {
        final List<Boolean> heard = new CopyOnWriteArrayList<>();

        @Bean
        DecisionListener recordingListener() {
            return (decision, time) -> heard.add(decision.blocked());
        }
    }
}
