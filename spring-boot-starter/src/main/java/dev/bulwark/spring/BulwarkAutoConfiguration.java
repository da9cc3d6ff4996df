package dev.bulwark.spring;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Check;
import dev.bulwark.core.DecisionListener;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.suggest.SuggestionCollector;
import dev.bulwark.servlet.BulwarkFilter;
import dev.bulwark.spring.internal.BlockCounts;
import dev.bulwark.spring.internal.BulwarkEndpoint;
import dev.bulwark.spring.internal.BulwarkHealthIndicator;
import dev.bulwark.spring.internal.BulwarkMetrics;
import dev.bulwark.spring.internal.MultipartLimitsWarning;
import dev.bulwark.spring.internal.SuggestionRecorder;
import dev.bulwark.spring.internal.UnprotectedEndpointWarning;
import dev.bulwark.spring.internal.boot3.Boot3HealthConfiguration;
import dev.bulwark.spring.security.BulwarkAccessDeniedHandler;
import dev.bulwark.spring.security.BulwarkAuthenticationConverter;
import dev.bulwark.spring.security.BulwarkAuthenticationEntryPoint;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Puts Bulwark in front of a servlet web application: the configuration from {@code bulwark.*}
 * (the keys of {@link dev.bulwark.core.config.ConfigSchema}), the engine, and the filter, registered for every URL on
 * {@code REQUEST} dispatches before any filter that reads the body and before Spring Security's
 * filter chain (see {@link BulwarkProperties#DEFAULT_FILTER_ORDER}). With Actuator it adds the
 * {@code bulwark} health indicator and endpoint (its values masked unless
 * {@link BulwarkEndpointProperties show-values} allows them); with Micrometer, the
 * {@code bulwark.requests}, {@code bulwark.blocks} and {@code bulwark.inspection} meters.
 *
 * <p>Each bean backs off when the application defines its own: a {@link BulwarkConfig} to skip the
 * properties, a {@link Bulwark} to build the engine differently, or a {@link BulwarkFilter} (or a
 * {@link FilterRegistrationBean} of one) to register the filter differently. Beans of type
 * {@link BulwarkConfigCustomizer} change the configuration, {@link Check} beans are added to the
 * engine after the built-in checks, and {@link DecisionListener} beans hear about every decision;
 * all in {@link org.springframework.core.annotation.Order order}.
 *
 * <p>With Spring Security, a token Bulwark verified becomes the request's authentication (see
 * {@link dev.bulwark.spring.security.BulwarkHttpConfigurer}; {@code bulwark.spring-security.*}), and
 * the {@link BulwarkAuthenticationEntryPoint} and {@link BulwarkAccessDeniedHandler} beans answer
 * Spring Security's 401 and 403 as Bulwark answers its own, for the application to plug in.
 *
 * <p>It works on Spring Boot 3.5 and 4: the classes that moved between the lines (health) are
 * chosen by name, each line's in a configuration of its own; {@link BulwarkBootLineCheck} stops
 * start-up on any other line. {@code bulwark.enabled=false} switches all of it off.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(BulwarkFilter.class)
@ConditionalOnProperty(prefix = "bulwark", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BulwarkProperties.class)
@Import(BulwarkEngineConfiguration.class)
public class BulwarkAutoConfiguration {

    /** The name of the filter's registration, and of the filter in the servlet context. */
    public static final String FILTER_NAME = "bulwarkFilter";

    static final String BOOT4_HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";
    static final String BOOT4_HEALTH_CONDITION =
            "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator";
    static final String BOOT3_HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
    static final String BOOT3_HEALTH_CONDITION =
            "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator";
    /** A class of Spring Security's configuration, where {@code HttpSecurity} is built. */
    static final String SPRING_SECURITY_CONFIG = "org.springframework.security.config.annotation.web.builders.HttpSecurity";
    /** A class of Spring Security's web support, present whenever it can protect requests. */
    static final String SPRING_SECURITY_WEB = "org.springframework.security.web.SecurityFilterChain";

    /**
     * The filter for every URL, on {@code REQUEST} dispatches only (the filter passes later
     * dispatches of an inspected request through anyway), at {@code bulwark.filter-order}.
     */
    @Bean
    // What Boot's ConditionalOnMissingFilterBean says, spelled so that it works on Boot 3.5 and 4,
    // where that annotation lives in different packages.
    @ConditionalOnMissingBean(value = BulwarkFilter.class, parameterizedContainer = FilterRegistrationBean.class)
    public FilterRegistrationBean<BulwarkFilter> bulwarkFilterRegistration(Bulwark bulwark,
            BulwarkProperties properties, ObjectProvider<DecisionListener> listeners) {
        BulwarkFilter.Builder filter = BulwarkFilter.builder(bulwark);
        listeners.orderedStream().forEach(filter::listener);
        FilterRegistrationBean<BulwarkFilter> registration = new FilterRegistrationBean<>(filter.build());
        registration.setName(FILTER_NAME);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(properties.getFilterOrder());
        return registration;
    }

    /**
     * Warns at start-up when Spring's multipart limits are lower than the largest part or body
     * Bulwark allows (see {@link MultipartLimitsWarning}: warned, not aligned).
     */
    @Bean
    @ConditionalOnMissingBean
    MultipartLimitsWarning bulwarkMultipartLimitsWarning(BulwarkConfig config, Environment environment) {
        return new MultipartLimitsWarning(config, environment);
    }

    /** The health indicator on Spring Boot 4, where health has a module of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {BOOT4_HEALTH_INDICATOR, BOOT4_HEALTH_CONDITION})
    static class Boot4HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "bulwarkHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("bulwark")
        BulwarkHealthIndicator bulwarkHealthIndicator(Bulwark bulwark) {
            return new BulwarkHealthIndicator(bulwark);
        }
    }

    /** The health indicator on Spring Boot 3, where health is part of Actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {BOOT3_HEALTH_INDICATOR, BOOT3_HEALTH_CONDITION})
    @Import(Boot3HealthConfiguration.class)
    static class Boot3HealthImport {
    }

    /**
     * Spring Security and Bulwark together: the {@link BulwarkAuthenticationConverter} that
     * {@link dev.bulwark.spring.security.BulwarkHttpConfigurer} uses (when {@code bulwark.jwt} names
     * an issuer) to make a verified token the request's authentication, and the entry point and
     * access-denied handler that answer like Bulwark. {@code bulwark.spring-security.enabled=false}
     * leaves Spring Security's authentication alone; the entry point and the handler stay, as an
     * application may have plugged them in.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {SPRING_SECURITY_CONFIG, SPRING_SECURITY_WEB})
    static class SpringSecurityConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = "bulwark.spring-security", name = "enabled", matchIfMissing = true)
        BulwarkAuthenticationConverter bulwarkAuthenticationConverter(BulwarkProperties properties) {
            BulwarkProperties.SpringSecurity security = properties.getSpringSecurity();
            return BulwarkAuthenticationConverter.scopes(security.getAuthoritiesClaimName(), security.getAuthorityPrefix());
        }

        @Bean
        @ConditionalOnMissingBean
        BulwarkAuthenticationEntryPoint bulwarkAuthenticationEntryPoint(Bulwark bulwark) {
            return new BulwarkAuthenticationEntryPoint(bulwark);
        }

        @Bean
        @ConditionalOnMissingBean
        BulwarkAccessDeniedHandler bulwarkAccessDeniedHandler(Bulwark bulwark) {
            return new BulwarkAccessDeniedHandler(bulwark);
        }
    }

    /**
     * The {@code bulwark} endpoint, following Spring Boot's rules for endpoints that reveal how an
     * application is set up: off the web unless exposed, values masked unless
     * {@code management.endpoint.bulwark.show-values} says otherwise, and a warning at start-up
     * when it is exposed over HTTP without Spring Security to protect it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    @EnableConfigurationProperties(BulwarkEndpointProperties.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(BulwarkEndpoint.class)
        BlockCounts bulwarkBlockCounts() {
            return new BlockCounts();
        }

        /** The findings seen in log-only mode, within {@code management.endpoint.bulwark.suggestions.max-locations}. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(BulwarkEndpoint.class)
        SuggestionCollector bulwarkSuggestionCollector(BulwarkEndpointProperties properties) {
            return SuggestionCollector.create(properties.getSuggestions().getMaxLocations());
        }

        /** Records findings with the handler pattern, right after Bulwark's filter; only in log-only mode. */
        @Bean
        @ConditionalOnAvailableEndpoint(BulwarkEndpoint.class)
        FilterRegistrationBean<SuggestionRecorder> bulwarkSuggestionRecorder(SuggestionCollector collector,
                BulwarkConfig config, BulwarkProperties properties) {
            FilterRegistrationBean<SuggestionRecorder> registration =
                    new FilterRegistrationBean<>(new SuggestionRecorder(collector, config));
            registration.setName("bulwarkSuggestionRecorder");
            registration.addUrlPatterns("/*");
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            registration.setOrder(properties.getFilterOrder() == Integer.MAX_VALUE ? Integer.MAX_VALUE
                    : properties.getFilterOrder() + 1);
            registration.setEnabled(config.mode() == Mode.LOG_ONLY);
            return registration;
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        BulwarkEndpoint bulwarkEndpoint(Bulwark bulwark, BlockCounts counts, BulwarkEndpointProperties properties,
                SuggestionCollector suggestions) {
            return new BulwarkEndpoint(bulwark, counts, properties.getShowValues(), properties.getRoles(), suggestions);
        }

        @Bean
        @ConditionalOnAvailableEndpoint(endpoint = BulwarkEndpoint.class, exposure = EndpointExposure.WEB)
        @ConditionalOnMissingClass(SPRING_SECURITY_WEB)
        UnprotectedEndpointWarning bulwarkUnprotectedEndpointWarning(BulwarkEndpointProperties properties) {
            return new UnprotectedEndpointWarning(properties.getShowValues());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        BulwarkMetrics bulwarkMetrics(Bulwark bulwark) {
            return new BulwarkMetrics(bulwark);
        }
    }
}
