package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.HttpRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What a server does to the engine between two of its calls, measured apart: the thread pool
 * handing requests round its threads, and the server's own work pushing the engine's data out of
 * the processor's caches. {@link ConcurrencyBenchmark} shows neither: JMH lets each thread run for
 * whole time slices, thousands of warm calls at a time.
 *
 * <p>Under {@code wrk -c8}, Jetty ran the echo sample's requests on 14 threads in turn, so the
 * buffers each thread keeps for itself (the deny rules' scratch arrays, the JSON decode buffer,
 * Jackson's) were last touched 13 requests earlier; and between two requests, Jetty's parsing,
 * the application and the kernel's network stack ran on the same core. Here one request of
 * {@code typical.jsonl} is evaluated three ways, and the time of {@link Bulwark#evaluate} alone
 * is taken (not the hand-over, not the sweep):
 * <ol>
 *   <li>by one thread, again and again (what JMH measures);</li>
 *   <li>by {@code threads} threads strictly in turn, one call each;</li>
 *   <li>the same, each call after its thread has read and written {@code sweep} KiB of memory
 *       that no cache holds, by default as much as the core's second-level cache holds on the
 *       reference machine.</li>
 * </ol>
 * Rounds alternate the three; the figures are the medians of the rounds' medians. Pin it to one
 * core, as the server was:
 *
 * <pre>
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar rotation --request json-1k --threads 14
 * </pre>
 */
public final class PoolRotation {

    static final String USAGE = "usage: rotation [--request get|json-1k|form|json-100k|multipart-50k]"
            + " [--threads N] [--sweep KIB] [--calls N] [--rounds N] [--level standard|strict]";

    /**
     * New memory swept before each call of the third way, in KiB: the reference machine's
     * second-level cache per core.
     */
    static final int DEFAULT_SWEEP_KIB = 1024;

    private PoolRotation() {
    }

    /**
     * The calls of one measurement: how long each took, by the turn it was made in, and which
     * thread made each call, in the order the calls began.
     */
    record Calls(long[] nanos, int[] threadIds) {

        /** The median time of a call, in nanoseconds. */
        long median() {
            return Latency.median(nanos);
        }
    }

    /**
     * Evaluates {@code request} {@code calls} times from {@code threads} new threads taking strict
     * turns, and times each call of {@link Bulwark#evaluate}.
     *
     * @param calls a multiple of {@code threads}
     * @param sweep memory each thread reads and writes before each call, untimed; empty for none
     */
    static Calls inTurn(Bulwark engine, HttpRequest request, int threads, int calls, Sweep sweep)
            throws InterruptedException {
        if (threads < 1 || calls < threads || calls % threads != 0) {
            throw new IllegalArgumentException("calls must be a positive multiple of threads: " + calls + ", " + threads);
        }
        long[] nanos = new long[calls];
        int[] threadIds = new int[calls];
        Thread[] pool = new Thread[threads];
        Turn turn = new Turn();
        AtomicInteger begun = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            pool[t] = new Thread(() -> {
                for (int call = id; call < calls; call += threads) {
                    while (turn.next != call) {
                        LockSupport.park(turn);
                    }
                    try {
                        sweep.run();
                        threadIds[begun.getAndIncrement()] = id;
                        long started = System.nanoTime();
                        engine.evaluate(request);
                        nanos[call] = System.nanoTime() - started;
                    } catch (RuntimeException | Error e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    } finally {
                        turn.next = call + 1;
                        LockSupport.unpark(pool[(id + 1) % threads]);
                    }
                }
            }, "rotation-" + t);
        }
        for (Thread thread : pool) {
            thread.start();
        }
        for (Thread thread : pool) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("evaluate failed", failures.get(0));
        }
        return new Calls(nanos, threadIds);
    }

    /**
     * Memory read and written in order, a cache line at a time, from where the last sweep stopped,
     * over {@value #REGION_MIB} MiB: more than the caches hold, so that each sweep brings in lines
     * no cache has, as allocating new objects does between two requests.
     */
    static final class Sweep {
        /** The memory swept, in MiB: twice the reference machine's 32 MiB third-level cache. */
        static final int REGION_MIB = 64;
        private static final int LONGS_PER_LINE = 8;
        private final long[] memory;
        private final int linesPerRun;
        private int position;

        /** Sweeps {@code kib} KiB a run. */
        Sweep(int kib) {
            this.linesPerRun = kib * 1024 / (LONGS_PER_LINE * Long.BYTES);
            this.memory = new long[kib == 0 ? LONGS_PER_LINE : REGION_MIB * 1024 * 1024 / Long.BYTES];
        }

        static Sweep none() {
            return new Sweep(0);
        }

        /** The lines of its memory that sweeps have written so far. */
        int linesTouched() {
            int touched = 0;
            for (int i = 0; i < memory.length; i += LONGS_PER_LINE) {
                touched += memory[i] != 0 ? 1 : 0;
            }
            return touched;
        }

        /** Runs one sweep; only the thread taking its turn calls it. */
        void run() {
            for (int line = 0; line < linesPerRun; line++) {
                memory[position]++;
                position += LONGS_PER_LINE;
                if (position >= memory.length) {
                    position = 0;
                }
            }
        }
    }

    /** The call whose turn it is, counted over all threads. */
    private static final class Turn {
        volatile int next;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String requestName;
        String level;
        int threads;
        int calls;
        int rounds;
        int sweepKib;
        try {
            CommandLine line = CommandLine.parse(args,
                    Set.of("--request", "--level", "--threads", "--calls", "--rounds", "--sweep"));
            if (line.help()) {
                System.out.println(USAGE);
                return;
            }
            if (!line.operands().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + line.operands().get(0) + "'");
            }
            requestName = line.value("--request", "json-1k");
            level = line.value("--level", "standard");
            threads = line.count("--threads", 14, 2);
            calls = line.count("--calls", 28_000, 1);
            rounds = line.count("--rounds", 5, 1);
            sweepKib = line.count("--sweep", DEFAULT_SWEEP_KIB, 1);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        int perMeasurement = Math.max(threads, calls / threads * threads);
        Bulwark engine = EngineBenchmark.engine(level);
        HttpRequest request = EngineBenchmark.typicalRequest(requestName).toHttpRequest();
        Sweep sweep = new Sweep(sweepKib);
        String[] ways = {"one thread", threads + " threads in turn", threads + " threads in turn, " + sweepKib + " KiB swept"};
        long[][] medians = new long[ways.length][rounds];
        for (int way = 0; way < ways.length; way++) {
            measure(engine, request, way, threads, perMeasurement, sweep);
        }
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round ").append(round + 1).append(':');
            for (int step = 0; step < ways.length; step++) {
                int way = round % 2 == 0 ? step : ways.length - 1 - step;
                medians[way][round] = measure(engine, request, way, threads, perMeasurement, sweep).median();
            }
            for (int way = 0; way < ways.length; way++) {
                line.append(String.format(Locale.ROOT, " %s %.2f us;", ways[way], Latency.micros(medians[way][round])));
            }
            System.out.println(line);
        }
        double alone = Latency.micros(Latency.median(medians[0]));
        System.out.printf(Locale.ROOT, "%s at %s, evaluate alone, p50, median of %d rounds of %d calls:%n", requestName, level,
                rounds, perMeasurement);
        for (int way = 0; way < ways.length; way++) {
            double figure = Latency.micros(Latency.median(medians[way]));
            System.out.printf(Locale.ROOT, "  %-40s %8.2f us  %5.2f x%n", ways[way], figure, figure / alone);
        }
    }

    private static Calls measure(Bulwark engine, HttpRequest request, int way, int threads, int calls, Sweep sweep)
            throws InterruptedException {
        return switch (way) {
            case 0 -> inTurn(engine, request, 1, calls, Sweep.none());
            case 1 -> inTurn(engine, request, threads, calls, Sweep.none());
            default -> inTurn(engine, request, threads, calls, sweep);
        };
    }

}
