package dev.bulwark.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/** Which Spring Boot lines the starter starts on. */
class BootLineTest {

    @Test
    void supportsSpringBoot35AndLaterIn3AndEvery4() {
        assertThat(BootLine.supported("3.5.7")).isTrue();
        assertThat(BootLine.supported("3.6.0-M1")).isTrue();
        assertThat(BootLine.supported("4.0.7")).isTrue();
        assertThat(BootLine.supported("4.1.0-SNAPSHOT")).isTrue();
    }

    @Test
    void refusesOlderAndFutureLines() {
        assertThat(BootLine.supported("2.7.18")).isFalse();
        assertThat(BootLine.supported("3.4.10")).isFalse();
        assertThat(BootLine.supported("5.0.0")).isFalse();
        assertThat(BootLine.supported("nonsense")).isFalse();
    }

    @Test
    void stopsStartUpOnAnUnsupportedLineSayingWhich() {
        assertThatIllegalStateException().isThrownBy(() -> BootLine.requireSupported("2.7.18"))
                .withMessageContaining("Spring Boot 2.7.18")
                .withMessageContaining("supports Spring Boot 3.5 and 4.x");
    }

    @Test
    void startsWhenTheVersionCannotBeTold() {
        assertThatNoException().isThrownBy(() -> BootLine.requireSupported(null));
    }

    @Test
    void startsOnTheLineTheStarterIsBuiltWith() {
        assertThatNoException().isThrownBy(() -> BootLine.requireSupported(SpringBootVersion.getVersion()));
    }
}
