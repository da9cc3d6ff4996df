package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextProfileTest {

    @Test
    void findsEachAsciiCharacterInItsHalf() {
        TextProfile profile = TextProfile.of("\u0000 ?@~\u007F");

        for (char c : "\u0000 ?@~\u007F".toCharArray()) {
            assertThat(profile.has(c)).as("U+%04X", (int) c).isTrue();
        }
        assertThat(profile.has('A')).isFalse();
        assertThat(profile.has('!')).isFalse();
        assertThat(profile.hasNonAscii()).isFalse();
    }

    @Test
    void findsCharactersBeyondAsciiWithoutTakingThemForAscii() {
        TextProfile profile = TextProfile.of("\u0080\u00C0\u4E00\uD83D\uDE00\uFFFF");

        assertThat(profile.hasNonAscii()).isTrue();
        for (char c = 0; c < 128; c++) {
            assertThat(profile.has(c)).as("U+%04X", (int) c).isFalse();
        }
    }

    @Test
    void agreesWithACharacterByCharacterReadingOnRandomText() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            char[] text = new char[random.nextInt(40)];
            for (int i = 0; i < text.length; i++) {
                text[i] = (char) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(128));
            }
            TextProfile profile = TextProfile.of(new String(text));

            boolean beyond = false;
            boolean[] present = new boolean[128];
            for (char c : text) {
                if (c < 128) {
                    present[c] = true;
                } else {
                    beyond = true;
                }
            }
            for (char c = 0; c < 128; c++) {
                assertThat(profile.has(c)).isEqualTo(present[c]);
            }
            assertThat(profile.hasNonAscii()).isEqualTo(beyond);
        }
    }
}
