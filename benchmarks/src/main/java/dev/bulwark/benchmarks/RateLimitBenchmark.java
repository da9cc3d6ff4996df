package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of a rate limit inside {@link Bulwark#evaluate}, on a GET with the headers of typical API
 * traffic from one client address:
 * <ul>
 *   <li>{@link #baseline}: the engine without {@code rate-limits:};</li>
 *   <li>{@link #local}: one limit keyed by client address in the local store (a Caffeine lookup and
 *       a Bucket4j consume), with a capacity the benchmark never exhausts;</li>
 *   <li>{@link #redis}: the same limit in Redis, a {@code redis-server} this benchmark starts on a
 *       free loopback port (two round trips per request: Bucket4j's compare-and-swap reads the
 *       bucket, then writes it back with a Lua script).</li>
 * </ul>
 * The limit's own cost is the difference to {@link #baseline}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh RateLimitBenchmark -wi 2 -i 3 -w 2s -r 2s -f 1 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitBenchmark {

    private static final String LIMIT = """
            rate-limits:
              %s
              limits:
                - {name: per-client, key: client-address, bandwidths: [{capacity: 1000000000, period: 1s}]}
            """;

    static final HttpRequest REQUEST = ApiClient.headers(
            HttpRequest.builder("GET", "/api/v1/orders?customer=12345&status=open&limit=20")).build();

    /** Engines without and with a local limit. */
    @State(Scope.Benchmark)
    public static class Local {
        Bulwark withoutLimits;
        Bulwark withLocalLimit;

        @Setup
        public void setUp() {
            withoutLimits = Bulwark.create(BulwarkConfig.defaults());
            withLocalLimit = Bulwark.create(BulwarkConfig.fromYaml(LIMIT.formatted("store: local")));
            ApiClient.requireAllowed(withoutLimits, REQUEST);
            ApiClient.requireAllowed(withLocalLimit, REQUEST);
        }
    }

    /** An engine whose limit is kept in a Redis of its own. */
    @State(Scope.Benchmark)
    public static class Redis {
        Process server;
        Bulwark withRedisLimit;

        @Setup(Level.Trial)
        public void setUp() throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!answers(port)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start on port " + port);
                }
                Thread.sleep(20);
            }
            withRedisLimit = Bulwark.create(BulwarkConfig.fromYaml(LIMIT.formatted(
                    "store: {redis: {uri: 'redis://127.0.0.1:" + port + "', timeout: 1s}}\n  on-store-failure: block")));
            ApiClient.requireAllowed(withRedisLimit, REQUEST);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            withRedisLimit.close();
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }

        private static boolean answers(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(5);
                return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
            } catch (IOException e) {
                return false;
            }
        }
    }

    @Benchmark
    public Decision baseline(Local state) {
        return state.withoutLimits.evaluate(REQUEST);
    }

    @Benchmark
    public Decision local(Local state) {
        return state.withLocalLimit.evaluate(REQUEST);
    }

    @Benchmark
    public Decision redis(Redis state) {
        return state.withRedisLimit.evaluate(REQUEST);
    }
}
