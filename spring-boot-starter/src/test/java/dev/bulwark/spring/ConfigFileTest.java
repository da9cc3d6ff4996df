package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.CustomRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** {@code bulwark.config-file} reads a Bulwark YAML file instead of the other properties. */
class ConfigFileTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BulwarkAutoConfiguration.class));

    @Test
    void readsAFileFromTheClasspath() {
        runner.withPropertyValues("bulwark.config-file=classpath:bulwark-test.yaml").run(context -> {
            assertThat(context).hasNotFailed();
            BulwarkConfig config = context.getBean(BulwarkConfig.class);
            assertThat(config.mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(config.denyRules().level()).isEqualTo(Level.STRICT);
            assertThat(config.denyRules().customRules()).extracting(CustomRule::id).containsExactly("CUSTOM-NO-DEBUG");
            assertThat(Exchanges.get(context, "/x", "debug=1").status()).isEqualTo(200);
        });
    }

    @Test
    void readsAFileFromTheFileSystem(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("bulwark.yaml");
        Files.writeString(file, "deny-rules: {level: basic}\n", StandardCharsets.UTF_8);

        runner.withPropertyValues("bulwark.config-file=" + file).run(context ->
                assertThat(context.getBean(BulwarkConfig.class).denyRules().level()).isEqualTo(Level.BASIC));
        runner.withPropertyValues("bulwark.config-file=file:" + file).run(context ->
                assertThat(context.getBean(BulwarkConfig.class).denyRules().level()).isEqualTo(Level.BASIC));
    }

    @Test
    void appliesCustomizersToTheFile() {
        runner.withPropertyValues("bulwark.config-file=classpath:bulwark-test.yaml")
                .withBean(BulwarkConfigCustomizer.class, () -> (builder, current) -> builder.mode(Mode.BLOCK))
                .run(context -> {
                    BulwarkConfig config = context.getBean(BulwarkConfig.class);
                    assertThat(config.mode()).isEqualTo(Mode.BLOCK);
                    assertThat(config.denyRules().level()).isEqualTo(Level.STRICT);
                });
    }

    @Test
    void refusesAFileTogetherWithOtherProperties() {
        runner.withPropertyValues("bulwark.config-file=classpath:bulwark-test.yaml", "bulwark.mode=block")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(BulwarkAutoConfigurationTest.rootCause(context.getStartupFailure()))
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessageStartingWith("bulwark.config-file: cannot be combined with other Bulwark properties; found [bulwark.mode]");
                });
    }

    @Test
    void allowsTheStarterSettingsBesideAFile() {
        runner.withPropertyValues("bulwark.config-file=classpath:bulwark-test.yaml", "bulwark.filter-order=3",
                        "bulwark.enabled=true")
                .run(context -> assertThat(Exchanges.registration(context).getOrder()).isEqualTo(3));
    }

    @Test
    void failsStartUpWhenTheFileIsMissing() {
        runner.withPropertyValues("bulwark.config-file=classpath:no-such.yaml").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(
                    "bulwark.config-file: cannot read 'classpath:no-such.yaml': no such file");
        });
    }

    @Test
    void failsStartUpNamingTheFileAndTheKeyOfABadValue() {
        runner.withPropertyValues("bulwark.config-file=classpath:bulwark-invalid.yaml").run(context -> {
            assertThat(context).hasFailed();
            assertThat(BulwarkAutoConfigurationTest.rootCause(context.getStartupFailure()))
                    .hasMessageStartingWith("bulwark.config-file: in 'classpath:bulwark-invalid.yaml': "
                            + "deny-rules.exceptions[0].parameter.name.exakt: unknown key 'exakt'");
        });
    }
}
