package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word table every detector looks words up in: exact, case-blind, with each word's flags. */
class LexiconTest {

    @Test
    void findsAWordInAnyCaseInsideALongerText() {
        Lexicon lexicon = Lexicon.of(4, "select", "union");
        String text = "1 UNION Select 2";

        assertThat(lexicon.flags(text, 2, 7)).isEqualTo(4);
        assertThat(lexicon.flags(text.toCharArray(), 8, 14)).isEqualTo(4);
    }

    @Test
    void answersZeroForARangeThatOnlySharesAWordsLengthAndEnds() {
        Lexicon lexicon = Lexicon.of("select");

        assertThat(lexicon.flags("sxxxct", 0, 6)).isZero();
        assertThat(lexicon.flags("selec", 0, 5)).isZero();
        assertThat(lexicon.contains("selects")).isFalse();
    }

    @Test
    void combinesTheFlagsOfAWordAddedTwice() {
        Lexicon lexicon = Lexicon.builder().add(1, "eval").add(2, "EVAL", "exec").build();

        assertThat(lexicon.flags("eval", 0, 4)).isEqualTo(3);
        assertThat(lexicon.flags("exec", 0, 4)).isEqualTo(2);
        assertThat(lexicon.words()).containsExactly("eval", "exec");
    }

    @Test
    void keepsFlagsWithTheHighestBitSet() {
        Lexicon lexicon = Lexicon.of(Integer.MIN_VALUE | 1, "sleep");

        assertThat(lexicon.flags("SLEEP", 0, 5)).isEqualTo(Integer.MIN_VALUE | 1);
    }

    @Test
    void refusesWordsItCannotHold() {
        assertThatThrownBy(() -> Lexicon.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lexicon.of("x".repeat(Lexicon.MAX_WORD_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lexicon.of("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lexicon.of(0, "word")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holdsAWordOfTheLongestLength() {
        String longest = "y".repeat(Lexicon.MAX_WORD_LENGTH);
        Lexicon lexicon = Lexicon.of("a", longest);

        assertThat(lexicon.contains(longest.toUpperCase(Locale.ROOT))).isTrue();
        assertThat(lexicon.contains(longest.substring(1))).isFalse();
    }

    @Test
    void agreesWithAMapOnRandomWordsAndProbes() {
        Random random = new Random(7);
        Map<String, Integer> expected = new HashMap<>();
        Lexicon.Builder builder = Lexicon.builder();
        for (int i = 0; i < 3000; i++) {
            String word = randomWord(random);
            int flag = 1 << random.nextInt(31);
            builder.add(flag, word);
            expected.merge(word.toLowerCase(Locale.ROOT), flag, (a, b) -> a | b);
        }
        Lexicon lexicon = builder.build();

        for (int i = 0; i < 20_000; i++) {
            String probe = random.nextInt(3) == 0 ? randomKnown(random, expected) : randomWord(random);
            String padded = "(" + probe + ")";
            int want = expected.getOrDefault(probe.toLowerCase(Locale.ROOT), 0);
            assertThat(lexicon.flags(padded, 1, 1 + probe.length())).as(probe).isEqualTo(want);
            assertThat(lexicon.flags(padded.toCharArray(), 1, 1 + probe.length())).as(probe).isEqualTo(want);
        }
    }

    private static String randomWord(Random random) {
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 80 : 8);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char letter = (char) ('a' + random.nextInt(4));
            word.append(random.nextBoolean() ? Character.toUpperCase(letter) : letter);
        }
        return word.toString();
    }

    private static String randomKnown(Random random, Map<String, Integer> words) {
        String[] known = words.keySet().toArray(String[]::new);
        String word = known[random.nextInt(known.length)];
        return random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word;
    }
}
