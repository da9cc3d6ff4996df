package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostsTest {

    private static int classify(String host) {
        return Hosts.classify(host, 0, host.length());
    }

    private static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "2130706433", "0x7f000001", "0x7F.0.0.1", "0177.0.0.1", "0177.1", "127.1",
        "127.0.1", "017700000001", "0", "0.0.0.0", "[::1]", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
        "[0:0:0:0:0:0:0:1]", "[64:ff9b::127.0.0.1]", "localhost", "LOCALHOST", "localhost.", "app.localhost",
        "ip6-localhost"})
    void classifiesLoopbackInEveryNotation(String host) {
        assertThat(has(classify(host), Hosts.INTERNAL)).as(host).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "127.0.0.1.",
        "4294967423", "①②⑦.⓪.⓪.①", "１２７.０.０.１"})
    void marksNonCanonicalNotations(String host) {
        assertThat(has(classify(host), Hosts.OBFUSCATED)).as(host).isTrue();
    }

    @Test
    void acceptsCanonicalPublicAddress() {
        int flags = classify("198.51.100.7");
        assertThat(has(flags, Hosts.IP)).isTrue();
        assertThat(flags & (Hosts.OBFUSCATED | Hosts.INTERNAL)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.1.1", "100.64.0.1",
        "[fc00::1]", "[fd12:3456::1]", "[fe80::1%25eth0]", "224.0.0.1"})
    void classifiesPrivateRanges(String host) {
        assertThat(has(classify(host), Hosts.INTERNAL)).as(host).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"172.32.0.1", "8.8.8.8", "[2001:db8::1]", "100.128.0.1", "example.com", "192.169.0.1"})
    void leavesPublicHostsAlone(String host) {
        assertThat(has(classify(host), Hosts.INTERNAL)).as(host).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "0xa9fea9fe", "[fd00:ec2::254]", "100.100.100.200",
        "metadata.google.internal", "METADATA.GOOGLE.INTERNAL"})
    void recognisesMetadataServices(String host) {
        assertThat(has(classify(host), Hosts.METADATA)).as(host).isTrue();
    }

    @Test
    void readsAddressesOfWildcardDnsServices() {
        assertThat(has(classify("127.0.0.1.nip.io"), Hosts.INTERNAL)).isTrue();
        assertThat(has(classify("app-10-0-0-1.sslip.io"), Hosts.INTERNAL)).isTrue();
        assertThat(has(classify("docs.sslip.io"), Hosts.INTERNAL)).isFalse();
        assertThat(has(classify("10-0-0-1.sslip.io"), Hosts.INTERNAL)).isTrue();
    }

    @Test
    void recognisesEmbeddedDomains() {
        assertThat(has(classify("example.com.evil.net"), Hosts.EMBEDDED_DOMAIN)).isTrue();
        assertThat(has(classify("www.example.com.au"), Hosts.EMBEDDED_DOMAIN)).isFalse();
        assertThat(has(classify("com.example.org"), Hosts.EMBEDDED_DOMAIN)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "256.256.256.256.1", "0x", "08.1.1.1", "1..2", "[::1::2]", "[1:2:3:4:5:6:7:8:9]",
        "[12345::1]", ""})
    void rejectsMalformedAddressesAsAddresses(String host) {
        int flags = classify(host);
        assertThat(has(flags, Hosts.METADATA)).as(host).isFalse();
    }
}
