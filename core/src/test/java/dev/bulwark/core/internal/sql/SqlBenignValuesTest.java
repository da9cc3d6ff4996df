package dev.bulwark.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.internal.rules.Scans;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world values that look like the short probes standard catches after a quote (a product, an
 * operator and a comment, a colon and a number, a comparison closing a parenthesis, {@code ||(},
 * shuffled-case clauses, a lone quote and OR): searches with quotes, minus and OR, measurements
 * ({@code 5'11"}, {@code 2'x4'}), ratings, prices, product names and titles, names with apostrophes,
 * JSON and code snippets, CSV lines, chat, SQL-looking English. Each must pass the SQL detector in
 * every place a value reaches it, and the engine at its default level in a query, a form, a JSON
 * body and a header. The values are in {@code sql/benign-values.tsv}, a kind and a value a line.
 */
class SqlBenignValuesTest {

    private static final String VALUES = "/sql/benign-values.tsv";
    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.defaults());

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    static Stream<Arguments> benignValues() {
        return readValues().stream();
    }

    private static List<Arguments> readValues() {
        List<Arguments> values = new ArrayList<>();
        try (InputStream in = SqlBenignValuesTest.class.getResourceAsStream(VALUES);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    values.add(Arguments.of(line.substring(0, tab), line.substring(tab + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    @Test
    void holdsSeveralHundredValues() {
        assertThat(readValues()).hasSizeGreaterThanOrEqualTo(300);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsValueInEverySource(String kind, String value) {
        SqlDialectBreaksTest.sources().forEach(source ->
                assertThat(Scans.standard(detector, source.apply(value))).as("%s %s", kind, value).isEmpty());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsValueThroughTheEngine(String kind, String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        assertThat(sqlRules(request("GET", "/search?q=" + encoded).build())).as("query %s", value).isEmpty();
        assertThat(sqlRules(request("POST", "/search").header("Content-Type", "application/x-www-form-urlencoded")
                .body(("q=" + encoded).getBytes(StandardCharsets.UTF_8)).build())).as("form %s", value).isEmpty();
        assertThat(sqlRules(request("POST", "/search").header("Content-Type", "application/json")
                .body(("{\"q\":" + jsonString(value) + "}").getBytes(StandardCharsets.UTF_8)).build()))
                .as("JSON %s", value).isEmpty();
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            assertThat(sqlRules(request("GET", "/search").header("X-Filter", value).build())).as("header %s", value).isEmpty();
        }
    }

    private static HttpRequest.Builder request(String method, String target) {
        return HttpRequest.builder(method, target).remoteAddress("127.0.0.1");
    }

    /** The SQL rules among the findings that block the request; other families judge other things. */
    private static List<String> sqlRules(HttpRequest request) {
        Decision decision = BULWARK.evaluate(request);
        return decision.blockingFindings().stream().map(Finding::ruleId).filter(id -> id.startsWith("SQL-")).toList();
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
