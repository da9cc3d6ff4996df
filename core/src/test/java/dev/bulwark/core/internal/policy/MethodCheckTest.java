package dev.bulwark.core.internal.policy;

import static dev.bulwark.core.internal.policy.ClientIpResolverTest.evaluate;
import static dev.bulwark.core.internal.policy.ClientIpResolverTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Decision;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MethodCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "TRACK", "CONNECT", "PROPFIND", "get", "DEBUG"})
    void refusesMethodsOutsideTheStandardOnesByDefault(String method) {
        Decision decision = evaluate(BulwarkConfig.defaults(), request("192.0.2.1").method(method));

        assertThat(decision.status()).isEqualTo(405);
        assertThat(decision.blockType()).isEqualTo(BlockType.ALLOW_RULE);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("METHOD-NOT-ALLOWED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    void allowsTheStandardMethodsByDefault(String method) {
        assertThat(evaluate(BulwarkConfig.defaults(), request("192.0.2.1").method(method)).allowed()).isTrue();
    }

    @Test
    void namesTheAllowedMethodsInTheBlockResponse() {
        Decision decision = evaluate(ConfigLoader.fromYaml("allowed-methods: [GET, POST]"), request("192.0.2.1").method("PUT"));

        assertThat(decision.headerChanges().responseHeaders()).containsEntry("Allow", "GET, POST");
    }

    @Test
    void allowsEveryMethodWhenConfiguredSo() {
        assertThat(evaluate(ConfigLoader.fromYaml("allowed-methods: any"), request("192.0.2.1").method("PROPFIND")).allowed())
                .isTrue();
    }

    @Test
    void routeMethodsReplaceTheGlobalOnes() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                routes:
                  - when: {path: {prefix: /dav/}}
                    allowed-methods: [GET, PROPFIND]
                """);

        assertThat(evaluate(config, request("192.0.2.1").method("PROPFIND").target("/dav/a")).allowed()).isTrue();
        assertThat(evaluate(config, request("192.0.2.1").method("POST").target("/dav/a")).blocked()).isTrue();
        assertThat(evaluate(config, request("192.0.2.1").method("PROPFIND").target("/a")).blocked()).isTrue();
    }

    @Test
    void logsOnlyInLogOnlyMode() {
        Decision decision = evaluate(ConfigLoader.fromYaml("mode: log-only"), request("192.0.2.1").method("TRACE"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).hasSize(1);
    }
}
