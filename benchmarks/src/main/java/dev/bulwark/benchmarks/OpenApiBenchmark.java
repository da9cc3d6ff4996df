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
 * Cost of OpenAPI request validation inside {@link Bulwark#evaluate}: the same valid request
 * evaluated by an engine with the default configuration ({@code openapi=off}) and by one that also
 * validates against {@code openapi/shop.yaml} ({@code openapi=on}); the difference is what
 * validation adds per request.
 * <ul>
 *   <li>{@code get}: {@code GET /api/v1/orders} with five query parameters (integer ranges, an
 *       enum, a pattern, a length);</li>
 *   <li>{@code json-1k}: {@code POST /api/v1/orders} with a 1 KiB JSON order (nested address,
 *       eight items; patterns, enums, ranges, {@code additionalProperties: false}).</li>
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar jmh OpenApiBenchmark -wi 2 -i 3 -w 2s -r 2s -f 1
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpenApiBenchmark {

    static final String SPEC = "classpath:openapi/shop.yaml";

    /** One request, one engine. */
    @State(Scope.Benchmark)
    public static class Case {
        @Param({"get", "json-1k"})
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

    static Bulwark engine(boolean openapi) {
        if (!openapi) {
            return Bulwark.create(BulwarkConfig.defaults());
        }
        return Bulwark.create(BulwarkConfig.fromYaml("""
                openapi:
                  specs: [{location: "%s", base-path: /api/v1}]
                """.formatted(SPEC)));
    }

    static HttpRequest request(String name) {
        return switch (name) {
            case "get" -> ApiClient.headers(HttpRequest.builder("GET",
                    "/api/v1/orders?customer=12345&status=open&limit=20&sort=-created_at&q=oak%20table")).build();
            case "json-1k" -> ApiClient.headers(HttpRequest.builder("POST", "/api/v1/orders"))
                    .header("Content-Type", "application/json")
                    .body(order())
                    .build();
            default -> throw new IllegalArgumentException("unknown request " + name);
        };
    }

    /** A valid order of exactly 1,024 bytes: eight items, the note filled up to the size. */
    static byte[] order() {
        String template = order("%s");
        int fill = 1024 - (template.getBytes(StandardCharsets.UTF_8).length - 2);
        byte[] bytes = order("Ring twice; leave with the neighbour if nobody answers. ".repeat(10).substring(0, fill))
                .getBytes(StandardCharsets.UTF_8);
        if (bytes.length != 1024) {
            throw new IllegalStateException("order is " + bytes.length + " bytes, not 1024");
        }
        return bytes;
    }

    private static String order(String note) {
        StringBuilder json = new StringBuilder("{\"customerId\":12345,\"currency\":\"CHF\",\"note\":\"")
                .append(note).append("\",")
                .append("\"shippingAddress\":{\"name\":\"Anna O'Neill\",\"street\":\"Bahnhofstrasse 1\",")
                .append("\"zip\":\"8001\",\"city\":\"Zürich\",\"country\":\"CH\"},\"items\":[");
        String[] titles = {"Table & bench set", "Select chair, oak", "Cushion, linen", "Lamp, brass"};
        for (int i = 0; i < 8; i++) {
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(3471 + 617 * i)
                    .append("\",\"title\":\"").append(titles[i % titles.length])
                    .append("\",\"quantity\":").append(1 + i % 3)
                    .append(",\"unitPrice\":").append(40 + 53 * i).append(".86}");
        }
        return json.append("]}").toString();
    }
}
