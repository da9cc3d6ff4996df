package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * About 1 MiB of repeated fragments of LDAP filters, NoSQL operators, mail headers and commands,
 * and server-side includes through the whole engine, raw and percent-encoded: only linear-time
 * scanning finishes within the bound (see {@link PathologicalInputTest}).
 */
class InjectionFamiliesPathologicalInputTest {

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.defaults());
    private static final int SIZE = 1024 * 1024 - 64;

    private static byte[] repeat(String unit) {
        StringBuilder text = new StringBuilder(SIZE);
        while (text.length() + unit.length() <= SIZE) {
            text.append(unit);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!--#", "<!-- ", "<esi:", "$(HTTP_", "\r\nTo: ", "a@b.example\r\n", "\rRCPT ", "%0d%0a",
            "*)(|", ")(", "*()|&", "[$ne]", "{\"$ne\":", "$where:", "';return '", "db.a.", "this.a.", "%24ne%22"})
    void finishesRepetitiveFragmentsInLinearTime(String unit) {
        for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            HttpRequest request = HttpRequest.builder("POST", "/upload").header("Content-Type", contentType)
                    .body(repeat(unit)).build();

            Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> BULWARK.evaluate(request));

            assertThat(decision.incidentId()).isNotEmpty();
        }
    }

    @Test
    void finishesLongBasicCredentialsWithinHeaderLimits() {
        String credentials = "*)(|".repeat(1500) + ":" + "';return '".repeat(600);
        HttpRequest request = HttpRequest.builder("GET", "/").header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).build();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> BULWARK.evaluate(request));
    }
}
