package dev.bulwark.core.internal.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EscapeDecoderTest {

    @Test
    void returnsTheSameStringWithoutBackslash() {
        String plain = "alert(1)";

        assertThat(EscapeDecoder.decodeJsEscapes(plain)).isSameAs(plain);
    }

    @Test
    void decodesUnicodeEscapes() {
        assertThat(EscapeDecoder.decodeJsEscapes("\\u0061lert\\u00281\\u0029")).isEqualTo("alert(1)");
    }

    @Test
    void decodesCodePointEscapes() {
        assertThat(EscapeDecoder.decodeJsEscapes("\\u{61}\\u{000000006C}\\u{1F600}")).isEqualTo("al😀");
    }

    @Test
    void decodesHexEscapes() {
        assertThat(EscapeDecoder.decodeJsEscapes("\\x3cscript\\x3E")).isEqualTo("<script>");
    }

    @Test
    void decodesOctalEscapes() {
        assertThat(EscapeDecoder.decodeJsEscapes("\\141\\154\\0\\7\\400")).isEqualTo("al\0\u0007" + "\u0020" + "0");
    }

    @Test
    void decodesSimpleEscapes() {
        assertThat(EscapeDecoder.decodeJsEscapes("\\n\\t\\r\\b\\f\\v\\'\\\"\\\\\\/"))
                .isEqualTo("\n\t\r\b\f\u000B'\"\\/");
    }

    @Test
    void readsAnUnknownEscapeAsTheCharacterItself() {
        assertThat(EscapeDecoder.decodeJsEscapes("\\a\\l\\e\\r\\t")).isEqualTo("ale\r\t");
    }

    @Test
    void removesLineContinuations() {
        assertThat(EscapeDecoder.decodeJsEscapes("ab\\\ncd\\\r\nef")).isEqualTo("abcdef");
    }

    @Test
    void keepsIncompleteEscapesAsWritten() {
        assertThat(EscapeDecoder.decodeJsEscapes("\\u12 \\x4 \\u{110000} \\u{} \\")).isEqualTo("\\u12 \\x4 \\u{110000} \\u{} \\");
    }

    @Test
    void decodesAdversarialMegabyteInputsInLinearTime() {
        int size = 1 << 20;
        String[] inputs = {"\\".repeat(size), "\\u{".repeat(size / 3), "\\u{0000000".repeat(size / 10)};
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String input : inputs) {
                assertThat(EscapeDecoder.decodeJsEscapes(input)).isNotNull();
            }
        });
    }
}
