package dev.bulwark.spring;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.DecisionListener;
import dev.bulwark.webflux.BulwarkWebFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Puts Bulwark in front of a reactive (WebFlux) web application, from the same {@code bulwark.*}
 * properties as a servlet one: the configuration, the engine, and a {@link BulwarkWebFilter} at
 * {@code bulwark.filter-order} (default {@link BulwarkProperties#DEFAULT_FILTER_ORDER}, before
 * Spring Security's {@code WebFilterChainProxy} at -100). Health indicator, endpoint and metrics
 * are those of {@link BulwarkAutoConfiguration}, under the same conditions.
 *
 * <p>Each bean backs off when the application defines its own: a
 * {@link dev.bulwark.core.config.BulwarkConfig}, a {@link Bulwark}, or a {@link BulwarkWebFilter}.
 * {@link DecisionListener} beans (the starter's metrics are one) hear about every decision, in
 * {@link org.springframework.core.annotation.Order order}, as in a servlet application.
 *
 * <p><b>Fail closed:</b> a reactive application without {@code dev.bulwark:bulwark-webflux} on its
 * classpath (the starter brings it; an exclusion removes it) would run unprotected, so it does not
 * start. {@code bulwark.enabled=false} switches all of it off, that refusal included.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(prefix = "bulwark", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BulwarkProperties.class)
public class BulwarkReactiveAutoConfiguration {

    /** The class whose absence means the reactive adapter is missing. */
    static final String WEB_FILTER_CLASS = "dev.bulwark.webflux.BulwarkWebFilter";

    /** Why a reactive application without the adapter does not start. */
    static final String MISSING_ADAPTER = "Bulwark cannot protect this reactive web application: "
            + "dev.bulwark:bulwark-webflux is not on the classpath, and without it every request would reach the "
            + "application uninspected. Add dev.bulwark:bulwark-webflux (the starter depends on it; check for an "
            + "exclusion), or set bulwark.enabled=false to run without Bulwark.";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = WEB_FILTER_CLASS)
    @Import({BulwarkEngineConfiguration.class, BulwarkAutoConfiguration.Boot4HealthConfiguration.class,
            BulwarkAutoConfiguration.Boot3HealthImport.class,
            BulwarkAutoConfiguration.EndpointConfiguration.class, BulwarkAutoConfiguration.MetricsConfiguration.class})
    static class WebFilterConfiguration {

        /** The filter for every request, at {@code bulwark.filter-order}. */
        @Bean
        @ConditionalOnMissingBean
        BulwarkWebFilter bulwarkWebFilter(Bulwark bulwark, BulwarkProperties properties,
                ObjectProvider<DecisionListener> listeners) {
            BulwarkWebFilter.Builder filter = BulwarkWebFilter.builder(bulwark).order(properties.getFilterOrder());
            listeners.orderedStream().forEach(filter::listener);
            return filter.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(WEB_FILTER_CLASS)
    static class MissingAdapterConfiguration {

        @Bean
        Object bulwarkRefusesToLeaveReactiveApplicationUnprotected() {
            throw new IllegalStateException(MISSING_ADAPTER);
        }
    }
}
