package dev.bulwark.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlVocabularyTest {

    @Test
    void findsEveryWordInAnyCaseInsideLongerText() {
        for (int id = 1; id <= SqlVocabulary.size(); id++) {
            String word = SqlVocabulary.spelling(id);
            String upper = word.toUpperCase(Locale.ROOT);
            String text = "(" + upper + ")";
            assertThat(SqlVocabulary.find(word, 0, word.length())).as(word).isEqualTo(id);
            assertThat(SqlVocabulary.find(text, 1, text.length() - 1)).as(upper).isEqualTo(id);
        }
    }

    @Test
    void answersUnknownForWordsThatDifferFromAKnownOneInLengthOrInside() {
        assertThat(SqlVocabulary.find("selects", 0, 7)).isZero();
        assertThat(SqlVocabulary.find("selct", 0, 5)).isZero();
        assertThat(SqlVocabulary.find("sElEcT", 0, 6)).isEqualTo(SqlVocabulary.SELECT);
        assertThat(SqlVocabulary.find("s\u0131lect", 0, 6)).isZero();
        assertThat(SqlVocabulary.find("", 0, 0)).isZero();
    }

    @Test
    void answersUnknownExactlyForTheTextsThatAreNoWord() {
        // Words, their neighbours in spelling and random letters: the quick answer before the table
        // must never miss a known word.
        Set<String> known = new HashSet<>();
        for (int id = 1; id <= SqlVocabulary.size(); id++) {
            known.add(SqlVocabulary.spelling(id));
        }
        Random random = new Random(20261207L);
        String letters = "abcdeilmnorstuxyz_$0189";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder word = new StringBuilder();
            if (random.nextBoolean()) {
                word.append(SqlVocabulary.spelling(1 + random.nextInt(SqlVocabulary.size())));
                word.setCharAt(random.nextInt(word.length()), letters.charAt(random.nextInt(letters.length())));
            } else {
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    word.append(letters.charAt(random.nextInt(letters.length())));
                }
            }
            String text = word.toString();
            boolean isKnown = known.contains(text.toLowerCase(Locale.ROOT));
            assertThat(SqlVocabulary.find(text, 0, text.length()) != 0).as(text).isEqualTo(isKnown);
        }
    }
}
