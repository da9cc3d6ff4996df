package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AsciiTest {

    @Test
    void findsAKeywordInAnyCase() {
        assertThat(Ascii.indexOfIgnoreCase("a.Constructor", "constructor", 0)).isEqualTo(2);
        assertThat(Ascii.indexOfIgnoreCase("a.CONSTRUCTOR", "constructor", 0)).isEqualTo(2);
        assertThat(Ascii.indexOfIgnoreCase("Unix:unix:", "unix:", 1)).isEqualTo(5);
        assertThat(Ascii.indexOfIgnoreCase(new StringBuilder("xUnIx:"), "unix:", 0)).isEqualTo(1);
    }

    @Test
    void findsAKeywordStartingWithPunctuation() {
        assertThat(Ascii.indexOfIgnoreCase("a<META <Meta", "<meta", 2)).isEqualTo(7);
        assertThat(Ascii.indexOfIgnoreCase("a<met", "<meta", 0)).isEqualTo(-1);
    }

    @Test
    void findsNothingBeforeFromOrPastTheEnd() {
        assertThat(Ascii.indexOfIgnoreCase("constructor", "constructor", 1)).isEqualTo(-1);
        assertThat(Ascii.indexOfIgnoreCase("construct", "constructor", 0)).isEqualTo(-1);
        assertThat(Ascii.indexOfIgnoreCase("x constructor", "constructor", -5)).isEqualTo(2);
        assertThat(Ascii.indexOfIgnoreCase("\u0130nix:", "unix:", 0)).isEqualTo(-1);
    }

    @Test
    void walksFromMatchToMatchInLinearTime() {
        // One case of the first letter only, in a two-byte string: a search that looked for the
        // other case too would read to the end of the text for every match.
        String text = "constructor\u0100".repeat((1 << 22) / 12);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            int matches = 0;
            for (int at = Ascii.indexOfIgnoreCase(text, "constructor", 0); at >= 0;
                    at = Ascii.indexOfIgnoreCase(text, "constructor", at + 11)) {
                matches++;
            }
            assertThat(matches).isEqualTo((1 << 22) / 12);
        });
    }
}
