package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityEventTest {

    @Test
    void escapesControlCharactersAndTruncates() {
        assertThat(SecurityEvent.clean("a\u0000b\u001b[31m\u0085\u2028", 100))
                .isEqualTo("a\\x00b\\x1b[31m\\u0085\\u2028");
        assertThat(SecurityEvent.clean("x".repeat(300), SecurityEvent.MAX_PATH_LENGTH))
                .hasSize(SecurityEvent.MAX_PATH_LENGTH + 1).endsWith("…");
    }
}
