package dev.bulwark.benchmarks;

import dev.bulwark.core.RequestValue;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.parse.JsonBodyParser;
import dev.bulwark.core.internal.parse.LimitExceededException;
import dev.bulwark.core.internal.parse.MalformedRequestException;
import java.nio.ByteBuffer;
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
        byte[] order;

        @Setup
        public void setUp() {
            order = OpenApiBenchmark.order();
        }
    }

    @Benchmark
    public void parseOrder(Body body, Blackhole blackhole) throws LimitExceededException, MalformedRequestException {
        body.parser.parse(ByteBuffer.wrap(body.order.clone()), (RequestValue value) -> blackhole.consume(value));
    }
}
