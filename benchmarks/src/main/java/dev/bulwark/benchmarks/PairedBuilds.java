package dev.bulwark.benchmarks;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares the engines of two builds in one JVM, for changes smaller than the spread between two
 * JMH runs (a few percent on this machine from one hour to the next). Each build's
 * {@code benchmarks.jar} is loaded by a class loader of its own, both evaluate the same request
 * of {@code typical.jsonl}, and rounds of calls alternate between them, the order reversed every
 * round. Each round's median of the second build is divided by the first's; the figure is the
 * median of those ratios, with its quartiles. Below 1, the second build is cheaper.
 *
 * <p>The harness favours one side by up to 2% (a build against a copy of itself gave 0.98), so
 * run it in both orders and take a change only when both agree.
 *
 * <pre>
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar paired --request json-100k --calls 300 BEFORE.jar AFTER.jar
 * </pre>
 */
public final class PairedBuilds {

    static final String USAGE = "usage: paired [--request get|json-1k|form|json-100k|multipart-50k] [--level standard|strict]"
            + " [--rounds N] [--calls N] FIRST.jar SECOND.jar";

    private PairedBuilds() {
    }

    /** One build's engine and its copy of the request, reached through the build's own classes. */
    record Build(String name, MethodHandle evaluate, Object engine, Object request) {

        /** Loads the engine of the build whose classes {@code classpath} holds. */
        static Build load(String name, URL[] classpath, String requestName, String level)
                throws ReflectiveOperationException {
            ClassLoader loader = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader());
            Class<?> benchmark = loader.loadClass(EngineBenchmark.class.getName());
            Method typicalRequest = benchmark.getDeclaredMethod("typicalRequest", String.class);
            typicalRequest.setAccessible(true);
            Object corpusRequest = typicalRequest.invoke(null, requestName);
            Method toHttpRequest = corpusRequest.getClass().getMethod("toHttpRequest");
            Object request = toHttpRequest.invoke(corpusRequest);
            Method engineOf = benchmark.getDeclaredMethod("engine", String.class);
            engineOf.setAccessible(true);
            Object engine = engineOf.invoke(null, level);
            Class<?> httpRequest = loader.loadClass("dev.bulwark.core.HttpRequest");
            MethodHandle evaluate = MethodHandles.publicLookup()
                    .unreflect(engine.getClass().getMethod("evaluate", httpRequest));
            return new Build(name, evaluate, engine, request);
        }

        /** One call of {@code evaluate}, in nanoseconds. */
        long call() {
            long started = System.nanoTime();
            Object decision;
            try {
                decision = evaluate.invoke(engine, request);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(name + " failed to evaluate", e);
            }
            long nanos = System.nanoTime() - started;
            if (decision == null) {
                throw new IllegalStateException(name + " returned no decision");
            }
            return nanos;
        }
    }

    /**
     * Runs {@code warmUp + rounds} rounds of {@code calls} calls of each build, alternating, and
     * returns the median call of each measured round, by build, in nanoseconds.
     */
    static long[][] roundMedians(Build first, Build second, int warmUp, int rounds, int calls) {
        long[][] medians = new long[2][rounds];
        Build[] builds = {first, second};
        long[] times = new long[calls];
        for (int round = 0; round < warmUp + rounds; round++) {
            for (int step = 0; step < 2; step++) {
                int build = round % 2 == 0 ? step : 1 - step;
                for (int call = 0; call < calls; call++) {
                    times[call] = builds[build].call();
                }
                if (round >= warmUp) {
                    medians[build][round - warmUp] = Latency.median(times);
                }
            }
        }
        return medians;
    }

    /** The median and quartiles of the rounds' ratios, second over first. */
    record Ratio(double median, double lowerQuartile, double upperQuartile) {

        static Ratio of(long[] first, long[] second) {
            double[] ratios = new double[first.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = (double) second[i] / first[i];
            }
            Arrays.sort(ratios);
            return new Ratio(ratios[ratios.length / 2], ratios[ratios.length / 4], ratios[3 * ratios.length / 4]);
        }
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        String requestName;
        String level;
        int rounds;
        int calls;
        List<String> jars;
        try {
            CommandLine line = CommandLine.parse(args, Set.of("--request", "--level", "--rounds", "--calls"));
            if (line.help()) {
                System.out.println(USAGE);
                return;
            }
            requestName = line.value("--request", "json-100k");
            level = line.value("--level", "standard");
            rounds = line.count("--rounds", 10, 1);
            calls = line.count("--calls", 300, 1);
            jars = line.operands();
            if (jars.size() != 2) {
                throw new IllegalArgumentException("two jars are needed, " + jars.size() + " given");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Build first = Build.load(jars.get(0), classpath(jars.get(0)), requestName, level);
        Build second = Build.load(jars.get(1), classpath(jars.get(1)), requestName, level);
        long[][] medians = roundMedians(first, second, Math.max(3, rounds / 5), rounds, calls);
        for (int build = 0; build < 2; build++) {
            System.out.printf(Locale.ROOT, "%-40s median of round medians %10.2f us%n", jars.get(build),
                    Latency.micros(Latency.median(medians[build])));
        }
        Ratio ratio = Ratio.of(medians[0], medians[1]);
        System.out.printf(Locale.ROOT, "%s at %s, second / first: %.3f (quartiles %.3f and %.3f), %d rounds of %d calls%n",
                requestName, level, ratio.median(), ratio.lowerQuartile(), ratio.upperQuartile(), rounds, calls);
    }

    private static URL[] classpath(String jar) throws IOException {
        return new URL[] {Path.of(jar).toUri().toURL()};
    }
}
