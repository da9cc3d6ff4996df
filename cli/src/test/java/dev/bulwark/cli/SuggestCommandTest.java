package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.traffic.CorpusReader;
import dev.bulwark.traffic.HarReader;
import dev.bulwark.traffic.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suggest} end to end: files in, a configuration out that lets the traffic through. */
class SuggestCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir);
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/" + name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private static Bulwark engine(Path yaml) {
        return Bulwark.create(BulwarkConfig.load(yaml));
    }

    @Test
    void writesAConfigurationThatLetsTheRecordedHarAndCorpusPass() throws IOException {
        Path har = fixture("shop.har");
        Path corpus = fixture("tracking.jsonl");
        List<RecordedRequest> requests = new ArrayList<>(HarReader.read(har));
        CorpusReader.read(corpus).forEach(r -> requests.add(RecordedRequest.of(r)));
        Bulwark strict = Bulwark.create(BulwarkConfig.defaults().toBuilder()
                .denyRules(BulwarkConfig.defaults().denyRules().withLevel(Level.STRICT)).build());
        assertThat(requests.stream().filter(r -> strict.evaluate(r.toHttpRequest()).blocked())).hasSize(4);

        int status = run("suggest", "--level", "strict", "--out", "suggested.yaml", "shop.har", "tracking.jsonl");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Bulwark tuned = engine(dir.resolve("suggested.yaml"));
        assertThat(tuned.config().denyRules().level()).isEqualTo(Level.STRICT);
        assertThat(requests).allSatisfy(r -> assertThat(tuned.evaluate(r.toHttpRequest()).allowed()).as(r.toString()).isTrue());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Per rule", "Per location",
                "4 blocked at the given configuration, 0 with the");
    }

    @Test
    void exceptsOnlyWhereTheTrafficWasSeen() throws IOException {
        fixture("shop.har");

        run("suggest", "--out", "suggested.yaml", "shop.har");

        Bulwark tuned = engine(dir.resolve("suggested.yaml"));
        String script = "%3Cscript%3Ealert(1)%3C/script%3E";
        assertThat(tuned.evaluate(HttpRequest.builder("GET", "/pets/9?note=" + script).build()).allowed()).isTrue();
        assertThat(tuned.evaluate(HttpRequest.builder("GET", "/pets/9?name=" + script).build()).blocked()).isTrue();
        assertThat(tuned.evaluate(HttpRequest.builder("GET", "/users/9?note=" + script).build()).blocked()).isTrue();
        String yaml = Files.readString(dir.resolve("suggested.yaml"));
        assertThat(yaml).contains("pattern: \"/pets/{id}\"", "# Lets XSS-", "json: {pointer: {exact: \"/text\"}}")
                .doesNotContain("rule-keys");
    }

    @Test
    void keepsTheBaseConfiguration() throws IOException {
        fixture("shop.har");
        Files.writeString(dir.resolve("base.yaml"), "mode: log-only\ndeny-rules: {log-only: [SSRF]}\n");

        run("suggest", "--config", "base.yaml", "--out", "suggested.yaml", "shop.har");

        BulwarkConfig config = BulwarkConfig.load(dir.resolve("suggested.yaml"));
        assertThat(config.mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(config.denyRules().logOnly()).containsExactly("SSRF");
        assertThat(config.denyRules().exceptions()).isNotEmpty();
    }

    @Test
    void readsFindingsFromSecurityEventLogLines() throws IOException {
        String event = "2026-12-06 10:00:00 INFO dev.bulwark.security - {\"@timestamp\":\"2026-12-06T10:00:00Z\","
                + "\"event.dataset\":\"bulwark.security\",\"event.action\":\"logged\",\"rule.id\":\"XSS-SCRIPT-TAG\","
                + "\"rule.category\":\"XSS\",\"http.request.method\":\"GET\",\"url.path\":\"/orders/42\","
                + "\"source.ip\":\"192.0.2.7\",\"bulwark.findings\":[{\"rule.id\":\"XSS-SCRIPT-TAG\","
                + "\"rule.category\":\"XSS\",\"location\":\"query:comment\",\"excerpt\":\"<script>\","
                + "\"mode\":\"log-only\",\"level\":\"basic\",\"block_type\":\"deny\"}]}";
        Files.writeString(dir.resolve("app.log"), "starting\n" + event + "\n");

        int status = run("suggest", "--out", "suggested.yaml", "app.log");

        assertThat(status).isZero();
        String yaml = Files.readString(dir.resolve("suggested.yaml"));
        assertThat(yaml).contains("rule-ids: [\"XSS-SCRIPT-TAG\"]",
                "parameter: {name: {exact: \"comment\"}, source: \"query\"}", "pattern: \"/orders/{id}\"");
        assertThat(BulwarkConfig.load(dir.resolve("suggested.yaml")).denyRules().exceptions()).hasSize(1);
    }

    @Test
    void refusesAnUnknownOptionWithUsage() {
        assertThat(run("suggest", "--levle", "strict", "x.har")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--levle'", "usage: suggest");
    }

    @Test
    void reportsAMalformedInputByNameAndPlace() throws IOException {
        Files.writeString(dir.resolve("broken.har"), "{\"log\": {}}");

        assertThat(run("suggest", "broken.har")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.har", "log.entries");
    }
}
