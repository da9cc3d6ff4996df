package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.StringMatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * One key, every way a service writes it: a Bulwark YAML file, application.yml,
 * application.properties with relaxed names, and environment variables. All reach the same
 * configuration, and a bad value names its key in the spelling it was written in.
 */
class ConfigurationSpellingsTest {

    private static final WebApplicationContextRunner RUNNER = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BulwarkAutoConfiguration.class))
            .withBean(Bulwark.class, () -> Bulwark.create(BulwarkConfig.defaults()));

    @Test
    void readsTheLevelFromABulwarkYamlFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("bulwark.yaml");
        Files.writeString(file, "deny-rules:\n  level: strict\n", StandardCharsets.UTF_8);

        withConfig(RUNNER.withPropertyValues("bulwark.config-file=" + file),
                config -> assertThat(config.denyRules().level()).isEqualTo(Level.STRICT));
    }

    @Test
    void readsTheLevelFromApplicationYml() {
        withConfig(RUNNER.withInitializer(Yaml.properties("bulwark:\n  deny-rules:\n    level: strict\n")),
                config -> assertThat(config.denyRules().level()).isEqualTo(Level.STRICT));
    }

    @Test
    void readsRelaxedNamesFromApplicationProperties() {
        withConfig(RUNNER.withPropertyValues("bulwark.denyRules.level=strict", "bulwark.limits.json.keys_per_object=10",
                        "bulwark.allowed-methods=GET,POST", "bulwark.routes[0].when.path.prefix=/admin/"),
                config -> {
                    assertThat(config.denyRules().level()).isEqualTo(Level.STRICT);
                    assertThat(config.limits().jsonKeysPerObject()).isEqualTo(10);
                    assertThat(config.allowedMethods().methods()).containsExactly("GET", "POST");
                    assertThat(config.routes().get(0).when().path()).isEqualTo(StringMatcher.prefix("/admin/"));
                });
    }

    @Test
    void readsEnvironmentVariables() {
        withConfig(RUNNER.withInitializer(environment(Map.of("BULWARK_DENY_RULES_LEVEL", "strict",
                        "BULWARK_LIMITS_JSON_KEYSPEROBJECT", "10", "BULWARK_ROUTES_0_WHEN_PATH", "/health"))),
                config -> {
                    assertThat(config.denyRules().level()).isEqualTo(Level.STRICT);
                    assertThat(config.limits().jsonKeysPerObject()).isEqualTo(10);
                    assertThat(config.routes().get(0).when().path()).isEqualTo(StringMatcher.exact("/health"));
                });
    }

    @Test
    void letsAnEnvironmentVariableChangeOneFieldOfARouteKeyedByName() {
        withConfig(RUNNER.withInitializer(Yaml.properties("""
                        bulwark:
                          routes:
                            admin: {when: {path: {prefix: /admin/}}, mode: block}
                            api: {when: {path: {prefix: /api/}}}
                        """)).withInitializer(environment(Map.of("BULWARK_ROUTES_ADMIN_MODE", "log-only"))),
                config -> {
                    assertThat(config.routes()).hasSize(2);
                    assertThat(config.routes().get(0).mode()).isEqualTo(Mode.LOG_ONLY);
                    assertThat(config.routes().get(0).when().path()).isEqualTo(StringMatcher.prefix("/admin/"));
                });
    }

    @Test
    void takesAnIndexedListWholeFromTheSourceThatRanksHighest() {
        withConfig(RUNNER.withInitializer(Yaml.properties("""
                        bulwark:
                          allowed-methods: [GET, POST, DELETE]
                          routes:
                            - when: {path: /a}
                            - when: {path: /b}
                        """)).withInitializer(environment(Map.of("BULWARK_ALLOWEDMETHODS", "GET",
                        "BULWARK_ROUTES_0_WHEN_PATH", "/c"))),
                config -> {
                    assertThat(config.allowedMethods().methods()).containsExactly("GET");
                    assertThat(config.routes()).hasSize(1);
                    assertThat(config.routes().get(0).when().path()).isEqualTo(StringMatcher.exact("/c"));
                });
    }

    @Test
    void resolvesPlaceholders() {
        withConfig(RUNNER.withPropertyValues("bulwark.deny-rules.level=${notes.level}", "notes.level=basic"),
                config -> assertThat(config.denyRules().level()).isEqualTo(Level.BASIC));
    }

    @Test
    void namesTheApplicationPropertyOfABadValue() {
        RUNNER.withPropertyValues("bulwark.deny-rules.level=paranoid").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("bulwark.deny-rules.level: unknown value 'paranoid'"));
    }

    @Test
    void namesTheApplicationPropertyOfAnUnknownKey() {
        RUNNER.withPropertyValues("bulwark.limits.json.width=3").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("bulwark.limits.json.width: unknown key 'width'"));
    }

    @Test
    void namesTheKeyOfABadValueInARouteKeyedByName() {
        RUNNER.withPropertyValues("bulwark.routes.admin.when.path=/admin", "bulwark.routes.admin.mode=sometimes")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("bulwark.routes.admin.mode: unknown value 'sometimes'"));
    }

    private static void withConfig(WebApplicationContextRunner runner, Consumer<BulwarkConfig> assertions) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertions.accept(context.getBean(BulwarkConfig.class));
        });
    }

    /** Environment variables, as the process environment would hold them, ahead of application.yml as in an application. */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> environment(Map<String, Object> variables) {
        return context -> {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
            sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    variables));
        };
    }
}
