package dev.bulwark.benchmarks;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
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
 * Cost of GraphQL protection inside {@link Bulwark#evaluate} with the default configuration: a
 * typical query (a repository's open issues with labels, paginated, three variables; 0.8 KB of
 * JSON) posted to {@code /graphql}, where it is parsed by graphql-java, measured and its strings
 * inspected ({@code endpoint=graphql}), and the same body posted to {@code /api/search}, where it
 * is an ordinary JSON body ({@code endpoint=json}); the difference is what GraphQL protection
 * adds per request. Allocation with {@code -prof gc}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh GraphQlBenchmark -prof gc -wi 3 -i 5 -w 2s -r 2s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GraphQlBenchmark {

    static final String QUERY = """
            query RepoIssues($owner: String!, $name: String!, $after: String) {
              repository(owner: $owner, name: $name) {
                issues(first: 25, after: $after, states: OPEN, orderBy: {field: CREATED_AT, direction: DESC}) {
                  edges {
                    cursor
                    node {
                      number
                      title
                      createdAt
                      author { login avatarUrl }
                      labels(first: 5) { nodes { name color } }
                      comments { totalCount }
                    }
                  }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";

    /** One engine, one request. */
    @State(Scope.Benchmark)
    public static class Case {
        @Param({"graphql", "json"})
        public String endpoint;

        Bulwark engine;
        HttpRequest httpRequest;

        @Setup
        public void setUp() {
            engine = Bulwark.create(BulwarkConfig.defaults());
            httpRequest = request(endpoint.equals("graphql") ? "/graphql" : "/api/search");
            ApiClient.requireAllowed(engine, httpRequest);
        }
    }

    @Benchmark
    public Decision evaluate(Case state) {
        return state.engine.evaluate(state.httpRequest);
    }

    static HttpRequest request(String path) {
        return ApiClient.headers(HttpRequest.builder("POST", path))
                .header("Content-Type", "application/json")
                .body(body())
                .build();
    }

    static byte[] body() {
        String query = QUERY.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return ("{\"query\":\"" + query + "\",\"operationName\":\"RepoIssues\",\"variables\":{\"owner\":\"octocat\","
                + "\"name\":\"Hello-World\",\"after\":\"Y3Vyc29yOnYyOpHOAAAAAQ==\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
