package dev.bulwark.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.parse.JsonBodyParser;
import dev.bulwark.core.internal.parse.LimitExceededException;
import dev.bulwark.core.internal.parse.MalformedRequestException;
import dev.bulwark.core.internal.parse.StrictUtf8Decoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of reading a JSON body alone: {@link JsonBodyParser} over the 1 KiB order of
 * {@link OpenApiBenchmark} (81 keys and string values), every value handed to a sink that keeps
 * nothing. Each operation parses a new copy of the body, as a server hands over a new body per
 * request, so nothing is remembered from the last parse; the copy (1 KiB) is part of the figure.
 *
 * <p>Two parts of it, measured alone, show what the parse costs beyond the library it reads with:
 * {@code decode}, the strict UTF-8 decode ({@link StrictUtf8Decoder}), and {@code jacksonTokens},
 * Jackson's token loop over the decoded text with every name and string read. The rest of
 * {@code parseOrder} is Bulwark's own work per token: pointers, limits, duplicate keys and a value
 * for each name and string. {@code decodeInOneCall} is the JDK's UTF-8 decoder over the whole body
 * in one call, which the order's "Zürich" sends byte by byte through the rest of it.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh JsonParseBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JsonParseBenchmark {

    /** The parser and the body. */
    @State(Scope.Benchmark)
    public static class Body {
        final JsonBodyParser parser = new JsonBodyParser(Limits.defaults());
        /** Set as {@link JsonBodyParser} sets its factory: names are neither interned nor canonicalised. */
        final JsonFactory factory = JsonFactory.builder()
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build();
        byte[] order;
        char[] text;

        @Setup
        public void setUp() {
            order = OpenApiBenchmark.order();
            text = new String(order, StandardCharsets.UTF_8).toCharArray();
        }
    }

    /** Each thread's decoders and the array they decode into: decoders hold state while they run. */
    @State(Scope.Thread)
    public static class Decoders {
        final StrictUtf8Decoder strictUtf8 = new StrictUtf8Decoder();
        final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        final char[] decoded = new char[OpenApiBenchmark.order().length];
    }

    @Benchmark
    public void parseOrder(Body body, Blackhole blackhole) throws LimitExceededException, MalformedRequestException {
        body.parser.parse(ByteBuffer.wrap(body.order.clone()), (RequestValue value) -> blackhole.consume(value));
    }

    /** The strict decode alone, into an array kept from call to call, as the parser decodes a small body. */
    @Benchmark
    public CoderResult decode(Body body, Decoders decoders) {
        return decoders.strictUtf8.decode(ByteBuffer.wrap(body.order), CharBuffer.wrap(decoders.decoded));
    }

    /** The JDK's UTF-8 decoder over the whole body in one call, reporting malformed input. */
    @Benchmark
    public CoderResult decodeInOneCall(Body body, Decoders decoders) {
        return decoders.utf8.reset().decode(ByteBuffer.wrap(body.order), CharBuffer.wrap(decoders.decoded), true);
    }

    /** Jackson's token loop alone over the decoded order, every name and string read and handed on. */
    @Benchmark
    public void jacksonTokens(Body body, Blackhole blackhole) throws IOException {
        try (JsonParser parser = body.factory.createParser(body.text, 0, body.text.length)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    blackhole.consume(parser.getText());
                }
            }
        }
    }
}
