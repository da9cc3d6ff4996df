package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrictUtf8ReaderTest {

    /** Characters of one to four bytes in UTF-8, the last two a surrogate pair in UTF-16. */
    private static final String[] CHARACTERS = {"a", " ", "\u00fc", "\u20ac", "\uD83D\uDE00", "\u0416"};

    @Test
    void readsWhatTheJdkDecoderReadsWhateverTheChunkAndReadSizes() throws IOException {
        Random random = new Random(20261208);
        for (int sample = 0; sample < 2_000; sample++) {
            String text = randomText(random, random.nextInt(3) == 0 ? 20_000 : 300);
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            byte[] chunk = new byte[new int[] {8, 9, 16, 61, 8192}[random.nextInt(5)]];
            int readSize = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1 + random.nextInt(9000);

            String read = readAll(new StrictUtf8Reader(ByteBuffer.wrap(body).asReadOnlyBuffer(), 0,
                    new StrictUtf8Decoder(), chunk), readSize);

            assertThat(read).as("sample %d", sample).isEqualTo(text);
        }
    }

    @Test
    void reportsAMalformedSequenceAtTheOffsetTheJdkDecoderStopsAt() {
        Random random = new Random(7);
        byte[][] malformed = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82, 'x'}, {(byte) 0x80}};
        for (int sample = 0; sample < 500; sample++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(randomText(random, 10_000).getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(malformed[random.nextInt(malformed.length)]);
            bytes.writeBytes(randomText(random, 100).getBytes(StandardCharsets.UTF_8));
            byte[] body = bytes.toByteArray();
            long expected = whereTheJdkDecoderStops(body);

            StrictUtf8Reader reader = new StrictUtf8Reader(ByteBuffer.wrap(body), 3, new StrictUtf8Decoder(),
                    new byte[16 + random.nextInt(100)]);

            assertThatThrownBy(() -> readAll(reader, 1 + random.nextInt(5000)))
                    .as("sample %d", sample)
                    .isInstanceOfSatisfying(StrictUtf8Reader.MalformedInput.class,
                            e -> assertThat(e.offset).isEqualTo(expected + 3));
        }
    }

    @Test
    void reportsASequenceThatTheEndOfTheBodyCutsShort() {
        byte[] body = {'a', 'b', (byte) 0xE2, (byte) 0x82};

        StrictUtf8Reader reader = new StrictUtf8Reader(ByteBuffer.wrap(body), 0, new StrictUtf8Decoder(), new byte[8]);

        assertThatThrownBy(() -> readAll(reader, 100))
                .isInstanceOfSatisfying(StrictUtf8Reader.MalformedInput.class, e -> assertThat(e.offset).isEqualTo(2));
    }

    @Test
    void leavesTheSourceWhereItWas() throws IOException {
        ByteBuffer body = ByteBuffer.wrap("xx\u00fcber".getBytes(StandardCharsets.UTF_8)).position(2);

        String read = readAll(new StrictUtf8Reader(body, 0, new StrictUtf8Decoder(), new byte[8]), 4);

        assertThat(read).isEqualTo("\u00fcber");
        assertThat(body.position()).isEqualTo(2);
    }

    @Test
    void clearsTheBytesItCopiedWhenClosed() throws IOException {
        byte[] chunk = new byte[64];
        StrictUtf8Reader reader = new StrictUtf8Reader(ByteBuffer.wrap("secret-token".repeat(20).getBytes(
                StandardCharsets.US_ASCII)), 0, new StrictUtf8Decoder(), chunk);
        readAll(reader, 50);

        reader.close();

        assertThat(chunk).containsOnly((byte) 0);
    }

    private static String readAll(StrictUtf8Reader reader, int readSize) throws IOException {
        StringBuilder read = new StringBuilder();
        char[] into = new char[readSize + 2];
        int n;
        while ((n = reader.read(into, 1, readSize)) >= 0) {
            assertThat(n).isPositive();
            read.append(into, 1, n);
        }
        return read.toString();
    }

    private static long whereTheJdkDecoderStops(byte[] body) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        assertThat(utf8.decode(in, CharBuffer.allocate(body.length), true).isError()).isTrue();
        return in.position();
    }

    private static String randomText(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        boolean ascii = random.nextBoolean();
        while (text.length() < length) {
            text.append(ascii && random.nextInt(50) != 0 ? "a" : CHARACTERS[random.nextInt(CHARACTERS.length)]);
        }
        return text.toString();
    }
}
