package dev.bulwark.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Level;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.traffic.CorpusReader;
import dev.bulwark.traffic.CorpusRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The breadth set ({@code breadth/attacks.jsonl}, {@code breadth/benign.jsonl} in this module's
 * resources): attack classes that the shared corpora barely show (exotic traversal encodings,
 * redundant separators, restricted files, templates, LDAP, NoSQL, mail, server-side includes,
 * uploads, Basic credentials, XXE, SSRF to metadata and loopback addresses in every spelling),
 * written in the corpus format, with benign requests that look close in the same categories. Replayed like a corpus ({@link Evaluation}, {@link Report}) with the
 * built-in defaults at a deny-rules level, so the per-category table gives each class's detection
 * (attack rows) and false positives (benign rows). Every miss and false positive is listed with
 * its {@code note}, the payload in readable form.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar breadth [--level standard|strict]
 * </pre>
 */
public final class BreadthEvaluation {

    /** The set's resources, attacks first. */
    static final List<String> RESOURCES = List.of("breadth/attacks.jsonl", "breadth/benign.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private BreadthEvaluation() {
    }

    public static void main(String[] args) {
        Level level = Launcher.levelOption("breadth", args);
        print(evaluate(level), System.out);
    }

    /** Replays the set once, after one warm-up pass, with the defaults at {@code level}. */
    static Report evaluate(Level level) {
        BulwarkConfig config = BulwarkConfig.custom()
                .denyRules(BulwarkConfig.defaults().denyRules().withLevel(level)).build();
        List<CorpusRequest> requests = new ArrayList<>();
        for (String resource : RESOURCES) {
            requests.addAll(CorpusReader.read(text(resource), resource));
        }
        Evaluation evaluation = Evaluation.run(Bulwark.create(config), List.of(new CorpusFile("breadth", requests)),
                1, 1, line -> { });
        return Report.of(evaluation, "built-in defaults");
    }

    static void print(Report report, PrintStream out) {
        out.print(report.text());
        List<String> misses = report.misses();
        if (!misses.isEmpty()) {
            Map<String, String> notes = notes();
            out.println("\nMissed attacks and blocked benign requests (id, kind, category, rules: payload)");
            for (String miss : misses) {
                out.println("  " + miss + ": " + notes.getOrDefault(miss.substring(0, miss.indexOf('\t')), ""));
            }
        }
    }

    /** The readable payload of every request, by id. */
    static Map<String, String> notes() {
        Map<String, String> notes = new LinkedHashMap<>();
        for (String resource : RESOURCES) {
            for (String line : text(resource).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    notes.put(node.get("id").asText(), node.path("note").asText(""));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return notes;
    }

    private static String text(String resource) {
        try (InputStream in = BreadthEvaluation.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
