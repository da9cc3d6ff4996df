package dev.bulwark.core.internal.rules;

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
import org.junit.jupiter.params.provider.Arguments;

/**
 * The one helper for sets of real-world values that must pass: reads them from TSV resources and
 * sends each through the engine, at its default level, in a query, a form, a JSON body and a header.
 *
 * <p>A resource holds a kind and a value a line, separated by a tab; {@code ␍} and {@code ␊} (the
 * control pictures U+240D and U+240A) stand for a carriage return and a line feed, so that a value
 * may still hold a backslash and an {@code n} as forum posts do.
 */
public final class BenignValues {

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.defaults());

    private BenignValues() {
    }

    /** The values of {@code resources}, each as the arguments (kind, value), the kind prefixed by {@code label}. */
    public static List<Arguments> read(String... resources) {
        List<Arguments> values = new ArrayList<>();
        for (String resource : resources) {
            String label = resource.substring(resource.lastIndexOf('/') + 1).replace(".tsv", "");
            try (InputStream in = BenignValues.class.getResourceAsStream(resource);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        String value = line.substring(tab + 1).replace('\u240D', '\r').replace('\u240A', '\n');
                        values.add(Arguments.of(label + "/" + line.substring(0, tab), value));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return values;
    }

    /**
     * Every rule that blocks {@code value} anywhere it is sent, as {@code source RULE-ID}: in a query,
     * a form, a JSON body, and in a header when the value is printable ASCII.
     */
    public static List<String> blockingRules(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        List<String> rules = new ArrayList<>();
        add(rules, "query", request("GET", "/search?q=" + encoded));
        add(rules, "form", request("POST", "/search").header("Content-Type", "application/x-www-form-urlencoded")
                .body(("q=" + encoded).getBytes(StandardCharsets.UTF_8)));
        add(rules, "json", request("POST", "/search").header("Content-Type", "application/json")
                .body(("{\"q\":" + jsonString(value) + "}").getBytes(StandardCharsets.UTF_8)));
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            add(rules, "header", request("GET", "/search").header("X-Filter", value));
        }
        return rules;
    }

    /** The rules that block {@code value} sent as a query parameter, as {@code query RULE-ID}: what an attack must meet. */
    public static List<String> blockingRulesInQuery(String value) {
        List<String> rules = new ArrayList<>();
        add(rules, "query", request("GET", "/search?q=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return rules;
    }

    private static void add(List<String> rules, String source, HttpRequest.Builder request) {
        for (Finding finding : BULWARK.evaluate(request.build()).blockingFindings()) {
            rules.add(source + " " + finding.ruleId());
        }
    }

    private static HttpRequest.Builder request(String method, String target) {
        return HttpRequest.builder(method, target).remoteAddress("127.0.0.1");
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
