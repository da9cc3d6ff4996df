package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryFormatTest {

    private static ByteBuffer bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(bytes);
    }

    private static ByteBuffer ascii(String text, int... after) {
        byte[] head = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer buffer = ByteBuffer.allocate(head.length + after.length).put(head);
        for (int b : after) {
            buffer.put((byte) b);
        }
        return buffer.flip();
    }

    static Stream<Arguments> signatures() {
        return Stream.of(
                Arguments.of(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13), "PNG image"),
                Arguments.of(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'), "JPEG image"),
                Arguments.of(ascii("GIF89a", 1, 0, 1, 0), "GIF image"),
                Arguments.of(ascii("GIF87a", 1, 0), "GIF image"),
                Arguments.of(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "), "WebP image"),
                Arguments.of(ascii("\u0000\u0000\u0000\u0018ftypheic"), "ISO media file (MP4, HEIC, AVIF)"),
                Arguments.of(ascii("%PDF-1.7\n%"), "PDF document"),
                Arguments.of(bytes('P', 'K', 3, 4, 20, 0, 6, 0), "ZIP archive"),
                Arguments.of(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), "OLE2 compound document"),
                Arguments.of(bytes(0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0), "gzip data"),
                Arguments.of(ascii("BZh9", 0x31, 0x41, 0x59, 0x26, 0x53, 0x59), "bzip2 data"),
                Arguments.of(bytes(0x28, 0xB5, 0x2F, 0xFD, 0x24), "zstd data"),
                Arguments.of(ascii("ID3", 4, 0, 0), "MP3 audio"),
                Arguments.of(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1), "ELF executable"),
                Arguments.of(bytes(0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61), "Java class file"));
    }

    @ParameterizedTest
    @MethodSource("signatures")
    void recognisesFormatBySignature(ByteBuffer content, String description) {
        assertThat(BinaryFormat.detect(content)).isNotNull().extracting(BinaryFormat::description).isEqualTo(description);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BMW 320d, 2019", "ID3 tags are metadata", "PK is a primary key", "BZh...", "RIFF raff",
            "%PD", "GIF8", "{\"png\":true}", ""})
    void doesNotTakeTextThatStartsLikeASignatureForBinary(String text) {
        assertThat(BinaryFormat.detect(ascii(text))).isNull();
    }

    @Test
    void readsFromTheBufferPosition() {
        ByteBuffer content = ascii("xx%PDF-1.4");
        content.position(2);

        assertThat(BinaryFormat.detect(content)).isEqualTo(BinaryFormat.PDF);
        assertThat(content.position()).isEqualTo(2);
    }
}
