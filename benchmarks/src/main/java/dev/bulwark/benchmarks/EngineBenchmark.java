package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Level;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.traffic.CorpusReader;
import dev.bulwark.traffic.CorpusRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Cost of {@link Bulwark#evaluate} with the default configuration at a deny-rules level:
 * {@link #typical} on each request of {@code typical.jsonl} (legitimate API traffic, which is what
 * a service pays for on every call), {@link #typicalFreshHeaders} on the same requests with header
 * values never seen before (what a new client costs), {@link #crsRegression} on the whole CRS
 * regression corpus, one request per operation, cycling.
 *
 * <p>Sample time in microseconds, so JMH reports p50 and p99 beside the mean, comparable with the
 * peer's figures in {@code shared/corpora/REFERENCE.md}. The corpora are read from the folder the
 * evaluator uses (or {@code -Dbulwark.corpora=DIR}); without them the setup fails with a message
 * saying so, and {@code benchmarks.jar jmh} skips before starting JMH.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh EngineBenchmark
 * java -jar benchmarks/target/benchmarks.jar jmh EngineBenchmark.typical -p request=json-100k -p level=off,standard
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

    /** One request of {@code typical.jsonl}, by the name in its id ({@code typical/<name>/0}). */
    @State(Scope.Benchmark)
    public static class TypicalRequest {

        @Param({"get", "json-1k", "form", "json-100k", "multipart-50k"})
        public String request;

        @Param({"standard", "strict"})
        public String level;

        Bulwark engine;
        HttpRequest httpRequest;

        @Setup
        public void setUp() throws IOException {
            CorpusRequest found = typicalRequest(request);
            engine = engine(level);
            httpRequest = found.toHttpRequest();
            warnIfBlocked(engine, level, found.id(), httpRequest);
        }
    }

    /** Every request of {@code crs-regression.jsonl}, handed out in file order, round and round. */
    @State(Scope.Thread)
    public static class CrsRegression {

        @Param({"standard", "strict"})
        public String level;

        Bulwark engine;
        RequestCycle requests;

        @Setup
        public void setUp() throws IOException {
            engine = engine(level);
            HttpRequest[] all = read(Corpora.CRS_REGRESSION).stream().map(CorpusRequest::toHttpRequest).toArray(HttpRequest[]::new);
            if (all.length == 0) {
                throw new IllegalStateException(Corpora.CRS_REGRESSION + " has no requests");
            }
            requests = new RequestCycle(all);
        }
    }

    /**
     * One request of {@code typical.jsonl} as new clients would send it: the values that differ from
     * client to client (user agent, accept-language, bearer token, cookies, request id) are changed
     * in each of {@value #FRESH_VARIANTS} copies, handed out in turn, so that the engine cannot reuse
     * what it learnt about earlier header values and scans every one of them.
     */
    @State(Scope.Thread)
    public static class FreshHeaders {

        @Param({"get", "json-1k", "form", "json-100k", "multipart-50k"})
        public String request;

        Bulwark engine;
        RequestCycle variants;

        @Setup
        public void setUp() throws IOException {
            CorpusRequest found = typicalRequest(request);
            String level = "standard";
            engine = engine(level);
            HttpRequest[] all = new HttpRequest[FRESH_VARIANTS];
            for (int i = 0; i < FRESH_VARIANTS; i++) {
                all[i] = freshVariant(found, i).toHttpRequest();
            }
            variants = new RequestCycle(all);
            warnIfBlocked(engine, level, found.id(), all[0]);
        }
    }

    /** Copies of a request handed out by {@link #typicalFreshHeaders}: more than the engine can remember. */
    static final int FRESH_VARIANTS = 8192;

    /** {@code request} with the header values that differ between clients made unique by {@code n}. */
    static CorpusRequest freshVariant(CorpusRequest request, int n) {
        List<Headers.Header> headers = new ArrayList<>();
        for (Headers.Header header : request.headers()) {
            String value = switch (header.name().toLowerCase(Locale.ROOT)) {
                case "user-agent" -> header.value() + " Build/" + n;
                case "accept-language" -> header.value() + ",x-" + n + ";q=0.1";
                case "authorization" -> header.value() + Integer.toString(n, 36);
                case "cookie" -> header.value() + "; visit=" + n;
                case "x-request-id" -> header.value() + "-" + n;
                default -> header.value();
            };
            headers.add(new Headers.Header(header.name(), value));
        }
        return new CorpusRequest(request.id(), request.label(), request.category(), request.method(), request.uri(),
                headers, request.body());
    }

    @Benchmark
    public Decision typical(TypicalRequest state) {
        return state.engine.evaluate(state.httpRequest);
    }

    @Benchmark
    public Decision typicalFreshHeaders(FreshHeaders state) {
        return state.engine.evaluate(state.variants.next());
    }

    @Benchmark
    public Decision crsRegression(CrsRegression state) {
        return state.engine.evaluate(state.requests.next());
    }

    /** Says so when a legitimate request is blocked: the benchmark then measures a shortened evaluation. */
    static void warnIfBlocked(Bulwark engine, String level, String id, HttpRequest request) {
        Decision decision = engine.evaluate(request);
        if (decision.blocked()) {
            System.err.println("warning: " + id + " is blocked at level " + level + " (" + decision
                    + "); this measures a shortened evaluation");
        }
    }

    /** The request of {@code typical.jsonl} with this name in its id ({@code typical/<name>/0}). */
    static CorpusRequest typicalRequest(String name) throws IOException {
        String prefix = "typical/" + name + "/";
        return read(Corpora.TYPICAL).stream()
                .filter(r -> r.id().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no request with id " + prefix + "* in " + Corpora.TYPICAL));
    }

    static Bulwark engine(String level) {
        return Bulwark.create(config(Level.valueOf(level.toUpperCase(Locale.ROOT))));
    }

    /**
     * The default configuration with the deny rules at {@code level}, and the upload endpoint of
     * {@code typical.jsonl} ({@code /api/v1/uploads}) declaring its image files as binary uploads,
     * as a service must for binary content to pass (uninspectable content is blocked by default).
     */
    static BulwarkConfig config(Level level) {
        BulwarkConfig base = BulwarkConfig.fromYaml("""
                routes:
                  - when: {path: {prefix: /api/v1/uploads}}
                    body: {binary: [image/*]}
                """);
        return base.toBuilder().denyRules(base.denyRules().withLevel(level)).build();
    }

    static List<CorpusRequest> read(String file) throws IOException {
        Path dir = Corpora.locate().orElseThrow(() -> new IllegalStateException(
                "corpora folder not found (looked in " + Corpora.searched(Corpora.fromProperty(), Path.of(""))
                        + "); give it with -D" + Corpora.PROPERTY + "=DIR"));
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no " + file + " in " + dir);
        }
        return CorpusReader.read(path);
    }
}
