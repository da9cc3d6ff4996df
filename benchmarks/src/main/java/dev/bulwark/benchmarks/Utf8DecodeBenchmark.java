package dev.bulwark.benchmarks;

import dev.bulwark.core.internal.parse.StrictUtf8Decoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The strict UTF-8 decode of a JSON body ({@link StrictUtf8Decoder}) against one call of the JDK's
 * decoder, on 8 KiB of text of several shapes: {@code ascii}; {@code name-early}, one "Zürich" at
 * the start; {@code french} and {@code russian} prose; {@code sparse}, one "é" every 300 bytes;
 * {@code dense-runs}, one every 64.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh Utf8DecodeBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Utf8DecodeBenchmark {

    private static final int SIZE = 8192;

    /** The text, and the decoders. */
    @State(Scope.Thread)
    public static class Text {
        @Param({"ascii", "name-early", "french", "russian", "sparse", "dense-runs"})
        public String shape;

        final StrictUtf8Decoder strict = new StrictUtf8Decoder();
        final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] bytes;
        char[] chars;

        @Setup
        public void setUp() {
            String unit = switch (shape) {
                case "ascii" -> "Call before delivery, the bell is broken. ";
                case "name-early" -> "Zürich " + "y".repeat(SIZE);
                case "french" -> "Le café était très animé, où les élèves déjeunaient près de la fenêtre. ";
                case "russian" -> "Съешь же ещё этих мягких французских булок, да выпей чаю. ";
                case "sparse" -> "z".repeat(300) + "é";
                case "dense-runs" -> "z".repeat(64) + "é";
                default -> throw new IllegalArgumentException(shape);
            };
            byte[] repeated = unit.repeat(SIZE / unit.length() + 1).getBytes(StandardCharsets.UTF_8);
            // Cut at a character's start, so that every shape is well-formed.
            int length = SIZE;
            while ((repeated[length] & 0xC0) == 0x80) {
                length--;
            }
            bytes = Arrays.copyOf(repeated, length);
            chars = new char[bytes.length];
            warmOtherDecoders();
        }

        /**
         * Runs the decoders of the other charsets an engine meets (a sniffed prefix, a form, a
         * multipart part), so that the JDK's shared decoding code is compiled for several of them,
         * as in a server, whichever decoder a benchmark then calls.
         */
        private void warmOtherDecoders() {
            byte[] text = "Zürich, Bahnhofstrasse 1".getBytes(StandardCharsets.UTF_8);
            for (Charset charset : List.of(StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8)) {
                CharsetDecoder decoder = charset.newDecoder();
                for (int i = 0; i < 20_000; i++) {
                    decoder.reset().decode(ByteBuffer.wrap(text), CharBuffer.allocate(text.length), true);
                }
            }
        }
    }

    @Benchmark
    public CoderResult strict(Text text) {
        return text.strict.decode(ByteBuffer.wrap(text.bytes), CharBuffer.wrap(text.chars));
    }

    @Benchmark
    public CoderResult inOneCall(Text text) {
        return text.utf8.reset().decode(ByteBuffer.wrap(text.bytes), CharBuffer.wrap(text.chars), true);
    }
}
