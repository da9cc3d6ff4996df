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

import dev.bulwark.core.internal.RandomPieces;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.Base64Text;
import dev.bulwark.core.internal.rules.TextProfile;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick pre-scan of {@link JavaAttackDetector}, split into bits read off the profile and bits
 * of base64 runs read only when a scan needs them, held to the single pass over every character
 * that it replaces.
 */
class JavaFeaturesTest {

    @Test
    void splitFeaturesEqualOnePassOverEveryCharacter() {
        Random random = new Random(20261207L);
        int withLongRun = 0;
        for (int i = 0; i < 200_000; i++) {
            String value = randomValue(random);
            int expected = onePass(value);
            int punctuation = JavaAttackDetector.punctuationFeatures(value, TextProfile.of(value));
            int runs = JavaAttackDetector.runFeatures(value);
            assertThat(punctuation | runs).as(value).isEqualTo(expected);
            assertThat(JavaAttackDetector.hasLongRun(value)).as(value).isEqualTo((expected & F_LONG_RUN) != 0);
            if ((expected & F_LONG_RUN) != 0) {
                withLongRun++;
            }
        }
        // The generator makes values with and without long runs, many of each.
        assertThat(withLongRun).isBetween(20_000, 180_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefghij", "x abcdefghij", "abcdefghij x", "123456789 abcdefghij", "a.bcdefghijk",
        "abcdefghi jabcdefghi", "abcdefghi", "abcdefghi.abcdefghi.", "++++++++++", "ab-cd_ef/gh+ij"})
    void findsALongRunWhereverItStands(String value) {
        assertThat(JavaAttackDetector.hasLongRun(value)).isEqualTo((onePass(value) & F_LONG_RUN) != 0);
    }

    private static final String[] PIECES = {
        "a", "B", "c", "Q", "rO0AB", "KztAAU", "H4sI", "aced0005", "abcdefgh", "ABCDEFGH", "Mixed", "x", "12345",
        "0", "+", "/", "-", "_", "=", " ", " ", "  ", ".", ".", "$", "{", "${", "}", "(", ")", "[", "]", "<", ">",
        "%", "&", "\\", "#", "@", "java.lang.", "class", "'", "\"", "\n", "\u00ac", "\u00ed", "\ufffd", "\u00e9",
        "\u4e2d", "neighbour", "delivery", "present", "Please",
    };

    private static String randomValue(Random random) {
        return RandomPieces.join(random, PIECES, 16);
    }

    // The pre-scan as one pass over every character, as it was read before the split: kept here on
    // purpose, as the reference the split is held to, not as a copy to keep in step with the detector.

    private static final int UPPER = 1;
    private static final int LOWER = 2;
    private static final int OTHER_B64 = 4;
    private static final int PUNCT_CLASS = 8;
    private static final int BASE64_CLASSES = UPPER | LOWER | OTHER_B64;
    private static final byte[] CHAR_CLASS = new byte[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            CHAR_CLASS[c] = UPPER;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            CHAR_CLASS[c] = LOWER;
        }
        for (char c = '0'; c <= '9'; c++) {
            CHAR_CLASS[c] = OTHER_B64;
        }
        CHAR_CLASS['+'] = OTHER_B64 | PUNCT_CLASS;
        CHAR_CLASS['/'] = OTHER_B64 | PUNCT_CLASS;
        CHAR_CLASS['-'] = OTHER_B64 | PUNCT_CLASS;
        CHAR_CLASS['_'] = OTHER_B64 | PUNCT_CLASS;
    }

    private static int onePass(String s) {
        int f = 0;
        int run = 0;
        int cases = 0;
        char prev = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            int cls = c < 128 ? CHAR_CLASS[c] : 0;
            if ((cls & BASE64_CLASSES) != 0) {
                run++;
                cases |= cls;
                if (run >= Base64Text.MIN_RUN) {
                    f |= F_LONG_RUN;
                }
                if (run >= 5 && (cases & (UPPER | LOWER)) == (UPPER | LOWER)) {
                    f |= F_BASE64;
                } else if (run >= 8) {
                    f |= F_ALNUM_RUN;
                }
                if ((cls & PUNCT_CLASS) == 0) {
                    prev = c;
                    continue;
                }
            } else {
                run = 0;
                cases = 0;
            }
            switch (c) {
                case '%', '&', '\\' -> f |= F_ESCAPE | (c == '%' ? F_OGNL : 0);
                case '{' -> f |= prev == '$' ? F_DOLLAR_BRACE : 0;
                case '.' -> f |= Ascii.isJavaIdentPart(prev) && i + 1 < n && isSegmentStart(s.charAt(i + 1)) ? F_DOTTED : 0;
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

    private static boolean isSegmentStart(char c) {
        return Ascii.isIdentStart(c) || c == '$';
    }
}
