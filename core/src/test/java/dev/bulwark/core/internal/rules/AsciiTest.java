package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsciiTest {

    @Test
    void tellsIdentifierCharactersAsTheirDefinitionsSayForEveryChar() {
        for (int i = 0; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            boolean start = Ascii.isLetter(c) || c == '_' || (c >= 0x80 && !Ascii.isSpace(c));
            assertThat(Ascii.isIdentStart(c)).as("U+%04X", i).isEqualTo(start);
            assertThat(Ascii.isIdentPart(c)).as("U+%04X", i).isEqualTo(start || Ascii.isDigit(c));
        }
    }

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
    void findsAKeywordByThePunctuationInsideIt() {
        assertThat(Ascii.indexOfIgnoreCase("a:b UNIX:/s", "unix:", 0)).isEqualTo(4);
        assertThat(Ascii.indexOfIgnoreCase("x_MemberAccess", "_memberaccess", 0)).isEqualTo(1);
        assertThat(Ascii.indexOfIgnoreCase("__proto__ __PROTO__", "__proto__", 1)).isEqualTo(10);
        assertThat(Ascii.indexOfIgnoreCase("constructor/Prototype", "constructor/prototype", 0)).isEqualTo(0);
    }

    @Test
    void findsNoKeywordWhosePunctuationLiesBeforeFromOrPastTheEnd() {
        assertThat(Ascii.indexOfIgnoreCase("xunix:", "unix:", 2)).isEqualTo(-1);
        assertThat(Ascii.indexOfIgnoreCase(":unix", "unix:", 0)).isEqualTo(-1);
        assertThat(Ascii.indexOfIgnoreCase("a:unix", "unix:", 0)).isEqualTo(-1);
        assertThat(Ascii.indexOfIgnoreCase("unix", "unix:", 0)).isEqualTo(-1);
        assertThat(Ascii.indexOfIgnoreCase("unix:", "unix:", 0)).isEqualTo(0);
    }

    @Test
    void findsTheSameAsACharacterByCharacterSearch() {
        String[] words = {"unix:", "__proto__", ":include", "<meta", "constructor", "a-b", "x:"};
        Random random = new Random(12);
        String alphabet = "unixUNIX:_protPROT<meta->bB ";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(24); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String word = words[random.nextInt(words.length)];
            int from = random.nextInt(text.length() + 3) - 1;
            assertThat(Ascii.indexOfIgnoreCase(text.toString(), word, from))
                    .as("%s in %s from %d", word, text, from)
                    .isEqualTo(Ascii.indexOfIgnoreCase(text, word, from));
        }
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
