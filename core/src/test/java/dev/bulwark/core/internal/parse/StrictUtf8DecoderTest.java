package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrictUtf8DecoderTest {

    /** Pieces of input outside ASCII, well-formed first; runs of ASCII are added between them. */
    private static final byte[][] NON_ASCII = {
        bytes(0xC3, 0xBC), // ü
        bytes(0xE2, 0x82, 0xAC), // €
        bytes(0xF0, 0x9F, 0x98, 0x80), // U+1F600, a surrogate pair in UTF-16
        bytes(0xD0, 0x96, 0xD0, 0xB8), // Жи
        bytes(0xC0, 0xAF), // overlong '/'
        bytes(0xE0, 0x80, 0xAF), // overlong '/'
        bytes(0xED, 0xA0, 0x80), // an encoded surrogate
        bytes(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
        bytes(0x80), // a stray continuation byte
        bytes(0xFF),
        bytes(0xE2, 0x82), // a sequence cut short
        bytes(0xF0, 0x9F, 0x98),
        bytes(0xC3), // a lead byte alone
        bytes(0xF4),
    };

    @Test
    void decodesAsTheJdkDecoderDoesInOneCall() {
        Random random = new Random(20261207);
        for (int sample = 0; sample < 50_000; sample++) {
            byte[] input = randomInput(random, random.nextInt(8) == 0);
            int offset = random.nextInt(4);
            byte[] framed = new byte[offset + input.length + 3];
            System.arraycopy(input, 0, framed, offset, input.length);
            // Slices, whose array starts before their first byte, read-only buffers, which hide it,
            // and outputs with less room than the input has bytes.
            int kind = random.nextInt(8);
            int room = kind == 0 ? random.nextInt(input.length + 1) : input.length;

            Decoded expected = inOneCall(buffer(framed, offset, input.length, kind), room);
            Decoded actual = strictly(buffer(framed, offset, input.length, kind), room);

            assertThat(actual).as("sample %d", sample).isEqualTo(expected);
        }
    }

    @Test
    void decodesACharacterWhereTheFirstWindowEnds() {
        // 70 ASCII bytes, "ü", 13 more, then "€" across byte 86, where a window of 16 bytes from "ü" ends.
        byte[] input = concat("a".repeat(70).getBytes(StandardCharsets.US_ASCII), bytes(0xC3, 0xBC),
                "b".repeat(13).getBytes(StandardCharsets.US_ASCII), bytes(0xE2, 0x82, 0xAC),
                "c".repeat(100).getBytes(StandardCharsets.US_ASCII));

        Decoded decoded = strictly(ByteBuffer.wrap(input), input.length);

        assertThat(decoded.text()).isEqualTo("a".repeat(70) + "ü" + "b".repeat(13) + "€" + "c".repeat(100));
        assertThat(decoded.result()).isEqualTo("UNDERFLOW");
    }

    @Test
    void stopsAtAnOverlongFormAfterLongAsciiRuns() {
        byte[] words = ("Zürich " + "x".repeat(200)).repeat(5).getBytes(StandardCharsets.UTF_8);
        byte[] input = concat(words, bytes(0xC0, 0xAF), "rest".getBytes(StandardCharsets.US_ASCII));

        Decoded decoded = strictly(ByteBuffer.wrap(input), input.length);

        assertThat(decoded.result()).isEqualTo("MALFORMED[1]");
        assertThat(decoded.position()).isEqualTo(words.length);
    }

    @Test
    void reportsAMalformedByteAfterAFullOutputAsTheJdkDecoderDoes() {
        byte[] input = bytes('A', 0xFF);

        Decoded decoded = strictly(ByteBuffer.wrap(input), 1);

        assertThat(decoded).isEqualTo(inOneCall(ByteBuffer.wrap(input), 1));
        assertThat(decoded.result()).isEqualTo("MALFORMED[1]");
    }

    @Test
    void leavesTheLimitOfTheInputAsItWas() {
        byte[] input = concat("x".repeat(100).getBytes(StandardCharsets.US_ASCII), bytes(0xC3, 0xBC),
                "y".repeat(100).getBytes(StandardCharsets.US_ASCII), bytes(0xFF));
        ByteBuffer in = ByteBuffer.wrap(input, 0, input.length - 1);

        new StrictUtf8Decoder().decode(in, CharBuffer.allocate(input.length));

        assertThat(in.limit()).isEqualTo(input.length - 1);
        assertThat(in.hasRemaining()).isFalse();
    }

    /** What a decode gave: its result as the JDK names it, where the input stopped, the characters. */
    private record Decoded(String result, int position, int limit, String text) {
    }

    /** A buffer over {@code framed[offset, offset + length)}: a slice for kind 1, read-only for kind 2. */
    private static ByteBuffer buffer(byte[] framed, int offset, int length, int kind) {
        ByteBuffer buffer = ByteBuffer.wrap(framed, offset, length);
        return kind == 1 ? buffer.slice() : kind == 2 ? buffer.asReadOnlyBuffer() : buffer;
    }

    private static Decoded strictly(ByteBuffer in, int room) {
        CharBuffer out = CharBuffer.allocate(room);
        CoderResult result = new StrictUtf8Decoder().decode(in, out);
        return new Decoded(result.toString(), in.position(), in.limit(), out.flip().toString());
    }

    private static Decoded inOneCall(ByteBuffer in, int room) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(room);
        CoderResult result = utf8.decode(in, out, true);
        return new Decoded(result.toString(), in.position(), in.limit(), out.flip().toString());
    }

    /**
     * Runs of ASCII of every length around the decoder's thresholds, between pieces outside it;
     * {@code wellFormed} keeps to the pieces that are UTF-8, so that whole inputs decode too.
     */
    private static byte[] randomInput(Random random, boolean wellFormed) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        int pieces = 1 + random.nextInt(12);
        for (int p = 0; p < pieces; p++) {
            int run = random.nextInt(3) == 0 ? random.nextInt(400) : random.nextInt(20);
            for (int i = 0; i < run; i++) {
                input.write(random.nextInt(0x80));
            }
            if (!wellFormed && random.nextInt(10) == 0) {
                byte[] noise = new byte[1 + random.nextInt(6)];
                random.nextBytes(noise);
                input.writeBytes(noise);
                continue;
            }
            int repeat = 1 + random.nextInt(random.nextInt(6) == 0 ? 40 : 3);
            byte[] piece = NON_ASCII[random.nextInt(wellFormed ? 4 : NON_ASCII.length)];
            for (int r = 0; r < repeat; r++) {
                input.writeBytes(piece);
            }
        }
        return input.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
