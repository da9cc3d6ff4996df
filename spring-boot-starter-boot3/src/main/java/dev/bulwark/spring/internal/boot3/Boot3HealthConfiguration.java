package dev.bulwark.spring.internal.boot3;

import dev.bulwark.core.Bulwark;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code bulwark} health indicator on Spring Boot 3, where health lives in
 * {@code org.springframework.boot.actuate.health}. Imported by the starter's auto-configuration
 * only when that package is present.
 */
@Configuration(proxyBeanMethods = false)
public class Boot3HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "bulwarkHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("bulwark")
    Boot3HealthIndicator bulwarkHealthIndicator(Bulwark bulwark) {
        return new Boot3HealthIndicator(bulwark);
    }
}
