package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    @Test
    void containsAddressInIpv4Range() {
        IpRange range = IpRange.parse("10.0.0.0/8");
        assertThat(range.contains("10.255.1.2")).isTrue();
        assertThat(range.contains("11.0.0.1")).isFalse();
    }

    @Test
    void matchesIpv4MappedIpv6Address() {
        assertThat(IpRange.parse("192.168.0.0/16").contains("::ffff:192.168.3.4")).isTrue();
    }

    @Test
    void containsAddressInIpv6Range() {
        IpRange range = IpRange.parse("2001:db8::/32");
        assertThat(range.contains("2001:db8:1::5")).isTrue();
        assertThat(range.contains("2001:db9::1")).isFalse();
    }

    @Test
    void singleAddressIsFullPrefix() {
        IpRange range = IpRange.parse("203.0.113.7");
        assertThat(range.contains("203.0.113.7")).isTrue();
        assertThat(range.contains("203.0.113.8")).isFalse();
    }

    @Test
    void rejectsHostNames() {
        assertThatThrownBy(() -> IpRange.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverMatchesNonLiteral() {
        assertThat(IpRange.parse("0.0.0.0/0").contains("example.com")).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains("1.2.3.256")).isFalse();
    }
}
