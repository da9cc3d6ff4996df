package dev.bulwark.core.internal.decode;

import static dev.bulwark.core.DecodingFlag.CONTROL_CHARACTER;
import static dev.bulwark.core.DecodingFlag.ENCODING_DEPTH_EXCEEDED;
import static dev.bulwark.core.DecodingFlag.INVALID_PERCENT_ENCODING;
import static dev.bulwark.core.DecodingFlag.INVALID_UTF8;
import static dev.bulwark.core.DecodingFlag.MULTIPLE_ENCODING;
import static dev.bulwark.core.DecodingFlag.NUL_BYTE;
import static dev.bulwark.core.DecodingFlag.OVERLONG_UTF8;
import static dev.bulwark.core.DecodingFlag.PERCENT_U_ENCODING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentDecoderTest {

    private final PercentDecoder decoder = new PercentDecoder(3);

    @Test
    void returnsTheSameStringWhenThereIsNothingToDecode() {
        String raw = "plain-value_1.2~";

        DecodedText decoded = decoder.decode(raw, true);

        assertThat(decoded.text()).isSameAs(raw);
        assertThat(decoded.flags()).isEmpty();
    }

    @Test
    void keepsPlusWhenPlusIsNotASpace() {
        String raw = "a+b";

        assertThat(decoder.decode(raw, false).text()).isSameAs(raw);
    }

    @Test
    void readsPlusAsSpaceWhenAsked() {
        assertThat(decoder.decode("a+b+c", true).text()).isEqualTo("a b c");
    }

    @Test
    void readsEncodedPlusAsPlusEvenWhenDoublyEncoded() {
        assertThat(decoder.decode("%2B", true).text()).isEqualTo("+");
        assertThat(decoder.decode("%252B", true).text()).isEqualTo("+");
    }

    @Test
    void decodesPercentEscapesAsUtf8() {
        DecodedText decoded = decoder.decode("caf%C3%A9%20%F0%9F%98%80", false);

        assertThat(decoded.text()).isEqualTo("café 😀");
        assertThat(decoded.flags()).isEmpty();
    }

    @Test
    void keepsLiteralNonAsciiCharactersBetweenEscapes() {
        assertThat(decoder.decode("é%41ü", false).text()).isEqualTo("éAü");
    }

    @Test
    void undoesDoubleEncodingAndFlagsIt() {
        DecodedText decoded = decoder.decode("%252e%252e%252f", false);

        assertThat(decoded.text()).isEqualTo("../");
        assertThat(decoded.flags()).containsExactly(MULTIPLE_ENCODING);
    }

    @Test
    void undoesTripleEncodingWithinThreePasses() {
        DecodedText decoded = decoder.decode("%25252e%25252e%25252f", false);

        assertThat(decoded.text()).isEqualTo("../");
        assertThat(decoded.flags()).containsExactly(MULTIPLE_ENCODING);
    }

    @Test
    void flagsEncodingsLeftAfterTheLastPass() {
        DecodedText decoded = new PercentDecoder(2).decode("%25252e", false);

        assertThat(decoded.text()).isEqualTo("%2e");
        assertThat(decoded.flags()).containsExactlyInAnyOrder(MULTIPLE_ENCODING, ENCODING_DEPTH_EXCEEDED);
    }

    @Test
    void flagsDepthExceededAfterASinglePassWhenOnlyOneIsAllowed() {
        DecodedText decoded = new PercentDecoder(1).decode("%252e", false);

        assertThat(decoded.text()).isEqualTo("%2e");
        assertThat(decoded.flags()).containsExactly(ENCODING_DEPTH_EXCEEDED);
    }

    @Test
    void doesNotFlagALiteralPercentProducedByDecoding() {
        DecodedText decoded = decoder.decode("100%25", false);

        assertThat(decoded.text()).isEqualTo("100%");
        assertThat(decoded.flags()).isEmpty();
    }

    @Test
    void decodesIisPercentUEscapesAndFlagsThem() {
        DecodedText decoded = decoder.decode("%u002e%u002E%U002f", false);

        assertThat(decoded.text()).isEqualTo("../");
        assertThat(decoded.flags()).containsExactly(PERCENT_U_ENCODING);
    }

    @Test
    void decodesPercentUHiddenBehindAnEncodedPercent() {
        DecodedText decoded = decoder.decode("%25u003c", false);

        assertThat(decoded.text()).isEqualTo("<");
        assertThat(decoded.flags()).containsExactlyInAnyOrder(PERCENT_U_ENCODING, MULTIPLE_ENCODING);
    }

    @Test
    void keepsAPercentWithoutTwoHexDigitsAndFlagsIt() {
        for (String raw : new String[] {"100%", "%4", "%zz41", "%u12", "%%41"}) {
            DecodedText decoded = decoder.decode(raw, false);

            assertThat(decoded.hasFlag(INVALID_PERCENT_ENCODING)).as(raw).isTrue();
            assertThat(decoded.text()).as(raw).startsWith(raw.substring(0, raw.indexOf('%') + 1));
        }
        assertThat(decoder.decode("%%41", false).text()).isEqualTo("%A");
    }

    @Test
    void replacesInvalidUtf8WithReplacementCharacterAndFlagsIt() {
        DecodedText decoded = decoder.decode("a%FFb%C3", false);

        assertThat(decoded.text()).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(decoded.flags()).containsExactly(INVALID_UTF8);
    }

    @Test
    void neverDecodesOverlongSlashToASlash() {
        for (String raw : new String[] {"%C0%AF", "%E0%80%AF", "%F0%80%80%AF", "%c0%ae%c0%ae%c0%af"}) {
            DecodedText decoded = decoder.decode(raw, false);

            assertThat(decoded.text()).as(raw).doesNotContain("/", ".").contains("\uFFFD");
            assertThat(decoded.flags()).as(raw).contains(OVERLONG_UTF8, INVALID_UTF8);
        }
        assertThat(decoder.decode("%C0%AF", false).text()).isEqualTo("\uFFFD");
        assertThat(decoder.decode("%E0%80%AF", false).text()).isEqualTo("\uFFFD");
    }

    @Test
    void flagsOverlongFormsHiddenBehindDoubleEncoding() {
        DecodedText decoded = decoder.decode("%25C0%25AF", false);

        assertThat(decoded.text()).isEqualTo("%C0%AF");
        assertThat(decoded.flags()).contains(OVERLONG_UTF8, MULTIPLE_ENCODING).doesNotContain(ENCODING_DEPTH_EXCEEDED);
    }

    @Test
    void keepsEscapesALaterPassAssemblesFromLeftoversWhenTheyAreNotUtf8() {
        // %%32%%66 gives %2%f; a second pass must not read %fb out of "%f" and the "b" of boot.ini
        DecodedText decoded = decoder.decode("..%%32%%66..%%32%%66boot.ini", false);

        assertThat(decoded.text()).isEqualTo("..%2%f..%2%fboot.ini");
        assertThat(decoded.flags()).contains(INVALID_PERCENT_ENCODING, INVALID_UTF8).doesNotContain(ENCODING_DEPTH_EXCEEDED);
    }

    @Test
    void stillUndoesValidLayersBesideEscapesItKeeps() {
        assertThat(decoder.decode("%25fb%25252e", false).text()).isEqualTo("%fb.");
    }

    @Test
    void replacesInvalidUtf8OfTheFirstPassAsBefore() {
        assertThat(decoder.decode("%%32%%66%fb", false).text()).isEqualTo("%2%f\uFFFD");
    }

    @Test
    void rejectsEncodedSurrogatesAsInvalidUtf8() {
        DecodedText decoded = decoder.decode("%ED%A0%80", false);

        assertThat(decoded.text()).isEqualTo("\uFFFD");
        assertThat(decoded.flags()).containsExactly(INVALID_UTF8);
    }

    @Test
    void keepsNulAndFlagsIt() {
        DecodedText decoded = decoder.decode("file.php%00.jpg", false);

        assertThat(decoded.text()).isEqualTo("file.php\0.jpg");
        assertThat(decoded.flags()).containsExactly(NUL_BYTE);
    }

    @Test
    void flagsNulEvenOnTheFastPath() {
        assertThat(decoder.decode("a\0b", false).flags()).containsExactly(NUL_BYTE);
    }

    @Test
    void flagsControlCharactersButNotTabOrLineBreaks() {
        assertThat(decoder.decode("%01", false).flags()).containsExactly(CONTROL_CHARACTER);
        assertThat(decoder.decode("%1b[31m", false).flags()).containsExactly(CONTROL_CHARACTER);
        assertThat(decoder.decode("%09%0A%0D", false).flags()).isEmpty();
    }

    @Test
    void rejectsAZeroPassDecoder() {
        assertThatThrownBy(() -> new PercentDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesAdversarialMegabyteInputsInLinearTime() {
        int size = 1 << 20;
        String[] inputs = {
            "%".repeat(size),
            "%25".repeat(size / 3),
            "%u".repeat(size / 2),
            "%C0".repeat(size / 3),
            "%E0%80".repeat(size / 6),
            "+%2".repeat(size / 3),
            "%2525".repeat(size / 5),
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String input : inputs) {
                assertThat(decoder.decode(input, true).text()).isNotNull();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a+b", "tab\there", "nul\u0000", "%2e%2E", "%252e", "%u0041", "%zz", "%c0%af", "caf%C3%A9"})
    void givesAsValueWhatItDecodesWithTheRawTextAndLocation(String raw) {
        Location location = Location.value(Source.QUERY, "q");
        for (boolean plusAsSpace : new boolean[] {true, false}) {
            DecodedText decoded = decoder.decode(raw, plusAsSpace);

            RequestValue value = decoder.decodeValue(location, raw, plusAsSpace);

            assertThat(value.location()).isEqualTo(location);
            assertThat(value.raw()).isSameAs(raw);
            assertThat(value.decoded()).isEqualTo(decoded.text());
            assertThat(value.flags()).isEqualTo(decoded.flags());
        }
    }

    /**
     * The one-go decoding of values whose escapes are all ASCII must give what the passes give, text
     * and flags, for any input: random texts over the characters that steer decoding (escapes of
     * every byte, stray and doubled percent signs, {@code %u}, plus, controls, non-ASCII).
     */
    @Test
    void decodesInOneGoExactlyAsThePassesDo() {
        String[] pieces = {"a", "Z", "0", "f", "F", "u", "U", "%", "+", " ", "-", "~", "/", ".", "é", "\u00ff", "\u20ac",
            "\ud83d\ude00", "\u0000", "\t", "\u0001", "\u007f", "%20", "%3D", "%3d", "%25", "%2B", "%2b", "%00", "%0a",
            "%7F", "%7f", "%80", "%C3%A9", "%c3", "%A9", "%E2%82%AC", "%F0%9F%98%80", "%2", "%G0", "%0G", "%u0041",
            "%U00e9", "%u00", "%252e", "%2e", "%5C", "%ff", "%C0%AF", "%%", "%%20"};
        Random random = new Random(20261207);
        for (PercentDecoder passes : new PercentDecoder[] {new PercentDecoder(1), new PercentDecoder(3)}) {
            for (int run = 0; run < 200_000; run++) {
                StringBuilder raw = new StringBuilder();
                for (int k = random.nextInt(8); k >= 0; k--) {
                    raw.append(pieces[random.nextInt(pieces.length)]);
                }
                String text = raw.toString();
                for (boolean plusAsSpace : new boolean[] {true, false}) {
                    DecodedText expected = passes.decodeByPasses(text, plusAsSpace);

                    DecodedText decoded = passes.decode(text, plusAsSpace);
                    RequestValue value = passes.decodeValue(Location.value(Source.QUERY, "q"), text, plusAsSpace);

                    assertThat(decoded.text()).as(text).isEqualTo(expected.text());
                    assertThat(decoded.flags()).as(text).isEqualTo(expected.flags());
                    assertThat(value.decoded()).as(text).isEqualTo(expected.text());
                    assertThat(value.flags()).as(text).isEqualTo(expected.flags());
                }
            }
        }
    }

    @Test
    void leavesToThePassesWhatOneGoCannotDecode() {
        for (String raw : new String[] {"%C3%A9", "%25", "%2", "%u0041", "%zz", "a%"}) {
            assertThat(PercentDecoder.decodeAsciiEscapes(raw, true)).as(raw).isNull();
        }
        assertThat(PercentDecoder.decodeAsciiEscapes("oak%20table+x", true)).isEqualTo("oak table x");
    }
}
