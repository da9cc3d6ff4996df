package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.traffic.CorpusRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Bulwark#evaluate} on the requests of {@code typical.jsonl} from 1, 2 and 8 threads sharing
 * one engine, as a server's request threads do: whatever the threads share (caches, counters,
 * per-thread buffers) shows as a per-call cost that grows with the threads.
 *
 * <p>Throughput in calls per second, summed over the threads. Beside it, the CPU time the calling
 * threads used: {@code cpuNanos / calls} is the cost of one call in nanoseconds, which, unlike
 * the throughput, does not change when other processes take some of the machine's cores. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the memory allocated per call.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh ConcurrencyBenchmark -prof gc
 * java -jar benchmarks/target/benchmarks.jar jmh ConcurrencyBenchmark -p request=json-1k
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConcurrencyBenchmark {

    /** One request of {@code typical.jsonl} and one engine at level {@code standard}, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Shared {

        @Param({"get", "json-1k", "form", "json-100k", "multipart-50k"})
        public String request;

        Bulwark engine;
        HttpRequest httpRequest;

        @Setup
        public void setUp() throws IOException {
            CorpusRequest found = EngineBenchmark.typicalRequest(request);
            String level = "standard";
            engine = EngineBenchmark.engine(level);
            httpRequest = found.toHttpRequest();
            EngineBenchmark.warnIfBlocked(engine, level, found.id(), httpRequest);
        }
    }

    /**
     * Calls and the CPU time of the thread that made them, per iteration, summed over the threads
     * by JMH. The CPU time is read every {@value #CPU_READ_PERIOD} calls, so that reading it costs
     * little beside a call.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CallCost {
        public long calls;
        public long cpuNanos;
        private long startCpu;

        @Setup(Level.Iteration)
        public void start() {
            calls = 0;
            cpuNanos = 0;
            startCpu = THREADS.getCurrentThreadCpuTime();
        }

        void count() {
            if (++calls % CPU_READ_PERIOD == 0) {
                cpuNanos = THREADS.getCurrentThreadCpuTime() - startCpu;
            }
        }
    }

    static final int CPU_READ_PERIOD = 8;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Benchmark
    @Threads(1)
    public Decision oneThread(Shared state, CallCost cost) {
        cost.count();
        return state.engine.evaluate(state.httpRequest);
    }

    @Benchmark
    @Threads(2)
    public Decision twoThreads(Shared state, CallCost cost) {
        cost.count();
        return state.engine.evaluate(state.httpRequest);
    }

    @Benchmark
    @Threads(8)
    public Decision eightThreads(Shared state, CallCost cost) {
        cost.count();
        return state.engine.evaluate(state.httpRequest);
    }
}
