package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
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
 * Real-world values a service receives that look like markup, code, paths, directory names or
 * query operators without being an attack: rich text from editors, Markdown, message templates, mail
 * text, file names and URLs, forum posts with code, JSON and YAML, LDAP names, MongoDB prose, tokens
 * and hashes, browser headers, CSS and SVG, emoji and non-Latin scripts, addresses, prices and dates.
 * Each must pass the engine at its default level in a query, a form, a JSON body and a header. The
 * values are in {@code rules/benign/*.tsv}, one file per group, a kind and a value a line; a
 * {@code \n} in a value stands for a line break, as a text area sends it.
 */
class BenignValuesTest {

    private static final List<String> GROUPS = List.of("markup", "code", "paths-and-urls", "directory-and-mail",
            "tokens-and-headers", "text");
    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.defaults());

    static Stream<Arguments> benignValues() {
        return readValues().stream();
    }

    private static List<Arguments> readValues() {
        List<Arguments> values = new ArrayList<>();
        for (String group : GROUPS) {
            String resource = "/rules/benign/" + group + ".tsv";
            try (InputStream in = BenignValuesTest.class.getResourceAsStream(resource);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        values.add(Arguments.of(group + "/" + line.substring(0, tab),
                                line.substring(tab + 1).replace("\\n", "\n")));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return values;
    }

    @Test
    void holdsEightHundredValues() {
        assertThat(readValues()).hasSizeGreaterThanOrEqualTo(800);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsValueInEverySource(String kind, String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        assertThat(blockingRules(request("GET", "/search?q=" + encoded).build())).as("query %s", value).isEmpty();
        assertThat(blockingRules(request("POST", "/search")
                .header("Content-Type", "application/x-www-form-urlencoded")
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

    private static List<String> blockingRules(HttpRequest request) {
        Decision decision = BULWARK.evaluate(request);
        return decision.blockingFindings().stream().map(Finding::ruleId).toList();
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                default -> json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
