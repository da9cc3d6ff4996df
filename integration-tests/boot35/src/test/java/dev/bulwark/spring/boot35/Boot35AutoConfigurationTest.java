package dev.bulwark.spring.boot35;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.servlet.BulwarkFilter;
import dev.bulwark.spring.BulwarkAutoConfiguration;
import dev.bulwark.spring.BulwarkBootLineCheck;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

/** The starter's auto-configuration on Spring Boot 3.5, whose health and filter conditions live elsewhere than 4's. */
class Boot35AutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BulwarkBootLineCheck.class, BulwarkAutoConfiguration.class));

    @Test
    void runsOnSpringBoot35() {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(BulwarkBootLineCheck.class));
    }

    @Test
    void registersTheFilterForEveryUrlOnRequestDispatches() {
        runner.run(context -> {
            FilterRegistrationBean<BulwarkFilter> registration = registration(context);
            assertThat(registration.getFilter().bulwark()).isSameAs(context.getBean(Bulwark.class));
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
            assertThat(registration.determineDispatcherTypes()).containsExactly(DispatcherType.REQUEST);
        });
    }

    @Test
    void backsOffWhenTheApplicationRegistersTheFilterItself() {
        runner.withUserConfiguration(OwnRegistration.class).run(context -> {
            assertThat(context).getBeans(FilterRegistrationBean.class).containsOnlyKeys("ownRegistration");
            assertThat(registration(context).getOrder()).isEqualTo(42);
        });
    }

    @Test
    void contributesTheHealthIndicatorOfSpringBoot3() {
        runner.run(context -> {
            HealthIndicator indicator = context.getBean("bulwarkHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health().getDetails()).containsEntry("mode", "block")
                    .containsEntry("denyRulesLevel", "standard");
        });
    }

    @Test
    void contributesNoHealthIndicatorWhenItIsSwitchedOff() {
        runner.withPropertyValues("management.health.bulwark.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("bulwarkHealthIndicator"));
    }

    @SuppressWarnings("unchecked")
    private static FilterRegistrationBean<BulwarkFilter> registration(ApplicationContext context) {
        String[] names = context.getBeanNamesForType(
                ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, BulwarkFilter.class));
        assertThat(names).hasSize(1);
        return context.getBean(names[0], FilterRegistrationBean.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistration {
        @Bean
        FilterRegistrationBean<BulwarkFilter> ownRegistration(Bulwark bulwark) {
            FilterRegistrationBean<BulwarkFilter> registration = new FilterRegistrationBean<>(BulwarkFilter.create(bulwark));
            registration.setOrder(42);
            return registration;
        }
    }
}
