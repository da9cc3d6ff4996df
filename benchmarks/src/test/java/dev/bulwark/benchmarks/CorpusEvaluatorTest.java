package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the evaluator over tiny hand-written corpora with a body-size limit of 100 bytes, so that
 * exactly the requests with larger bodies are blocked, whatever deny rules exist.
 */
class CorpusEvaluatorTest {

    @TempDir
    Path root;

    private Path repo;
    private Path corpora;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeCorpora() throws IOException {
        repo = Files.createDirectories(root.resolve("repo"));
        corpora = Files.createDirectories(root.resolve("shared").resolve("corpora"));
        Files.write(corpora.resolve("crs-regression.jsonl"), List.of(
                line("crs/1", "attack", "sqli", 200),
                line("crs/2", "attack", "sqli", 10),
                line("crs/3", "attack", "xss", 150),
                line("crs/4", "attack", "protocol", 300),
                line("crs/5", "benign", "benign", 0),
                line("crs/6", "benign", "benign", 500),
                line("crs/7", "neutral", "neutral/sqli", 101),
                line("crs/8", "neutral", "neutral/sqli", 1)));
        Files.write(corpora.resolve("other.jsonl"), List.of(
                line("other/1", "benign", "benign", 20),
                line("other/2", "benign", "benign", 99),
                line("other/3", "benign", "benign", 100)));
        Files.writeString(repo.resolve("limits.yaml"), "limits:\n  body-size: 100\n");
    }

    private static String line(String id, String label, String category, int bodyBytes) {
        String body = Base64.getEncoder().encodeToString("x".repeat(bodyBytes).getBytes(StandardCharsets.US_ASCII));
        return "{\"id\": \"" + id + "\", \"label\": \"" + label + "\", \"category\": \"" + category + "\", "
                + "\"method\": \"" + (bodyBytes == 0 ? "GET" : "POST") + "\", \"uri\": \"/post?a=1\", "
                + "\"headers\": [[\"Host\", \"localhost\"], [\"Content-Type\", \"text/plain\"]], \"body_b64\": \"" + body + "\"}";
    }

