package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spring.security.BulwarkAccessDeniedHandler;
import dev.bulwark.spring.security.BulwarkAuthenticationConverter;
import dev.bulwark.spring.security.BulwarkAuthenticationEntryPoint;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** When the starter contributes its Spring Security beans, and when it stops start-up. */
class SpringSecurityAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BulwarkBootLineCheck.class, BulwarkAutoConfiguration.class));

    @Test
    void contributesTheConverterAndTheProblemAnswersWithSpringSecurityOnTheClasspath() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(BulwarkAuthenticationConverter.class);
            assertThat(context).hasSingleBean(BulwarkAuthenticationEntryPoint.class);
            assertThat(context).hasSingleBean(BulwarkAccessDeniedHandler.class);
        });
    }

    @Test
    void contributesNoConverterButKeepsTheProblemAnswersWhenSwitchedOff() {
        runner.withPropertyValues("bulwark.spring-security.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BulwarkAuthenticationConverter.class);
            assertThat(context).hasSingleBean(BulwarkAuthenticationEntryPoint.class);
            assertThat(context).hasSingleBean(BulwarkAccessDeniedHandler.class);
        });
    }

    @Test
    void contributesNoSpringSecurityBeansWithoutSpringSecurity() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.security")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BulwarkAuthenticationConverter.class);
        });
    }

    @Test
    void usesTheApplicationsOwnConverter() {
        BulwarkAuthenticationConverter own = decision -> null;
        runner.withBean(BulwarkAuthenticationConverter.class, () -> own)
                .run(context -> assertThat(context.getBean(BulwarkAuthenticationConverter.class)).isSameAs(own));
    }

    @Test
    void failsStartUpOnAMisspeltSpringSecurityProperty() {
        runner.withPropertyValues("bulwark.spring-security.enabeld=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("bulwark.spring-security.enabeld");
        });
    }

    @Test
    void checksTheSpringBootLineAtStartUp() {
        runner.run(context -> assertThat(context).hasSingleBean(BulwarkBootLineCheck.class));
    }
}
