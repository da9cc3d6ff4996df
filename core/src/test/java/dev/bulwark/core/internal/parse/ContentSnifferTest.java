package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.parse.ContentSniffer.Shape;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentSnifferTest {

    @Test
    void opensJsonExactlyWhereTheShapeIsJson() {
        for (String text : new String[] {"{\"a\":1}", "\uFEFF \n[1]", "  {", "<a/>", "a=1&b=2", "x {", "", "   "}) {
            assertThat(ContentSniffer.opensJson(text)).as(text)
                    .isEqualTo(ContentSniffer.shape(text) == ContentSniffer.Shape.JSON);
        }
    }

    @Test
    void takesTextWithLineEndsTabsAndNonAsciiLettersAsText() {
        assertThat(ContentSniffer.looksTextual("name: Zoë\n\tage: 5\r\n\u001B[0m")).isTrue();
    }

    @Test
    void takesTextBehindAFileSignatureAsText() {
        String pngSignature = "\uFFFDPNG\r\n\u001A\n";

        assertThat(ContentSniffer.looksTextual(pngSignature + "' UNION SELECT password FROM users--")).isTrue();
    }

    @Test
    void judgesContentWhoseFirstBytesAreBinaryAsBinary() {
        byte[] content = new byte[ContentSniffer.PREFIX_LENGTH + 100];
        Arrays.fill(content, (byte) 0x01);
        byte[] text = "' UNION SELECT password FROM users--".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, content, content.length - text.length, text.length);

        assertThat(ContentSniffer.startsBinary(ByteBuffer.wrap(content), StandardCharsets.UTF_8)).isTrue();
    }

    @Test
    void leavesTextualFirstBytesToTheWholeContent() {
        ByteBuffer content = ByteBuffer.wrap("plain words ".repeat(1000).getBytes(StandardCharsets.UTF_8));

        assertThat(ContentSniffer.startsBinary(content, StandardCharsets.UTF_8)).isFalse();
        assertThat(content.position()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "US-ASCII", "ISO-8859-1"})
    void judgesFirstBytesAsDecodingThemWould(String charsetName) {
        Charset charset = Charset.forName(charsetName);
        SplittableRandom random = new SplittableRandom(20261207L);
        for (int round = 0; round < 20_000; round++) {
            byte[] content = randomContent(random);
            int length = Math.min(content.length, ContentSniffer.PREFIX_LENGTH);
            boolean decodedVerdict = !ContentSniffer.looksTextual(new String(content, 0, length, charset));

            assertThat(ContentSniffer.startsBinary(ByteBuffer.wrap(content), charset))
                    .as("round %d: %s", round, Arrays.toString(content))
                    .isEqualTo(decodedVerdict);
        }
    }

    /** Characters of one to four bytes in UTF-8, and a replacement character written out. */
    private static final String[] NON_ASCII = {"ë", "é", "\u0085", "数", "–", "\uFFFD", "😀"};

    /**
     * Text (ASCII, and whole UTF-8 characters of every length), binary, and mixtures near the
     * verdict's threshold, of lengths up to past the prefix.
     */
    private static byte[] randomContent(SplittableRandom random) {
        int length = random.nextInt(8) == 0 ? ContentSniffer.PREFIX_LENGTH + random.nextInt(64) : random.nextInt(600);
        byte[] content = new byte[length];
        int oddBytes = random.nextBoolean() ? 128 : 256;
        // The share of bytes that are not plain text: none, a few (near the threshold) or many.
        int oddPerMille = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(40);
            case 2 -> random.nextInt(200);
            default -> 1000;
        };
        for (int i = 0; i < length; i++) {
            if (random.nextInt(1000) < oddPerMille) {
                content[i] = (byte) random.nextInt(oddBytes);
            } else if (random.nextInt(4) == 0) {
                byte[] character = NON_ASCII[random.nextInt(NON_ASCII.length)].getBytes(StandardCharsets.UTF_8);
                int fitting = Math.min(character.length, length - i);
                System.arraycopy(character, 0, content, i, fitting);
                i += fitting - 1;
            } else {
                content[i] = (byte) (' ' + random.nextInt(95));
            }
        }
        return content;
    }

    @Test
    void takesContentWithManyNulsAsBinary() {
        assertThat(ContentSniffer.looksTextual("\0".repeat(17) + "an otherwise ordinary text")).isFalse();
    }

    @Test
    void toleratesAStrayUndecodableByteInLongText() {
        String text = "x".repeat(200) + '\uFFFD';

        assertThat(ContentSniffer.looksTextual(text)).isTrue();
    }

    @Test
    void takesManyControlOrUndecodableCharactersAsBinary() {
        assertThat(ContentSniffer.looksTextual("\u0003\u0089\uFFFDab\u0001cd".repeat(10))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":1}|JSON",
            "  \n[1,2]|JSON",
            "\uFEFF{\"a\":1}|JSON",
            "<?xml version=\"1.0\"?><a/>|XML",
            "\n<order><id>1</id></order>|XML",
            "a=1&b=%27x%27|FORM",
            "q=1+union+select&x=|FORM",
            "query { user(id: 1) { name } }|TEXT",
            "name: Anna|TEXT",
            "a=1 b=2|TEXT",
            "=value|TEXT",
            "a=1&&b|TEXT",
            "plain words|TEXT"})
    void guessesTheShapeOfText(String text, String shape) {
        assertThat(ContentSniffer.shape(text)).isEqualTo(Shape.valueOf(shape));
    }

    @Test
    void allowsAFormToEndWithALineEnd() {
        assertThat(ContentSniffer.shape("token=abc\r\n")).isEqualTo(Shape.FORM);
    }

    @Test
    void takesBlankTextAsText() {
        assertThat(ContentSniffer.shape(" \n")).isEqualTo(Shape.TEXT);
    }
}
