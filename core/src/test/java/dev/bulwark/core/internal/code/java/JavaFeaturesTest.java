package dev.bulwark.core.internal.code.java;

import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_ALNUM_RUN;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_BASE64;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_BINARY;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_BRACKET;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_DOLLAR_BRACE;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_DOTTED;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_ESCAPE;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_LONG_RUN;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_OGNL;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_PAREN;
import static dev.bulwark.core.internal.code.java.JavaAttackDetector.F_TAG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.Base64Text;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The detector's pre-scan reads a run of base64 characters at once; it must find exactly what a
 * count kept character by character finds ({@link #featuresOneByOne}, the reference).
 */
class JavaFeaturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "abcd", "Abcd", "aBcde", "abcdefg", "abcdefgh", "abcdefgH", "abcdefghI",
        "ABCDEFGH", "12345678", "1234567a", "rO0AB", "rO0ABXNy", "abcdefghij", "abcdefghi", "ab+/-_cdEf",
        "a_b.c", "x.y", "${x}", "$ {x}", "a.(b)", "q3 finance", "neighbour's door.", "Second floor, ring twice;",
        "%2e&amp;\\x", "#{x}@y", "<a>[0]", "\u00ac\u00ed\u0000\u0005", "\ufffd", "caf\u00e9Latte", "_____",
        "aaaaAaaaaaaaa", "AAAAAAAaAAAA", "---------a", "aaaa.Bbbb", "java.lang.Runtime"})
    void findsWhatTheOneByOneCountFinds(String value) {
        assertThat(JavaAttackDetector.features(value)).isEqualTo(featuresOneByOne(value));
    }

    @Test
    void findsWhatTheOneByOneCountFindsOnRandomText() {
        String alphabet = "aAzZ09xX+/-_%&\\{$.(#@<[ ;:'\"\u00ac\u00ed\ufffd\u00e9";
        Random random = new Random(12);
        for (int round = 0; round < 100_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(round % 4 == 0 ? 40 : 16);
            for (int i = 0; i < length; i++) {
                text.append(switch (random.nextInt(4)) {
                    case 0 -> alphabet.charAt(random.nextInt(alphabet.length()));
                    case 1 -> (char) ('a' + random.nextInt(3));
                    case 2 -> (char) ('A' + random.nextInt(3));
                    default -> "0123456789+/-_".charAt(random.nextInt(14));
                });
            }
            String value = text.toString();
            assertThat(JavaAttackDetector.features(value)).as(value).isEqualTo(featuresOneByOne(value));
        }
    }

    /** The pre-scan as first written: the length and cases of the current run counted at each character. */
    private static int featuresOneByOne(String s) {
        int f = 0;
        int run = 0;
        boolean upper = false;
        boolean lower = false;
        char prev = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            boolean punctuation = c == '+' || c == '/' || c == '-' || c == '_';
            if (letterOrDigit || punctuation) {
                run++;
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                if (run >= Base64Text.MIN_RUN) {
                    f |= F_LONG_RUN;
                }
                if (run >= 5 && upper && lower) {
                    f |= F_BASE64;
                } else if (run >= 8) {
                    f |= F_ALNUM_RUN;
                }
                if (letterOrDigit) {
                    prev = c;
                    continue;
                }
            } else {
                run = 0;
                upper = false;
                lower = false;
            }
            switch (c) {
                case '%', '&', '\\' -> f |= F_ESCAPE | (c == '%' ? F_OGNL : 0);
                case '{' -> f |= prev == '$' ? F_DOLLAR_BRACE : 0;
                case '.' -> f |= Ascii.isJavaIdentPart(prev) && i + 1 < n
                        && JavaAttackDetector.isSegmentStart(s.charAt(i + 1)) ? F_DOTTED : 0;
                case '(' -> f |= F_PAREN;
                case '#', '@' -> f |= F_OGNL;
                case '<' -> f |= F_TAG;
                case '[' -> f |= F_BRACKET;
                case '\u00ac', '\u00ed', '\ufffd' -> f |= F_BINARY;
                default -> { }
            }
            prev = c;
        }
        return f;
    }
}
