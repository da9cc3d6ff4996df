package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Lexicon} and {@link CommandTable} reject most ranges by their first and last characters
 * and length before hashing; the reject must never hide a word that is in the table.
 */
class WordTablesTest {

    private final Lexicon lexicon = Lexicon.builder().add(1, "select").add(2, "sleep").add(4, "s").build();
    private final CommandTable commands = new CommandTable("wget curl", 1, "nc", 2);

    @Test
    void findsWordsInAnyCaseByTheirEnds() {
        assertThat(lexicon.flags("SELECT", 0, 6)).isEqualTo(1);
        assertThat(lexicon.flags("x SleeP(", 2, 7)).isEqualTo(2);
        assertThat(lexicon.flags("S".toCharArray(), 0, 1)).isEqualTo(4);
        assertThat(commands.get("WGET")).isEqualTo(1);
        assertThat(commands.get("x;nC -e".toCharArray(), 2, 4)).isEqualTo(2);
    }

    @Test
    void rejectsWordsWhoseFirstAndLastCharactersBelongToDifferentWords() {
        // 's' starts and 't' ends a word of six letters (select), but no word of five ends in 't'.
        assertThat(lexicon.flags("selet", 0, 5)).isZero();
        assertThat(lexicon.flags("sleet", 0, 5)).isZero();
        assertThat(commands.get("cget")).isZero();
        assertThat(commands.get("wgel")).isZero();
    }

    @Test
    void rejectsRangesEndingOutsideAscii() {
        assertThat(lexicon.flags("sleep\u00e9", 0, 6)).isZero();
        assertThat(commands.get("wge\u00fc")).isZero();
    }
}
