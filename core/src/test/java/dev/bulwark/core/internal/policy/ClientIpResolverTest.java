package dev.bulwark.core.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {

    private static final BulwarkConfig BEHIND_PROXIES = ConfigLoader.fromYaml("""
            client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
            """);

    @Test
    void usesTheConnectionAddressByDefault() {
        Decision decision = evaluate(BulwarkConfig.defaults(), request("198.51.100.7").header("X-Forwarded-For", "203.0.113.9"));

        assertThat(client(decision)).isEqualTo("198.51.100.7");
    }

    @Test
    void takesTheAddressTheTrustedProxyAppended() {
        Decision decision = evaluate(BEHIND_PROXIES, request("10.0.0.1").header("X-Forwarded-For", "203.0.113.9"));

        assertThat(client(decision)).isEqualTo("203.0.113.9");
    }

    @Test
    void ignoresForgedForwardedForFromUntrustedPeer() {
        Decision decision = evaluate(BEHIND_PROXIES, request("198.51.100.7").header("X-Forwarded-For", "10.0.0.5"));

        assertThat(client(decision)).isEqualTo("198.51.100.7");
    }

    @Test
    void skipsForgedEntriesLeftOfTheFirstUntrustedAddress() {
        Decision decision = evaluate(BEHIND_PROXIES,
                request("10.0.0.1").header("X-Forwarded-For", "10.9.9.9, 192.0.2.1, 203.0.113.9, 10.0.0.2"));

        assertThat(client(decision)).isEqualTo("203.0.113.9");
    }

    @Test
    void countsEveryFieldLineWhateverTheCaseOfItsName() {
        Decision decision = evaluate(BEHIND_PROXIES, request("10.0.0.1")
                .header("x-forwarded-for", "10.9.9.9")
                .header("X-FORWARDED-FOR", "203.0.113.9"));

        assertThat(client(decision)).isEqualTo("203.0.113.9");
    }

    @Test
    void usesTheFarthestProxyWhenEveryEntryIsTrusted() {
        Decision decision = evaluate(BEHIND_PROXIES, request("10.0.0.1").header("X-Forwarded-For", "10.0.0.3, 10.0.0.2"));

        assertThat(client(decision)).isEqualTo("10.0.0.3");
    }

    @Test
    void usesTheConnectionAddressAndLogsWhenAnEntryIsMalformed() {
        Decision decision = evaluate(BEHIND_PROXIES, request("10.0.0.1").header("X-Forwarded-For", "unknown, 10.0.0.2"));

        assertThat(decision.allowed()).isTrue();
        assertThat(client(decision)).isEqualTo("10.0.0.1");
        Finding finding = decision.findings().get(0);
        assertThat(finding.ruleId()).isEqualTo("CLIENT-IP-MALFORMED");
        assertThat(finding.mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(finding.excerpt()).isEqualTo("unknown");
    }

    @Test
    void treatsAnEmptyEntryAsMalformed() {
        Decision decision = evaluate(BEHIND_PROXIES, request("10.0.0.1").header("X-Forwarded-For", "203.0.113.9,,"));

        assertThat(client(decision)).isEqualTo("10.0.0.1");
    }

    @Test
    void readsEntriesWithPortsAndBracketedIpv6() {
        assertThat(client(evaluate(BEHIND_PROXIES, request("10.0.0.1").header("X-Forwarded-For", "203.0.113.9:4711"))))
                .isEqualTo("203.0.113.9");
        assertThat(client(evaluate(BEHIND_PROXIES, request("10.0.0.1").header("X-Forwarded-For", "[2001:DB8::1]:4711"))))
                .isEqualTo("2001:db8::1");
    }

    @Test
    void takesTheNthAddressFromTheRightBehindTrustedHops() {
        BulwarkConfig config = ConfigLoader.fromYaml("client-ip: {source: x-forwarded-for, trusted-hops: 2}");

        Decision decision = evaluate(config, request("192.0.2.10").header("X-Forwarded-For", "6.6.6.6, 203.0.113.9, 192.0.2.20"));

        assertThat(client(decision)).isEqualTo("203.0.113.9");
    }

    @Test
    void takesTheLeftmostAddressWhenFewerEntriesThanHops() {
        BulwarkConfig config = ConfigLoader.fromYaml("client-ip: {source: x-forwarded-for, trusted-hops: 3}");

        assertThat(client(evaluate(config, request("192.0.2.10").header("X-Forwarded-For", "203.0.113.9"))))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void takesTheAddressFromTheConfiguredHeaderOfATrustedProxy() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip: {source: header, header: X-Client-IP, trusted-proxies: [10.0.0.0/8]}
                """);

        assertThat(client(evaluate(config, request("10.0.0.1").header("x-client-ip", "203.0.113.9"))))
                .isEqualTo("203.0.113.9");
        assertThat(client(evaluate(config, request("198.51.100.7").header("X-Client-IP", "203.0.113.9"))))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void blocksRequestWithoutRequiredHeader() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip: {source: header, header: X-Client-IP, required: true, trusted-proxies: [10.0.0.0/8]}
                """);

        Decision decision = evaluate(config, request("10.0.0.1"));

        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.blockType()).isEqualTo(BlockType.MALFORMED);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("CLIENT-IP-MISSING");
    }

    @Test
    void blocksRequestThatBypassedTheProxyWhenTheHeaderIsRequired() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip: {source: header, header: X-Client-IP, required: true, trusted-proxies: [10.0.0.0/8]}
                """);

        Decision decision = evaluate(config, request("198.51.100.7").header("X-Client-IP", "203.0.113.9"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("CLIENT-IP-UNTRUSTED-PEER");
    }

    @Test
    void refusesDuplicateRequiredHeader() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip: {source: header, header: X-Client-IP, required: true, trusted-proxies: [10.0.0.0/8]}
                """);

        Decision decision = evaluate(config, request("10.0.0.1")
                .header("X-Client-IP", "203.0.113.9").header("x-client-ip", "192.0.2.1"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("CLIENT-IP-AMBIGUOUS");
    }

    @Test
    void believesForwardedProtoOnlyFromATrustedProxy() {
        assertThat(evaluate(BEHIND_PROXIES, request("10.0.0.1").header("X-Forwarded-Proto", "https"))
                .attributes().get(Decision.CLIENT_SECURE_ATTRIBUTE)).isEqualTo(true);
        assertThat(evaluate(BEHIND_PROXIES, request("198.51.100.7").header("X-Forwarded-Proto", "https"))
                .attributes().get(Decision.CLIENT_SECURE_ATTRIBUTE)).isEqualTo(false);
    }

    @Test
    void routeConditionsUseTheResolvedAddress() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
                routes:
                  - when: {client-ips: [203.0.113.0/24]}
                    allowed-methods: [GET]
                """);

        assertThat(evaluate(config, request("10.0.0.1").method("POST").header("X-Forwarded-For", "203.0.113.9")).status())
                .isEqualTo(405);
        assertThat(evaluate(config, request("10.0.0.1").method("POST").header("X-Forwarded-For", "192.0.2.9")).allowed())
                .isTrue();
    }

    @Test
    void reportsTheResolvedAddressEvenWhenALimitBlocks() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
                limits: {parameters: {count: 1}}
                """);

        Decision decision = evaluate(config, request("10.0.0.1").target("/?a=1&b=2").header("X-Forwarded-For", "203.0.113.9"));

        assertThat(decision.blockType()).isEqualTo(BlockType.LIMIT);
        assertThat(client(decision)).isEqualTo("203.0.113.9");
    }

    @Test
    void readsOnlyIpLiterals() {
        assertThat(ClientIpResolver.literal(" 192.0.2.1 ")).isEqualTo("192.0.2.1");
        assertThat(ClientIpResolver.literal("::ffff:192.0.2.1")).isEqualTo("::ffff:192.0.2.1");
        assertThat(ClientIpResolver.literal("unknown")).isNull();
        assertThat(ClientIpResolver.literal("_hidden")).isNull();
        assertThat(ClientIpResolver.literal("example.com")).isNull();
        assertThat(ClientIpResolver.literal("192.0.2.0/24")).isNull();
        assertThat(ClientIpResolver.literal("fe80::1%eth0")).isNull();
        assertThat(ClientIpResolver.literal("192.0.2.1:")).isNull();
        assertThat(ClientIpResolver.literal("256.0.0.1")).isNull();
    }

    static HttpRequest.Builder request(String peer) {
        return HttpRequest.builder("GET", "/").remoteAddress(peer).header("Host", "service.example");
    }

    static Decision evaluate(BulwarkConfig config, HttpRequest.Builder request) {
        return Bulwark.create(config).evaluate(request.build());
    }

    private static Object client(Decision decision) {
        return decision.attributes().get(Decision.CLIENT_ADDRESS_ATTRIBUTE);
    }
}
