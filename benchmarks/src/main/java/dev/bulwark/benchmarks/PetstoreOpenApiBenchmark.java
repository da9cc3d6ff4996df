package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Cost of the petstore sample's OpenAPI check inside {@link Bulwark#evaluate}, on the two requests
 * {@code benchmarks/http-bench.sh petstore} sends: the same request evaluated by an engine with the
 * petstore's deny rules ({@code openapi=off}) and by one that also enforces the petstore's contract
 * ({@code openapi=on}); the difference is what the contract costs per request.
 * <ul>
 *   <li>{@code get}: {@code GET /pets?species=dog&limit=5} (an enum and an integer range);</li>
 *   <li>{@code post}: {@code POST /pets} with a bearer token and {@code benchmarks/http/new-pet.json}
 *       (a closed object, enums, a date, unique tags, rich text).</li>
 * </ul>
 * The spec and the body are read from the sample and {@code benchmarks/http}, so run it from the
 * repository's root:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh PetstoreOpenApiBenchmark -wi 3 -i 5 -w 2s -r 2s -f 1 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PetstoreOpenApiBenchmark {

    static final Path SPEC = Path.of("samples/petstore/src/main/resources/openapi/petstore.yaml");
    static final Path NEW_PET = Path.of("benchmarks/http/new-pet.json");
    /** A token of the demo issuer's shape (RS256, subject, audience, scope); its signature is not checked here. */
    static final String TOKEN = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImRlbW8ifQ"
            + ".eyJpc3MiOiJodHRwczovL2RlbW8taXNzdWVyLnBldHN0b3JlLmV4YW1wbGUiLCJzdWIiOiJ1c2VyLTQ3MTEiLCJhdWQiOiJwZXRzdG9yZSIsInNjb3BlIjoicGV0czp3cml0ZSJ9"
            + "." + "s".repeat(342);

    /** One request, one engine. */
    @State(Scope.Benchmark)
    public static class Case {
        @Param({"get", "post"})
        public String request;

        @Param({"off", "on"})
        public String openapi;

        Bulwark engine;
        HttpRequest httpRequest;

        @Setup
        public void setUp() {
            engine = engine(openapi.equals("on"));
            httpRequest = request(request);
            ApiClient.requireAllowed(engine, httpRequest);
        }
    }

    @Benchmark
    public Decision evaluate(Case state) {
        return state.engine.evaluate(state.httpRequest);
    }

    /** The petstore's deny rules and, with {@code openapi}, its contract. */
    static Bulwark engine(boolean openapi) {
        String yaml = """
                deny-rules:
                  level: standard
                  exceptions:
                    - rule-ids: [XSS-STYLE-ATTRIBUTE]
                      json: {pointer: /description}
                      when:
                        path: {regex: '/pets(/[0-9]+)?'}
                        methods: [POST, PUT]
                """;
        if (openapi) {
            yaml += """
                    openapi:
                      specs: [{location: "file:%s"}]
                    """.formatted(readable(SPEC).toAbsolutePath());
        }
        return Bulwark.create(BulwarkConfig.fromYaml(yaml));
    }

    static HttpRequest request(String name) {
        return switch (name) {
            case "get" -> ApiClient.headers(HttpRequest.builder("GET", "/pets?species=dog&limit=5")).build();
            case "post" -> {
                try {
                    // The contract asks for a bearer token here; the engine has no jwt section, so
                    // the token is only present, as the contract checks it, and never verified.
                    yield ApiClient.headers(HttpRequest.builder("POST", "/pets"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json")
                            .body(Files.readAllBytes(readable(NEW_PET)))
                            .build();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> throw new IllegalArgumentException("unknown request " + name);
        };
    }

    private static Path readable(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(file + " not found: run the benchmark from the repository's root");
        }
        return file;
    }
}
