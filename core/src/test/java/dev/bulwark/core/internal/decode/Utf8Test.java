package dev.bulwark.core.internal.decode;

import static dev.bulwark.core.DecodingFlag.INVALID_UTF8;
import static dev.bulwark.core.DecodingFlag.OVERLONG_UTF8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static DecodedText decode(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return Utf8.decode(bytes, 0, bytes.length);
    }

    @Test
    void decodesWellFormedTextLikeTheJdk() {
        String text = "ASCII, é, €, 𝄞, 中文";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        DecodedText decoded = Utf8.decode(bytes, 0, bytes.length);

        assertThat(decoded.text()).isEqualTo(text);
        assertThat(decoded.flags()).isEmpty();
    }

    @Test
    void decodesOnlyTheGivenRange() {
        byte[] bytes = "xxabcxx".getBytes(StandardCharsets.US_ASCII);

        assertThat(Utf8.decode(bytes, 2, 3).text()).isEqualTo("abc");
    }

    @Test
    void replacesEachOverlongFormWithOneReplacementCharacter() {
        assertThat(decode(0xC0, 0xAF).text()).isEqualTo("\uFFFD");
        assertThat(decode(0xC1, 0xBF).text()).isEqualTo("\uFFFD");
        assertThat(decode(0xE0, 0x80, 0xAF).text()).isEqualTo("\uFFFD");
        assertThat(decode(0xF0, 0x80, 0x80, 0xAF).text()).isEqualTo("\uFFFD");
        assertThat(decode(0xC0, 0x80).flags()).containsExactlyInAnyOrder(OVERLONG_UTF8, INVALID_UTF8);
    }

    @Test
    void resumesAtTheByteThatBrokeASequence() {
        DecodedText decoded = decode(0xE2, 0x82, 'A', 0xC3);

        assertThat(decoded.text()).isEqualTo("\uFFFDA\uFFFD");
        assertThat(decoded.flags()).containsExactly(INVALID_UTF8);
    }

    @Test
    void rejectsStrayContinuationAndImpossibleBytes() {
        assertThat(decode(0x80, 0xBF, 0xF5, 0xFF).text()).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void rejectsCodePointsAboveTheUnicodeRange() {
        DecodedText decoded = decode(0xF4, 0x90, 0x80, 0x80);

        assertThat(decoded.text()).isEqualTo("\uFFFD");
        assertThat(decoded.flags()).containsExactly(INVALID_UTF8);
    }

    @Test
    void acceptsTheHighestCodePoint() {
        assertThat(decode(0xF4, 0x8F, 0xBF, 0xBF).text()).isEqualTo(new String(Character.toChars(0x10FFFF)));
    }
}
