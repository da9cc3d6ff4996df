package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies of media types Bulwark has no parser for, without a media type or with one that lies: all
 * inspected unless they are binary, and binary content blocked or logged as configured.
 */
class UninspectedBodyTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89};
    private static final String XXE = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <r>&xxe;</r>""";
    private static final String SQLI = "1' UNION SELECT password FROM users--";

    private static final Bulwark DEFAULTS = Bulwark.create(BulwarkConfig.defaults());
    private static final Bulwark BLOCKING = Bulwark.create(BulwarkConfig.fromYaml("uninspectable: block"));
    private static final Bulwark UPLOADS = Bulwark.create(BulwarkConfig.fromYaml("""
            uninspectable: block
            routes:
              - when: {path: {prefix: /uploads/}}
                body: {binary: [application/octet-stream, image/*]}
            """));

    private static HttpRequest post(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.builder("POST", path).remoteAddress("127.0.0.1").body(body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.build();
    }

    private static HttpRequest post(String contentType, String body) {
        return post("/api", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Finding onlyBlocking(Decision decision) {
        assertThat(decision.blocked()).as("blocked").isTrue();
        return decision.blockingFindings().get(0);
    }

    @Test
    void blocksExternalEntityInOctetStream() {
        Finding finding = onlyBlocking(DEFAULTS.evaluate(post("application/octet-stream", XXE)));

        assertThat(finding.blockType()).isEqualTo(BlockType.DENY);
        assertThat(finding.status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-ndjson", "application/x-yaml", "application/graphql",
            "application/javascript", "text/csv", "image/png", "application/x-thing"})
    void blocksSqlInjectionInTextOfAnyDeclaredType(String contentType) {
        String body = switch (contentType) {
            case "application/x-ndjson" -> "{\"id\":1}\n{\"id\":\"" + SQLI + "\"}\n";
            case "application/x-yaml" -> "order:\n  id: " + SQLI + "\n";
            case "application/graphql" -> "query { user(name: \"" + SQLI + "\") { id } }";
            default -> "id=" + SQLI;
        };

        assertThat(onlyBlocking(DEFAULTS.evaluate(post(contentType, body))).ruleKey()).isEqualTo("SQL");
    }

    @Test
    void parsesNdjsonLineByLine() {
        Decision decision = DEFAULTS.evaluate(post("application/x-ndjson",
                "{\"id\":1}\n{\"name\":\"<img src=x onerror=alert(1)>\"}\n"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings()).anySatisfy(f -> assertThat(f.location()).isEqualTo(
                Location.value(Source.JSON, "/name")));
    }

    @Test
    void inspectsNdjsonAsTextWhenItsLinesPassTheElementLimitTogether() {
        Bulwark few = Bulwark.create(BulwarkConfig.fromYaml("limits: {json: {elements: 10}}"));
        String body = "{\"a\":\"x\"}\n".repeat(20) + "{\"q\":\"" + SQLI + "\"}\n";

        assertThat(onlyBlocking(few.evaluate(post("application/x-ndjson", body))).location())
                .isEqualTo(Location.value(Source.BODY, ""));
    }

    @Test
    void inspectsTextThatLooksLikeJsonBeyondALimitAsTextWithoutRejectingIt() {
        Bulwark shallow = Bulwark.create(BulwarkConfig.fromYaml("limits: {json: {depth: 2}}"));

        assertThat(shallow.evaluate(post("text/plain", "[[[[\"deeply nested note\"]]]]")).allowed()).isTrue();
    }

    @Test
    void parsesJsonSentAsTextPlainAsJson() {
        Decision decision = DEFAULTS.evaluate(post("text/plain", "{\"comment\":{\"text\":\"" + SQLI + "\"}}"));

        assertThat(decision.blockingFindings()).anySatisfy(f -> assertThat(f.location()).isEqualTo(
                Location.value(Source.JSON, "/comment/text")));
    }

    @Test
    void parsesJsonWithoutContentTypeAsJson() {
        Decision decision = DEFAULTS.evaluate(post(null, "{\"q\":\"" + SQLI + "\"}"));

        assertThat(decision.blockingFindings()).anySatisfy(f -> assertThat(f.location()).isEqualTo(
                Location.value(Source.JSON, "/q")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain", "application/x-ndjson", "application/octet-stream"})
    void refusesJsonWithAnEscapeThatLeavesASurrogateUnpairedWhateverItsType(String contentType) {
        // An application that reads it as JSON and drops what it cannot encode reads UNION SELECT.
        String body = "{\"q\":\"1 UN\\ud800ION SEL\\udc00ECT password FROM users\"}\n";

        Finding finding = onlyBlocking(DEFAULTS.evaluate(post(contentType.isEmpty() ? null : contentType, body)));

        assertThat(finding.blockType()).isEqualTo(BlockType.MALFORMED);
        assertThat(finding.status()).isEqualTo(400);
        assertThat(finding.location()).isEqualTo(Location.value(Source.JSON, "/q"));
    }

    @Test
    void inspectsTextWithAnUnpairedSurrogateEscapeThatIsNotJsonAsText() {
        assertThat(DEFAULTS.evaluate(post("text/plain", "the escape \\ud800 in a note")).allowed()).isTrue();
    }

    @Test
    void parsesAnEncodedFormSentAsOctetStreamAsForm() {
        Decision decision = DEFAULTS.evaluate(post("application/octet-stream",
                "user=anna&id=1%27%20UNION%20SELECT%20password%20FROM%20users--"));

        assertThat(decision.blockingFindings()).anySatisfy(f -> assertThat(f.location()).isEqualTo(
                Location.value(Source.FORM, "id")));
    }

    @Test
    void parsesXmlSentAsBogusTypeAsXml() {
        Decision decision = DEFAULTS.evaluate(post("application/x-thing", "<order><note>" + SQLI + "</note></order>"));

        assertThat(decision.blockingFindings()).anySatisfy(f -> assertThat(f.location()).isEqualTo(
                Location.value(Source.XML, "/order/note")));
    }

    @Test
    void stillFindsScriptInHtmlThatParsesAsXml() {
        Decision decision = DEFAULTS.evaluate(post("text/html", "<p><script>alert(document.cookie)</script></p>"));

        assertThat(onlyBlocking(decision).ruleKey()).isEqualTo("XSS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-ndjson", "application/x-yaml", "text/plain", "application/octet-stream"})
    void allowsOrdinaryText(String contentType) {
        String body = switch (contentType) {
            case "application/x-ndjson" -> "{\"id\":1,\"name\":\"Anna O'Brien\"}\n{\"id\":2}\n";
            case "application/x-yaml" -> "order:\n  id: 5\n  note: select your size, please\n";
            default -> "Hello, this is a note about orders 1 and 2.";
        };

        assertThat(DEFAULTS.evaluate(post(contentType, body)).allowed()).isTrue();
    }

    @Test
    void logsPngAndLetsItPassByDefault() {
        Decision decision = DEFAULTS.evaluate(post("/avatar", "application/octet-stream", PNG));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("UNINSPECTED-BINARY");
            assertThat(f.mode()).isEqualTo(Mode.LOG_ONLY);
            assertThat(f.description()).contains("PNG image");
        });
    }

    @Test
    void inspectsAScriptBehindAPngSignature() {
        byte[] script = SQLI.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[8 + script.length];
        System.arraycopy(PNG, 0, body, 0, 8);
        System.arraycopy(script, 0, body, 8, script.length);

        assertThat(onlyBlocking(DEFAULTS.evaluate(post("/avatar", "image/png", body))).ruleKey()).isEqualTo("SQL");
    }

    @Test
    void blocksPngWith415WhenUninspectableIsBlock() {
        Decision decision = BLOCKING.evaluate(post("/avatar", "application/octet-stream", PNG));

        Finding finding = onlyBlocking(decision);
        assertThat(finding.ruleId()).isEqualTo("UNINSPECTED-BINARY");
        assertThat(finding.status()).isEqualTo(415);
        assertThat(finding.description()).contains("PNG image");
    }

    @Test
    void blocksBinaryWithoutKnownSignatureWhenUninspectableIsBlock() {
        byte[] blob = new byte[64];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i % 2 == 0 ? 0x03 : 0x9F);
        }

        assertThat(onlyBlocking(BLOCKING.evaluate(post("/api", "application/x-protobuf", blob))).ruleId())
                .isEqualTo("UNINSPECTED-BINARY");
    }

    @Test
    void inspectsBinaryLookingBytesOfAnUnknownTypeAsText() {
        byte[] blob = {0x0A, 0x03, (byte) 0x9F, 0x12, 0x07, (byte) 0xFE, 0x01};

        assertThat(DEFAULTS.evaluate(post("/api", "application/x-thing", blob)).allowed()).isTrue();
    }

    @Test
    void inspectsBodyOfABogusContentTypeBeyondTheProtocolRule() {
        Bulwark basic = Bulwark.create(BulwarkConfig.fromYaml("deny-rules: {level: basic}"));

        assertThat(onlyBlocking(basic.evaluate(post("foo", "id=" + SQLI))).ruleKey()).isEqualTo("SQL");
    }

    @Test
    void letsPngPassOnARouteThatDeclaresItAndLogsIt() {
        Decision decision = UPLOADS.evaluate(post("/uploads/avatar", "application/octet-stream", PNG));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("UNINSPECTED-BINARY");
            assertThat(f.mode()).isEqualTo(Mode.LOG_ONLY);
        });
    }

    @Test
    void blocksPngOnTheUploadRouteWhenItsDeclaredTypeIsNotABinaryOne() {
        assertThat(UPLOADS.evaluate(post("/uploads/avatar", "application/x-thing", PNG)).blocked()).isTrue();
    }

    @Test
    void blocksPngOutsideTheUploadRoute() {
        assertThat(UPLOADS.evaluate(post("/api", "image/png", PNG)).blocked()).isTrue();
    }

    @Test
    void inspectsTextThatClaimsToBeAnImageOnTheUploadRoute() {
        Decision decision = UPLOADS.evaluate(post("/uploads/avatar", "image/png", XXE.getBytes(StandardCharsets.UTF_8)));

        assertThat(onlyBlocking(decision).status()).isEqualTo(403);
    }

    @Test
    void blocksPngFileInMultipartWhenUninspectableIsBlockAndLetsItPassOnTheUploadRoute() {
        byte[] head = ("--b\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\r\n--b--\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[head.length + PNG.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(PNG, 0, body, head.length, PNG.length);
        System.arraycopy(tail, 0, body, head.length + PNG.length, tail.length);

        Finding finding = onlyBlocking(BLOCKING.evaluate(post("/uploads/a", "multipart/form-data; boundary=b", body)));
        assertThat(finding.ruleId()).isEqualTo("UNINSPECTED-BINARY");
        assertThat(finding.location()).isEqualTo(Location.value(Source.MULTIPART, "avatar"));
        assertThat(UPLOADS.evaluate(post("/uploads/a", "multipart/form-data; boundary=b", body)).allowed()).isTrue();
    }

    @Test
    void blocksTextInACharsetThatCannotBeDecodedWhenUninspectableIsBlock() {
        Finding finding = onlyBlocking(BLOCKING.evaluate(post("text/plain; charset=x-no-such-charset", "hello")));

        assertThat(finding.ruleId()).isEqualTo("UNINSPECTED-BODY");
        assertThat(finding.status()).isEqualTo(415);
    }

    @Test
    void readsAQuotedCharsetName() {
        assertThat(DEFAULTS.evaluate(post("application/x-www-form-urlencoded; charset='utf-8'", "test=value")).allowed())
                .isTrue();
    }

    @Test
    void blocksCompressedBodyWhenUninspectableIsBlock() {
        HttpRequest request = HttpRequest.builder("POST", "/api").remoteAddress("127.0.0.1")
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .body(new byte[] {0x1F, (byte) 0x8B, 0x08, 0, 0, 0, 0, 0}).build();

        Finding finding = onlyBlocking(BLOCKING.evaluate(request));
        assertThat(finding.ruleId()).isEqualTo("UNINSPECTED-BODY");
        assertThat(finding.description()).contains("content encoding gzip");
    }

    @Test
    void logsCompressedBodyByDefault() {
        Bulwark logging = DEFAULTS;
        HttpRequest request = HttpRequest.builder("POST", "/api").remoteAddress("127.0.0.1")
                .header("Content-Type", "text/plain").header("Content-Encoding", "br").body(new byte[] {1, 2, 3}).build();

        Decision decision = logging.evaluate(request);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).singleElement().extracting(Finding::mode).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void inspectsBodyWithIdentityEncoding() {
        HttpRequest request = HttpRequest.builder("POST", "/api").remoteAddress("127.0.0.1")
                .header("Content-Type", "text/plain").header("Content-Encoding", "identity")
                .body(("id=" + SQLI).getBytes(StandardCharsets.UTF_8)).build();

        assertThat(onlyBlocking(DEFAULTS.evaluate(request)).ruleKey()).isEqualTo("SQL");
    }

    @Test
    void decodesTextInADeclaredCharset() {
        byte[] latin1 = ("{\"caf\u00e9\":\"" + SQLI + "\"}").getBytes(StandardCharsets.ISO_8859_1);

        Decision decision = DEFAULTS.evaluate(post("/api", "text/plain; charset=iso-8859-1", latin1));
        assertThat(decision.blockingFindings()).anySatisfy(f -> assertThat(f.location()).isEqualTo(
                Location.value(Source.JSON, "/caf\u00e9")));
    }
}
