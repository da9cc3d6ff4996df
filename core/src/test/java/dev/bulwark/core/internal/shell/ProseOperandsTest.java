package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.CommandTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProseOperandsTest {

    private static int reading(String word) {
        return ProseOperands.of(word.toCharArray(), 0, word.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"the", "into", "vs", "says", "shows", "tells", "meaning", "script", "The"})
    void readsFunctionWordsVerbsAndTopicNounsAsProse(String word) {
        assertThat(reading(word)).isEqualTo(ProseOperands.PROSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.2.15", "5.9", "7.4.0", "v2.1", "10.0.19045.1234"})
    void readsDottedNumbersAsVersions(String word) {
        assertThat(reading(word)).isEqualTo(ProseOperands.VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.1.1", "5", "5..2", ".5", "5.", "1.2a"})
    void readsNoAddressOrBareNumberAsVersion(String word) {
        assertThat(reading(word)).isNotEqualTo(ProseOperands.VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-la", "/etc/passwd", "the_secret", "x.sh", "$HOME", "a"})
    void readsOptionsPathsAndFileNamesAsNothing(String word) {
        assertThat(reading(word)).isIn(ProseOperands.NONE, ProseOperands.OTHER_WORD);
        assertThat(reading(word)).isNotEqualTo(ProseOperands.PROSE);
    }

    @Test
    void keepsNoShellKeywordOrCommandNameInItsWords() {
        for (String word : new String[] {"if", "then", "do", "in", "for", "time", "test", "which", "at", "as"}) {
            assertThat(reading(word)).as(word).isNotEqualTo(ProseOperands.PROSE);
        }
    }

    @Test
    void findsProseOrNothingAfterSeparator() {
        CommandTable unix = ShellCommands.UNIX;
        assertThat(ProseOperands.proseFollows("x; 30 hops max", 2, unix)).isTrue();
        assertThat(ProseOperands.proseFollows("x & Co. party", 3, unix)).isTrue();
        assertThat(ProseOperands.proseFollows("x;", 2, unix)).isTrue();
        assertThat(ProseOperands.proseFollows("x; id", 2, unix)).isFalse();
        assertThat(ProseOperands.proseFollows("x; /tmp/p", 2, unix)).isFalse();
        assertThat(ProseOperands.proseFollows("x; $(id)", 2, unix)).isFalse();
        assertThat(ProseOperands.proseFollows("x;;", 2, unix)).isFalse();
    }
}
