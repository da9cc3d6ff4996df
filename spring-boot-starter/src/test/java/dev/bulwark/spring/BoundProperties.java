package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.config.BulwarkConfig;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Binds {@code bulwark.*} through the auto-configuration and compares the configuration it builds.
 * The mapping tests share it so that they all bind the same way.
 */
final class BoundProperties {

    /** The engine is replaced so that specs, key sources and files named in the properties need not exist. */
    static final WebApplicationContextRunner RUNNER = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BulwarkAutoConfiguration.class))
            .withBean(Bulwark.class, () -> Bulwark.create(BulwarkConfig.defaults()));

    private BoundProperties() {
    }

    /** Binds the text as application.yml and hands the configuration it built to the assertions. */
    static void withYaml(String yaml, Consumer<BulwarkConfig> assertions) {
        RUNNER.withInitializer(Yaml.properties(yaml)).run(context -> {
            assertThat(context).hasNotFailed();
            assertions.accept(context.getBean(BulwarkConfig.class));
        });
    }

    /** The keys indented under {@code bulwark:}. */
    static String bulwark(String keys) {
        return "bulwark:\n" + keys.lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
    }

    /** Compares section by section, so that a failure names the section that differs. */
    static void assertSameSections(BulwarkConfig actual, BulwarkConfig expected) {
        assertThat(actual.mode()).as("mode").isEqualTo(expected.mode());
        assertThat(actual.limits()).as("limits").isEqualTo(expected.limits());
        assertThat(actual.decodingPasses()).as("decoding").isEqualTo(expected.decodingPasses());
        assertThat(actual.uninspectable()).as("uninspectable").isEqualTo(expected.uninspectable());
        assertThat(actual.denyRules()).as("deny-rules").isEqualTo(expected.denyRules());
        assertThat(actual.jwt()).as("jwt").isEqualTo(expected.jwt());
        assertThat(actual.openapi()).as("openapi").isEqualTo(expected.openapi());
        assertThat(actual.allowedMethods()).as("allowed-methods").isEqualTo(expected.allowedMethods());
        assertThat(actual.methodOverride()).as("method-override").isEqualTo(expected.methodOverride());
        assertThat(actual.allowRules()).as("allow-rules").isEqualTo(expected.allowRules());
        assertThat(actual.headers()).as("headers").isEqualTo(expected.headers());
        assertThat(actual.csrf()).as("csrf").isEqualTo(expected.csrf());
        assertThat(actual.clientIp()).as("client-ip").isEqualTo(expected.clientIp());
        assertThat(actual.ipRules()).as("ip-rules").isEqualTo(expected.ipRules());
        assertThat(actual.blockResponses()).as("block-responses").isEqualTo(expected.blockResponses());
        assertThat(actual.routes()).as("routes").isEqualTo(expected.routes());
    }
}
