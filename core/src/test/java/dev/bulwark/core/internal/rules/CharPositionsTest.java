package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CharPositionsTest {

    @Test
    void findsEachPositionOfTheCharactersInOrder() {
        String text = "a;b|c;;d|";
        CharPositions positions = new CharPositions(text, AsciiSet.of(";|"), TextProfile.of(text));
        assertThat(positions.next(0)).isEqualTo(1);
        assertThat(positions.next(2)).isEqualTo(3);
        assertThat(positions.next(4)).isEqualTo(5);
        assertThat(positions.next(6)).isEqualTo(6);
        assertThat(positions.next(7)).isEqualTo(8);
        assertThat(positions.next(9)).isEqualTo(-1);
    }

    @Test
    void findsNothingForCharactersTheValueDoesNotHold() {
        String text = "Second floor, ring twice";
        assertThat(new CharPositions(text, AsciiSet.of("{%$"), TextProfile.of(text)).next(0)).isEqualTo(-1);
        assertThat(new CharPositions(text, AsciiSet.of("{%$")).next(0)).isEqualTo(-1);
    }

    @Test
    void readsCharacterByCharacterWhenTheValueHoldsManyOfTheCharacters() {
        String text = "a.b/c\\d%e0f.";
        CharPositions positions = new CharPositions(text, AsciiSet.of(".0/\\%"), TextProfile.of(text));
        assertThat(positions.next(0)).isEqualTo(1);
        assertThat(positions.next(2)).isEqualTo(3);
        assertThat(positions.next(4)).isEqualTo(5);
        assertThat(positions.next(6)).isEqualTo(7);
        assertThat(positions.next(8)).isEqualTo(9);
        assertThat(positions.next(10)).isEqualTo(11);
        assertThat(positions.next(12)).isEqualTo(-1);
    }

    @Test
    void findsTheSameAsACharacterByCharacterSearch() {
        Random random = new Random(5);
        String alphabet = ";\n\r\\(ab. 0/%|\u00e9\u0001";
        String[] sets = {";\n\r\\", "(.", ".0/\\%\u0001", "|", "ab;.0(\\"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(20); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            String chars = sets[random.nextInt(sets.length)];
            AsciiSet set = AsciiSet.of(chars);
            CharPositions positions = random.nextBoolean() ? new CharPositions(s, set)
                    : new CharPositions(s, set, TextProfile.of(s));
            for (int from = 0; from <= s.length() + 1; from += random.nextInt(3)) {
                assertThat(positions.next(from)).as("%s in %s from %d", chars, s, from)
                        .isEqualTo(naiveNext(s, chars, from));
            }
        }
    }

    private static int naiveNext(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
