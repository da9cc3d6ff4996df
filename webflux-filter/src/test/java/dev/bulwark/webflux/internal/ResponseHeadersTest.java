package dev.bulwark.webflux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ResponseHeaderPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The security headers a reactive response gets before commit. */
class ResponseHeadersTest {

    private static final ResponseHeaderPolicy DEFAULTS =
            new ResponseHeaderPolicy(dev.bulwark.core.config.ResponseHeaders.defaults());

    @Test
    void keepsASecurityHeaderTheApplicationSet() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("x-frame-options", "SAMEORIGIN");

        ResponseHeaders.apply(headers, DEFAULTS, false);

        assertThat(headers.get("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void addsStrictTransportSecurityOnlyOverHttps() {
        HttpHeaders plain = new HttpHeaders();
        HttpHeaders secure = new HttpHeaders();

        ResponseHeaders.apply(plain, DEFAULTS, false);
        ResponseHeaders.apply(secure, DEFAULTS, true);

        assertThat(plain.containsHeader("Strict-Transport-Security")).isFalse();
        assertThat(secure.containsHeader("Strict-Transport-Security")).isTrue();
    }
}
