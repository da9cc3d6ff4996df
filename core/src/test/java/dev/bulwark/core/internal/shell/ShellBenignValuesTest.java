package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
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
 * Real-world values that look like command lines to a shell, cmd.exe or PHP: prose and chat with
 * {@code ;}, {@code &}, {@code |}, backticks, {@code $} and parentheses, names such as "Tom &amp;
 * Jerry" and "R&amp;D", addresses and host names with text after them, multi-line form fields,
 * Markdown with inline code and fenced blocks, file names, lists of paths, package file paths,
 * Windows paths, menu labels with {@code &} accelerators, URLs, version strings, math, emoticons,
 * code snippets (print-only awk programs among them) and mentions of {@code ps}, {@code cat}, {@code ls}, {@code id},
 * {@code sleep}, {@code dir}, {@code type}, {@code echo}, {@code awk} or {@code printf} in prose.
 * Each must pass the engine at its default level in a query, a form, a JSON body and a header.
 *
 * <p>The values are in {@code shell/benign-values.tsv}, a kind and a value a line; {@code ␍} and
 * {@code ␊} (the control pictures U+240D and U+240A) stand for a carriage return and a line feed.
 */
class ShellBenignValuesTest {

    private static final String VALUES = "/shell/benign-values.tsv";
    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.defaults());

    static Stream<Arguments> benignValues() {
        return readValues().stream();
    }

    private static List<Arguments> readValues() {
        List<Arguments> values = new ArrayList<>();
        try (InputStream in = ShellBenignValuesTest.class.getResourceAsStream(VALUES);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    String value = line.substring(tab + 1).replace('\u240D', '\r').replace('\u240A', '\n');
                    values.add(Arguments.of(line.substring(0, tab), value));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    @Test
    void holdsSeveralHundredValues() {
        assertThat(readValues()).hasSizeGreaterThanOrEqualTo(600);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsValueThroughTheEngine(String kind, String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        assertThat(blockingRules(request("GET", "/search?q=" + encoded).build())).as("query %s", value).isEmpty();
        assertThat(blockingRules(request("POST", "/search").header("Content-Type", "application/x-www-form-urlencoded")
                .body(("q=" + encoded).getBytes(StandardCharsets.UTF_8)).build())).as("form %s", value).isEmpty();
        assertThat(blockingRules(request("POST", "/search").header("Content-Type", "application/json")
                .body(("{\"q\":" + jsonString(value) + "}").getBytes(StandardCharsets.UTF_8)).build()))
                .as("JSON %s", value).isEmpty();
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            assertThat(blockingRules(request("GET", "/search").header("X-Filter", value).build()))
                    .as("header %s", value).isEmpty();
        }
    }

    private static HttpRequest.Builder request(String method, String target) {
        return HttpRequest.builder(method, target).remoteAddress("127.0.0.1");
    }

    /** Every rule that blocks: a benign value must pass the whole engine, not only the shell families. */
    private static List<String> blockingRules(HttpRequest request) {
        return BULWARK.evaluate(request).blockingFindings().stream().map(Finding::ruleId).toList();
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        value.chars().forEach(c -> {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\r' -> json.append("\\r");
                case '\n' -> json.append("\\n");
                case '\t' -> json.append("\\t");
                default -> json.append((char) c);
            }
        });
        return json.append('"').toString();
    }
}
