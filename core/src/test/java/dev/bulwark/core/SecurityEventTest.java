package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.internal.JacksonBuffers;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecurityEventTest {

    @Test
    void escapesControlCharactersAndTruncates() {
        assertThat(SecurityEvent.clean("a\u0000b\u001b[31m\u0085\u2028", 100))
                .isEqualTo("a\\x00b\\x1b[31m\\u0085\\u2028");
        assertThat(SecurityEvent.clean("x".repeat(300), SecurityEvent.MAX_PATH_LENGTH))
                .hasSize(SecurityEvent.MAX_PATH_LENGTH + 1).endsWith("…");
    }

    @Test
    void escapesControlCharactersAsTwoHexDigits() {
        assertThat(SecurityEvent.clean("a\nb\u0000c\u007f", 100)).isEqualTo("a\\x0ab\\x00c\\x7f");
    }

    @Test
    void escapesC1ControlsAndLineSeparatorsAsFourHexDigits() {
        assertThat(SecurityEvent.clean("a\u0085b\u009fc\u2028d\u2029", 100)).isEqualTo("a\\u0085b\\u009fc\\u2028d\\u2029");
    }

    @Test
    void cutsAtTheLimitBeforeEscapingAndMarksTheCut() {
        assertThat(SecurityEvent.clean("ab\ncdef", 3)).isEqualTo("ab\\x0a…");
        assertThat(SecurityEvent.clean("abc", 3)).isEqualTo("abc");
    }

    @Test
    void writingAnEventLeavesNoPathInTheThreadsBuffers() {
        String secret = "card-" + UUID.randomUUID();
        Decision decision = Bulwark.create(BulwarkConfig.defaults())
                .evaluate(HttpRequest.builder("GET", "/search?q=1'%20UNION%20SELECT%20password%20FROM%20users--").build());

        String event = SecurityEvent.json(decision, "GET", "/cards/" + secret, "", "", 403, Instant.now());

        assertThat(event).contains(secret);
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }
}
