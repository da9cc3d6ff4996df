package dev.bulwark.core.internal.policy;

import static dev.bulwark.core.internal.policy.ClientIpResolverTest.evaluate;
import static dev.bulwark.core.internal.policy.ClientIpResolverTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class IpRuleCheckTest {

    private static final BulwarkConfig DENY = ConfigLoader.fromYaml("ip-rules: {deny: [203.0.113.0/24, '2001:db8::/32']}");
    private static final BulwarkConfig ALLOW = ConfigLoader.fromYaml("ip-rules: {allow: [10.0.0.0/8], deny: [10.6.6.6]}");

    @Test
    void blocksClientOnTheDenyListWith403() {
        Decision decision = evaluate(DENY, request("203.0.113.9"));

        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.blockType()).isEqualTo(BlockType.IP_RULE);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("IP-DENIED");
    }

    @Test
    void blocksIpv6AndIpv4MappedClientsOnTheDenyList() {
        assertThat(evaluate(DENY, request("2001:db8::42")).blocked()).isTrue();
        assertThat(evaluate(DENY, request("::ffff:203.0.113.9")).blocked()).isTrue();
    }

    @Test
    void allowsClientOutsideTheDenyList() {
        assertThat(evaluate(DENY, request("198.51.100.7")).allowed()).isTrue();
    }

    @Test
    void blocksClientOutsideTheAllowList() {
        Decision decision = evaluate(ALLOW, request("198.51.100.7"));

        assertThat(decision.blockType()).isEqualTo(BlockType.IP_RULE);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("IP-NOT-ALLOWED");
    }

    @Test
    void allowsClientOnTheAllowList() {
        assertThat(evaluate(ALLOW, request("10.1.2.3")).allowed()).isTrue();
    }

    @Test
    void denyWinsOverAllow() {
        assertThat(evaluate(ALLOW, request("10.6.6.6")).blocked()).isTrue();
    }

    @Test
    void blocksUnreadableClientAddressWhenAnAllowListIsGiven() {
        assertThat(evaluate(ALLOW, request("")).blocked()).isTrue();
        assertThat(evaluate(DENY, request("")).allowed()).isTrue();
    }

    @Test
    void judgesTheResolvedAddressNotTheForgedOne() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip: {source: x-forwarded-for, trusted-proxies: [192.0.2.0/24]}
                ip-rules: {allow: [10.0.0.0/8]}
                """);

        assertThat(evaluate(config, request("198.51.100.7").header("X-Forwarded-For", "10.0.0.5")).blocked()).isTrue();
        assertThat(evaluate(config, request("192.0.2.1").header("X-Forwarded-For", "10.0.0.5")).allowed()).isTrue();
        assertThat(evaluate(config, request("192.0.2.1").header("X-Forwarded-For", "10.0.0.5, 198.51.100.7")).blocked()).isTrue();
    }

    @Test
    void routeAllowListReplacesTheGlobalOne() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                ip-rules: {allow: [10.0.0.0/8]}
                routes:
                  - when: {path: {prefix: /public/}}
                    ip-rules: {allow: []}
                """);

        assertThat(evaluate(config, request("198.51.100.7").target("/public/a")).allowed()).isTrue();
        assertThat(evaluate(config, request("198.51.100.7").target("/private")).blocked()).isTrue();
    }

    @Test
    void routeDenyListAddsToTheGlobalOne() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                ip-rules: {deny: [203.0.113.0/24]}
                routes:
                  - when: {path: {prefix: /admin/}}
                    ip-rules: {deny: [198.51.100.0/24]}
                """);

        assertThat(evaluate(config, request("198.51.100.7").target("/admin/x")).blocked()).isTrue();
        assertThat(evaluate(config, request("203.0.113.9").target("/admin/x")).blocked()).isTrue();
        assertThat(evaluate(config, request("198.51.100.7").target("/shop")).allowed()).isTrue();
    }

    @Test
    void logsOnlyInLogOnlyMode() {
        BulwarkConfig config = ConfigLoader.fromYaml("ip-rules: {deny: [203.0.113.0/24], mode: log-only}");

        Decision decision = evaluate(config, request("203.0.113.9"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).singleElement().extracting(f -> f.mode()).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void routeModeOverridesTheSectionMode() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                ip-rules: {deny: [203.0.113.0/24], mode: log-only}
                routes:
                  - when: {path: {prefix: /admin/}}
                    ip-rules: {mode: block}
                """);

        assertThat(evaluate(config, request("203.0.113.9").target("/admin/x")).blocked()).isTrue();
        assertThat(evaluate(config, request("203.0.113.9").target("/shop")).allowed()).isTrue();
    }
}