    private int run(String... args) {
        return CorpusEvaluator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), repo);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scoresBlockedRequestsPerFileAndCategory() throws IOException {
        int status = run("--config", "limits.yaml", "--warmup", "1", "--runs", "2", "--json", "result.json");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode json = new ObjectMapper().readTree(repo.resolve("result.json").toFile());
        JsonNode crs = json.get("files").get(0);
        assertThat(crs.get("file").asText()).isEqualTo("crs-regression.jsonl");
        assertThat(crs.get("attacks").get("requests").asInt()).isEqualTo(4);
        assertThat(crs.get("attacks").get("blocked").asInt()).isEqualTo(3);
        assertThat(crs.get("attacks").get("tpr").asDouble()).isEqualTo(0.75);
        assertThat(crs.get("benign").get("fpr").asDouble()).isEqualTo(0.5);
        assertThat(crs.get("neutral").get("blocked").asInt()).isEqualTo(1);
        assertThat(crs.get("neutral").has("tpr")).isFalse();
        assertThat(crs.get("categories")).extracting(c -> c.get("name").asText() + " " + c.get("blocked").asInt()
                + "/" + c.get("requests").asInt())
                .containsExactly("protocol 1/1", "sqli 1/2", "xss 1/1", "benign 1/2", "neutral/sqli 1/2");

        JsonNode other = json.get("files").get(1);
        assertThat(other.get("benign").get("blocked").asInt()).isZero();
        assertThat(other.get("attacks").get("tpr").isNull()).isTrue();
        assertThat(json.get("total").get("benign").get("fpr").asDouble()).isEqualTo(0.2);

        // protocol is not a headline family: only sqli and xss count
        assertThat(json.get("headline").get("requests").asInt()).isEqualTo(3);
        assertThat(json.get("headline").get("blocked").asInt()).isEqualTo(2);

        assertThat(json.get("false_positive_rules")).singleElement().satisfies(rule -> {
            assertThat(rule.get("rule").asText()).isEqualTo("LIMIT-BODY-SIZE");
            assertThat(rule.get("requests").asInt()).isEqualTo(1);
            assertThat(rule.get("example").asText()).isEqualTo("crs/6");
        });
        assertThat(json.get("results")).hasSize(11);
        JsonNode first = json.get("results").get(0);
        assertThat(first.get("id").asText()).isEqualTo("crs/1");
        assertThat(first.get("blocked").asBoolean()).isTrue();
        assertThat(first.get("status").asInt()).isEqualTo(413);
        assertThat(first.get("latency_us").asDouble()).isPositive();
    }

    @Test
    void printsATablePerFileAndTheHeadline() {
        run("--config", "limits.yaml", "--warmup", "0", "--runs", "1");

        assertThat(output())
                .contains("crs-regression.jsonl (8 requests)")
                .containsPattern("attack +sqli +2 +1 +TPR 50\\.00%")
                .containsPattern("attack +\\(all\\) +4 +3 +TPR 75\\.00%")
                .containsPattern("benign +benign +2 +1 +FPR 50\\.00%")
                .containsPattern("neutral +neutral/sqli +2 +1 +blocked 1 of 2")
                .containsPattern("other.jsonl +- +- +- +3 +0 +0\\.00% +-")
                .containsPattern("all files +4 +3 +75\\.00% +5 +1 +20\\.00% +1 of 2")
                .contains("2 of 3 blocked, TPR 66.67%")
                .containsPattern("LIMIT-BODY-SIZE +1 +crs-regression.jsonl +crs/6");
    }

    @Test
    void writesMissesForTuning() throws IOException {
        run("--config", "limits.yaml", "--warmup", "0", "--runs", "1", "--misses", "misses.txt");

        assertThat(Files.readAllLines(repo.resolve("misses.txt"))).containsExactly(
                "crs/2\tmissed-attack\tsqli\t-",
                "crs/6\tfalse-positive\tbenign\tLIMIT-BODY-SIZE");
    }

    @Test
    void evaluatesOnlyTheNamedFiles() throws IOException {
        run("--config", "limits.yaml", "--warmup", "0", "--runs", "1", "--file", "other", "--json", "r.json");

        JsonNode json = new ObjectMapper().readTree(repo.resolve("r.json").toFile());
        assertThat(json.get("files")).extracting(f -> f.get("file").asText()).containsExactly("other.jsonl");
        assertThat(json.has("headline")).isFalse();
        assertThat(output()).contains("Headline: crs-regression.jsonl was not evaluated");
    }

    @Test
    void blocksNothingWithTheDefaults() {
        run("--warmup", "0", "--runs", "1", "--level", "off");

        assertThat(output()).contains("deny-rules level off").containsPattern("all files +4 +0 +0\\.00%");
    }

    @Test
    void skipsCleanlyWhenTheCorporaFolderIsAbsent() throws IOException {
        Path deep = Files.createDirectories(root.resolve("a").resolve("b").resolve("c").resolve("d"));
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        int status = CorpusEvaluator.run(new String[0], new PrintStream(text, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), deep);

        assertThat(status).isZero();
        assertThat(text.toString(StandardCharsets.UTF_8))
                .startsWith("Corpora folder not found (looked in ")
                .contains(root.resolve("a").resolve("b").resolve("shared").resolve("corpora").toString())
                .contains("skipping the corpus evaluation");
    }

    @Test
    void skipsCleanlyWhenTheNamedCorporaFolderIsAbsent() {
        int status = run("--corpora", "nowhere");

        assertThat(status).isZero();
        assertThat(output()).contains("Corpora folder not found (looked in " + repo.resolve("nowhere"));
    }

    @Test
    void findsTheCorporaBesideTheRepository() {
        int status = run("--warmup", "0", "--runs", "1", "--file", "other.jsonl");

        assertThat(status).isZero();
        assertThat(output()).contains("other.jsonl (3 requests)");
    }

    @Test
    void reportsABadCorpusLine() throws IOException {
        Files.writeString(corpora.resolve("broken.jsonl"), line("b/1", "benign", "benign", 0) + "\n{\"id\": \"b/2\"}\n");

        int status = run("--file", "broken");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: corpus broken.jsonl:2 (b/2): missing field 'label'");
    }

    @Test
    void reportsABadConfiguration() throws IOException {
        Files.writeString(repo.resolve("bad.yaml"), "limits:\n  body-sise: 100\n");

        int status = run("--config", "bad.yaml");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: configuration: ").contains("body-sise");
    }

    @Test
    void rejectsBadOptions() {
        assertThat(run("--runs", "0")).isEqualTo(2);
        assertThat(run("--level", "paranoid")).isEqualTo(2);
        assertThat(run("--bogus", "1")).isEqualTo(2);
        assertThat(run("--file")).isEqualTo(2);
        assertThat(run("--file", "missing")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("error: --runs must be at least 1, was 0")
                .contains("error: --level must be off, basic, standard or strict, was 'paranoid'")
                .contains("error: unknown option '--bogus'")
                .contains("error: --file needs a value")
                .contains("error: no corpus file missing.jsonl in ");
    }

    @Test
    void acceptsOptionsWithEqualsSigns() {
        int status = run("--warmup=0", "--runs=1", "--file=other");

        assertThat(status).isZero();
        assertThat(output()).contains("passes: 0 warm-up, 1 measured");
    }
}
