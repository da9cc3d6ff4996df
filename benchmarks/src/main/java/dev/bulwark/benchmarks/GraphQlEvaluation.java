package dev.bulwark.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Level;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.GraphQlConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GraphQL attack and benign sets ({@code graphql/attacks.jsonl}, {@code graphql/benign.jsonl}
 * in this module's resources) replayed through the engine with the default configuration at a
 * deny-rules level: how many attacks are refused, by technique, and how many benign requests are
 * not passed untouched (a false positive is any finding, not only a block). An attack with an
 * {@code expect} counts only when a blocking finding has that rule key, rule id or rule id prefix,
 * so that an attack is caught by the check meant for it. Requests marked {@code "config": "schema"}
 * run with {@code graphql.schema: classpath:graphql/shop.graphqls} as well.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar graphql [--level standard|strict]
 * </pre>
 */
public final class GraphQlEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request of a set. */
    record Entry(String id, String technique, String expect, String config, HttpRequest request) {
    }

    /** What became of one request. */
    record Outcome(Entry entry, Decision decision, boolean correct) {
    }

    /** The outcomes of both sets. */
    record Result(List<Outcome> attacks, List<Outcome> benign) {
        long detected() {
            return attacks.stream().filter(Outcome::correct).count();
        }

        long falsePositives() {
            return benign.stream().filter(o -> !o.correct()).count();
        }
    }

    private GraphQlEvaluation() {
    }

    public static void main(String[] args) {
        Level level = Launcher.levelOption("graphql", args);
        Result result = evaluate(level);
        print(result, level, System.out);
        if (result.detected() < result.attacks().size() || result.falsePositives() > 0) {
            System.exit(1);
        }
    }

    /** Replays both sets with the defaults at {@code level}. */
    static Result evaluate(Level level) {
        return evaluate(BulwarkConfig.custom().denyRules(BulwarkConfig.defaults().denyRules().withLevel(level)).build());
    }

    /** Replays both sets with {@code base}, plus the shop schema for the requests that need it. */
    static Result evaluate(BulwarkConfig base) {
        Bulwark plain = Bulwark.create(base);
        Bulwark schema = Bulwark.create(base.toBuilder().graphql(GraphQlConfig.custom()
                .schema("classpath:graphql/shop.graphqls").build()).build());
        List<Outcome> attacks = new ArrayList<>();
        for (Entry entry : read("graphql/attacks.jsonl")) {
            Decision decision = (entry.config() == null ? plain : schema).evaluate(entry.request());
            attacks.add(new Outcome(entry, decision, decision.blocked() && expected(entry.expect(), decision)));
        }
        List<Outcome> benign = new ArrayList<>();
        for (Entry entry : read("graphql/benign.jsonl")) {
            Decision decision = (entry.config() == null ? plain : schema).evaluate(entry.request());
            benign.add(new Outcome(entry, decision, decision.allowed() && decision.findings().isEmpty()));
        }
        return new Result(attacks, benign);
    }

    private static boolean expected(String expect, Decision decision) {
        if (expect == null || expect.isEmpty()) {
            return true;
        }
        for (Finding finding : decision.blockingFindings()) {
            if (finding.ruleKey().equals(expect) || finding.ruleId().startsWith(expect)) {
                return true;
            }
        }
        return false;
    }

    static void print(Result result, Level level, PrintStream out) {
        out.printf("GraphQL sets at deny-rules level %s, default graphql: configuration%n%n", level.name().toLowerCase(Locale.ROOT));
        Map<String, int[]> byTechnique = new LinkedHashMap<>();
        for (Outcome outcome : result.attacks()) {
            int[] counts = byTechnique.computeIfAbsent(outcome.entry().technique(), t -> new int[2]);
            counts[0]++;
            counts[1] += outcome.correct() ? 1 : 0;
        }
        out.printf("%-26s %8s %8s%n", "attack technique", "requests", "refused");
        byTechnique.forEach((technique, counts) -> out.printf("%-26s %8d %8d%n", technique, counts[0], counts[1]));
        out.printf("%-26s %8d %8d  (%.1f%%)%n%n", "all attacks", result.attacks().size(), result.detected(),
                100.0 * result.detected() / result.attacks().size());
        out.printf("benign requests: %d, false positives: %d%n", result.benign().size(), result.falsePositives());
        for (Outcome outcome : result.attacks()) {
            if (!outcome.correct()) {
                out.printf("  missed %s (expected %s): %s%n", outcome.entry().id(), outcome.entry().expect(), rules(outcome));
            }
        }
        for (Outcome outcome : result.benign()) {
            if (!outcome.correct()) {
                out.printf("  false positive %s: %s%n", outcome.entry().id(), rules(outcome));
            }
        }
    }

    private static String rules(Outcome outcome) {
        List<String> ids = outcome.decision().findings().stream().map(f -> f.ruleId() + "@" + f.location()).toList();
        return ids.isEmpty() ? "no finding" : String.join(", ", ids);
    }

    static List<Entry> read(String resource) {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = GraphQlEvaluation.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                HttpRequest.Builder request = HttpRequest.builder(node.get("method").asText(), node.get("target").asText());
                if (node.has("contentType")) {
                    request.header("Content-Type", node.get("contentType").asText());
                }
                if (node.has("body")) {
                    request.body(node.get("body").asText().getBytes(StandardCharsets.UTF_8));
                }
                entries.add(new Entry(node.get("id").asText(), node.path("technique").asText("benign"),
                        node.path("expect").asText(""), node.hasNonNull("config") ? node.get("config").asText() : null,
                        request.build()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
