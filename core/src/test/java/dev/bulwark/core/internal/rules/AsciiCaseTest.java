package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AsciiCaseTest {

    @Test
    void findsAKeywordInAnyCase() {
        assertThat(AsciiCase.indexOf("a.Constructor", "constructor", 0)).isEqualTo(2);
        assertThat(AsciiCase.indexOf("a.CONSTRUCTOR", "constructor", 0)).isEqualTo(2);
        assertThat(AsciiCase.indexOf("Unix:unix:", "unix:", 1)).isEqualTo(5);
        assertThat(AsciiCase.indexOf(new StringBuilder("xUnIx:"), "unix:", 0)).isEqualTo(1);
    }

    @Test
    void findsAKeywordStartingWithPunctuation() {
        assertThat(AsciiCase.indexOf("a<META <Meta", "<meta", 2)).isEqualTo(7);
        assertThat(AsciiCase.indexOf("a<met", "<meta", 0)).isEqualTo(-1);
    }

    @Test
    void findsNothingBeforeFromOrPastTheEnd() {
        assertThat(AsciiCase.indexOf("constructor", "constructor", 1)).isEqualTo(-1);
        assertThat(AsciiCase.indexOf("construct", "constructor", 0)).isEqualTo(-1);
        assertThat(AsciiCase.indexOf("x constructor", "constructor", -5)).isEqualTo(2);
        assertThat(AsciiCase.indexOf("\u0130nix:", "unix:", 0)).isEqualTo(-1);
    }

    @Test
    void walksFromMatchToMatchInLinearTime() {
        // One case of the first letter only, in a two-byte string: a search that looked for the
        // other case too would read to the end of the text for every match.
        String text = "constructor\u0100".repeat((1 << 22) / 12);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            int matches = 0;
            for (int at = AsciiCase.indexOf(text, "constructor", 0); at >= 0;
                    at = AsciiCase.indexOf(text, "constructor", at + 11)) {
                matches++;
            }
            assertThat(matches).isEqualTo((1 << 22) / 12);
        });
    }
}
