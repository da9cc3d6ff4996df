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
 * Cost of {@link Bulwark#evaluate} with the default configuration for a typical GraphQL query (a
 * repository's open issues with labels, paginated, three variables; 0.8 KB of JSON) posted to
 * {@code /graphql}: {@code document=repeated} sends the same document every time, as clients do,
 * so its parse comes from the cache of parsed documents; {@code document=new} makes every document
 * new (a comment with a counter at its end), so that each is parsed by graphql-java, measured and
 * its strings collected. Allocation with {@code -prof gc}.
 *
 * <p>The same body posted to a path that is not a GraphQL endpoint is not a fair baseline: read as
 * plain JSON, the document itself trips the deny rules ({@code UNIXCMD-COMMAND} on {@code /query}).
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
        @Param({"repeated", "new"})
        public String document;

        Bulwark engine;
        HttpRequest httpRequest;
        long counter;

        @Setup
        public void setUp() {
            engine = Bulwark.create(BulwarkConfig.defaults());
            httpRequest = request("");
            ApiClient.requireAllowed(engine, httpRequest);
        }

        HttpRequest next() {
            return document.equals("repeated") ? httpRequest : request("\n# " + counter++);
        }
    }

    @Benchmark
    public Decision evaluate(Case state) {
        return state.engine.evaluate(state.next());
    }

    /** The query with {@code suffix} (a comment) appended to its document. */
    static HttpRequest request(String suffix) {
        return ApiClient.headers(HttpRequest.builder("POST", "/graphql"))
                .header("Content-Type", "application/json")
                .body(body(QUERY + suffix))
                .build();
    }

    static byte[] body(String document) {
        String query = document.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return ("{\"query\":\"" + query + "\",\"operationName\":\"RepoIssues\",\"variables\":{\"owner\":\"octocat\","
                + "\"name\":\"Hello-World\",\"after\":\"Y3Vyc29yOnYyOpHOAAAAAQ==\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
