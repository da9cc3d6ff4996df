package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.RandomPieces;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word pass of the script families, which takes each run of identifier characters whole, held
 * to the reading it replaces: an identifier starts at every identifier start that follows no
 * identifier character.
 */
class ScriptWordsTest {

    @Test
    void findsTheWordsAndUnderscoreNamesOfAPassOverEveryStart() {
        Random random = new Random(20261207L);
        int withNames = 0;
        for (int round = 0; round < 100_000; round++) {
            String value = randomValue(random);
            List<String> names = new ArrayList<>();
            int flags = ScriptWords.scan(value, ScriptWords.WORDS, (s, from, to) -> names.add(from + "-" + to));
            List<String> expectedNames = new ArrayList<>();
            int expectedFlags = everyStart(value, ScriptWords.WORDS, (s, from, to) -> expectedNames.add(from + "-" + to));
            assertThat(flags).as(value).isEqualTo(expectedFlags);
            assertThat(names).as(value).isEqualTo(expectedNames);
            if (!names.isEmpty()) {
                withNames++;
            }
        }
        assertThat(withNames).isGreaterThan(1_000);
    }

    @Test
    void looksUpNoWordGluedBehindDigits() {
        assertThat(ScriptWords.scan("9eval 1require", ScriptWords.TRIGGERS, (s, from, to) -> { })).isZero();
        assertThat(ScriptWords.scan("9 eval", ScriptWords.TRIGGERS, (s, from, to) -> { })).isEqualTo(ScriptWords.TRIGGER);
    }

    private static final String[] PIECES = {
        "eval", "require", "process", "constructor", "__proto__", "Object", "os", "for", "x", "_", "__", "a_b",
        "__init__", "__js_function", "9", "42", "1x", " ", " ", ".", "(", ")", "'", "$", "\u00e9", "\u00a0", "\u2028",
        "prose", "the", "bell",
    };

    private static String randomValue(Random random) {
        return RandomPieces.join(random, PIECES, 10);
    }

    /** The pass as it read before: every identifier start that follows no identifier character opens one. */
    private static int everyStart(String s, Lexicon words, ScriptWords.UnderscoreNames names) {
        int n = s.length();
        int found = 0;
        int i = 0;
        while (i < n) {
            if (!Ascii.isIdentStart(s.charAt(i)) || (i > 0 && Ascii.isIdentPart(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            int j = i + 1;
            boolean doubleUnderscore = false;
            while (j < n && Ascii.isIdentPart(s.charAt(j))) {
                doubleUnderscore |= s.charAt(j) == '_' && s.charAt(j - 1) == '_';
                j++;
            }
            found |= words.flags(s, i, j);
            if (doubleUnderscore && j - i > 4) {
                names.judge(s, i, j);
            }
            i = j;
        }
        return found;
    }
}
