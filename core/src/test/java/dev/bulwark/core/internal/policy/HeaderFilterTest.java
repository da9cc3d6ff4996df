package dev.bulwark.core.internal.policy;

import static dev.bulwark.core.internal.policy.ClientIpResolverTest.evaluate;
import static dev.bulwark.core.internal.policy.ClientIpResolverTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Check;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderFilterTest {

    private static final BulwarkConfig BEHIND_PROXY = ConfigLoader.fromYaml("""
            client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
            headers: {request: {proxy-only: [X-Authenticated-User]}}
            """);

    @Test
    void hidesForwardingHeadersFromEveryoneByDefault() {
        Decision decision = evaluate(BulwarkConfig.defaults(), request("198.51.100.7")
                .header("X-Forwarded-For", "10.0.0.1").header("X-Forwarded-Proto", "https").header("Forwarded", "for=10.0.0.1")
                .header("X-Real-IP", "10.0.0.1").header("True-Client-IP", "10.0.0.1").header("X-Original-URL", "/admin"));

        assertThat(decision.headerChanges().removedRequestHeaders()).containsExactlyInAnyOrder("x-forwarded-for",
                "x-forwarded-proto", "forwarded", "x-real-ip", "true-client-ip", "x-original-url");
        assertThat(decision.findings()).isEmpty();
    }

    @Test
    void hidesEverySpellingOfAForwardingHeader() {
        Decision decision = evaluate(BulwarkConfig.defaults(), request("198.51.100.7")
                .header("x-forwarded-for", "10.0.0.1").header("X-FORWARDED-FOR", "10.0.0.2"));

        assertThat(decision.headerChanges().hidesRequestHeader("X-Forwarded-For")).isTrue();
        assertThat(decision.headerChanges().hidesRequestHeader("x-FoRwArDeD-fOr")).isTrue();
    }

    @Test
    void keepsForwardingHeadersFromATrustedProxy() {
        Decision decision = evaluate(BEHIND_PROXY, request("10.0.0.1")
                .header("X-Forwarded-For", "203.0.113.9").header("X-Authenticated-User", "alice"));

        assertThat(decision.headerChanges().removedRequestHeaders()).isEmpty();
    }

    /**
     * One engine remembers the names it has judged; many names, more than its table holds and
     * sharing its slots, each sent twice and in turn, must still be judged as a new engine judges them.
     */
    @Test
    void judgesEveryNameAsAFreshEngineDoesWhileRememberingRecentNames() {
        Bulwark shared = Bulwark.create(BEHIND_PROXY);
        List<String> names = new ArrayList<>(List.of("X-Forwarded-For", "x_forwarded_for", "X-Authenticated-User",
                "User-Agent", "Accept", "X-Real-IP", "Content-Type", "Host", "X-Auth-Request-User"));
        for (int i = 0; i < 300; i++) {
            names.add((i % 3 == 0 ? "X-Forwarded-" : i % 3 == 1 ? "X-Custom-" : "Remote_") + i);
        }
        for (int round = 0; round < 2; round++) {
            for (String name : names) {
                for (String peer : new String[] {"198.51.100.7", "10.0.0.1"}) {
                    Decision expected = evaluate(BEHIND_PROXY, request(peer).header(name, "v"));

                    Decision decision = shared.evaluate(request(peer).header(name, "v").build());

                    assertThat(decision.headerChanges().removedRequestHeaders()).as(name + " from " + peer)
                            .isEqualTo(expected.headerChanges().removedRequestHeaders());
                }
            }
        }
    }

    @Test
    void hidesIdentityHeadersFromAnUntrustedPeer() {
        Decision decision = evaluate(BEHIND_PROXY, request("198.51.100.7").header("X-Authenticated-User", "admin"));

        assertThat(decision.headerChanges().removedRequestHeaders()).containsExactly("x-authenticated-user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Originating-IP", "X-Remote-Addr", "X-Remote-IP", "Forwarded-For", "X-Forwarded",
            "X-Envoy-External-Address", "X-Azure-ClientIP", "Cdn-Src-Ip", "X-Remote-User", "X-Auth-Request-User",
            "X-Auth-Request-Email", "X-WEBAUTH-USER", "Remote-User", "X-Envoy-Internal"})
    void hidesClientAddressAndIdentityHeadersFromAnUntrustedPeer(String header) {
        Decision decision = evaluate(BEHIND_PROXY, request("198.51.100.7").header(header, "10.0.0.5"));

        assertThat(decision.headerChanges().hidesRequestHeader(header)).isTrue();
        assertThat(decision.findings()).singleElement()
                .satisfies(finding -> assertThat(finding.ruleId()).isEqualTo("HEADER-UNTRUSTED-FORWARDING"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x_originating_ip", "X_Remote_User", "x-auth_request-user", "X_WEBAUTH_USER", "CDN_SRC_IP"})
    void hidesUnderscoreSpellingsOfIdentityHeadersWhoeverSendsThem(String header) {
        assertThat(evaluate(BEHIND_PROXY, request("198.51.100.7").header(header, "admin")).headerChanges()
                .hidesRequestHeader(header)).isTrue();
        assertThat(evaluate(BEHIND_PROXY, request("10.0.0.1").header(header, "admin")).headerChanges()
                .hidesRequestHeader(header)).isTrue();
    }

    @Test
    void keepsIdentityHeadersFromATrustedProxy() {
        Decision decision = evaluate(BEHIND_PROXY, request("10.0.0.1")
                .header("X-Auth-Request-User", "alice").header("X-Remote-User", "alice").header("X-Azure-ClientIP", "203.0.113.9"));

        assertThat(decision.headerChanges().removedRequestHeaders()).isEmpty();
    }

    @Test
    void matchesConfiguredProxyOnlyNamesWhateverTheirSpelling() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
                headers: {request: {proxy-only: [x_tenant_id], remove: [X_Debug]}}
                """);

        Decision decision = evaluate(config, request("198.51.100.7").header("X-Tenant-Id", "7").header("X-Debug", "1"));

        assertThat(decision.headerChanges().removedRequestHeaders()).containsExactlyInAnyOrder("x-tenant-id", "x-debug");
    }

    @Test
    void hidesUnderscoreSpellingsEvenFromATrustedProxy() {
        Decision decision = evaluate(BEHIND_PROXY, request("10.0.0.1")
                .header("X_Forwarded_For", "1.2.3.4").header("x_authenticated_user", "admin"));

        assertThat(decision.headerChanges().removedRequestHeaders()).containsExactlyInAnyOrder("x_forwarded_for",
                "x_authenticated_user");
    }

    @Test
    void hidesTheConfiguredClientAddressHeaderFromAnUntrustedPeer() {
        BulwarkConfig config = ConfigLoader.fromYaml("client-ip: {source: header, header: X-Client-Addr, trusted-proxies: [10.0.0.0/8]}");

        assertThat(evaluate(config, request("198.51.100.7").header("X-Client-Addr", "10.0.0.5"))
                .headerChanges().removedRequestHeaders()).containsExactly("x-client-addr");
    }

    @Test
    void reportsForwardingHeadersThatBypassedTheProxy() {
        Decision decision = evaluate(BEHIND_PROXY, request("198.51.100.7").header("X-Forwarded-For", "10.0.0.5"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("HEADER-UNTRUSTED-FORWARDING");
            assertThat(finding.mode()).isEqualTo(Mode.LOG_ONLY);
        });
    }

    @Test
    void hidesHeadersOnTheRemoveList() {
        BulwarkConfig config = ConfigLoader.fromYaml("headers: {request: {remove: [X-Debug]}}");

        assertThat(evaluate(config, request("192.0.2.1").header("x-debug", "1").header("X_Debug", "1"))
                .headerChanges().removedRequestHeaders()).containsExactlyInAnyOrder("x-debug", "x_debug");
    }

    @Test
    void keepsAFramingHeaderWhoseUnderscoreSpellingIsOnTheRemoveList() {
        BulwarkConfig config = ConfigLoader.fromYaml("headers: {request: {remove: [Content_Type]}}");

        assertThat(evaluate(config, request("192.0.2.1").header("Content-Type", "text/plain").header("Content_Type", "x"))
                .headerChanges().removedRequestHeaders()).containsExactly("content_type");
    }

    @Test
    void keepsAFramingHeaderThatIsAlsoListedAsProxyOnly() {
        BulwarkConfig config = ConfigLoader.fromYaml("headers: {request: {proxy-only: [Content-Length, X-Tenant]}}");

        assertThat(evaluate(config, request("192.0.2.1").header("Content-Length", "0").header("X-Tenant", "7"))
                .headerChanges().removedRequestHeaders()).containsExactly("x-tenant");
    }

    @Test
    void keepsOnlyStandardAndListedHeadersInStandardMode() {
        BulwarkConfig config = ConfigLoader.fromYaml("headers: {request: {allow: [standard, X-Request-Id, {prefix: X-Acme-}]}}");

        Decision decision = evaluate(config, request("192.0.2.1").header("Accept", "*/*").header("User-Agent", "test")
                .header("Sec-CH-UA", "x").header("X-Acme-Tenant", "7").header("X-Debug", "1").header("Proxy-Authorization", "x")
                .header("Content-Type", "text/plain").header("User_Agent", "forged"));

        assertThat(decision.headerChanges().removedRequestHeaders()).containsExactlyInAnyOrder("x-debug",
                "proxy-authorization", "user_agent");
    }

    @Test
    void routeAllowListReplacesTheGlobalOneAndRemoveListAdds() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                headers: {request: {allow: standard, remove: [X-A]}}
                routes: [{when: {path: {prefix: /legacy/}}, headers: {request: {allow: all, remove: [X-B]}}}]
                """);

        Decision decision = evaluate(config, request("192.0.2.1").target("/legacy/x")
                .header("X-A", "1").header("X-B", "1").header("X-C", "1"));

        assertThat(decision.headerChanges().removedRequestHeaders()).containsExactlyInAnyOrder("x-a", "x-b");
    }

    @Test
    void hidesNothingAndReportsInLogOnlyMode() {
        BulwarkConfig config = ConfigLoader.fromYaml("headers: {request: {allow: standard, mode: log-only}}");

        Decision decision = evaluate(config, request("192.0.2.1").header("X-Debug", "1").header("X-Forwarded-For", "1.2.3.4"));

        assertThat(decision.headerChanges().removedRequestHeaders()).isEmpty();
        assertThat(decision.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("HEADER-FILTERED");
            assertThat(finding.mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(finding.excerpt()).isEqualTo("x-debug, x-forwarded-for");
        });
    }

    @Test
    void checksStillSeeTheHeadersTheApplicationWillNot() {
        List<String> seen = new ArrayList<>();
        Check check = new Check() {
            @Override
            public String name() {
                return "spy";
            }

            @Override
            public void inspect(Inspection inspection) {
                seen.add(inspection.request().headers().first("X-Debug"));
            }
        };
        BulwarkConfig config = ConfigLoader.fromYaml("headers: {request: {remove: [X-Debug]}}");

        Decision decision = Bulwark.builder(config).check(check).build()
                .evaluate(request("192.0.2.1").header("X-Debug", "payload").build());

        assertThat(seen).containsExactly("payload");
        assertThat(decision.headerChanges().removedRequestHeaders()).containsExactly("x-debug");
    }
}
