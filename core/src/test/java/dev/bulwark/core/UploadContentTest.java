package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * File uploads read in their declared or marked charset, binary content recognised whatever type it
 * declares, and findings in a part located at the part.
 */
class UploadContentTest {

    private static final String CSV = "id,name,comment\n1,Anna,\"first, and only\"\n2,Bob,ok\n";
    private static final String SQLI = "1' UNION SELECT password FROM users--";
    private static final Location FILE = Location.value(Source.MULTIPART, "file");

    private static final Bulwark DEFAULTS = Bulwark.create(BulwarkConfig.defaults());
    private static final Bulwark BLOCKING = Bulwark.create(BulwarkConfig.fromYaml("uninspectable: block"));

    static byte[] utf16LeWithMark(String text) {
        byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[le.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(le, 0, marked, 2, le.length);
        return marked;
    }

    static byte[] randomBytes() {
        byte[] bytes = new byte[20_000];
        new Random(15).nextBytes(bytes);
        return bytes;
    }

    private static HttpRequest upload(String partType, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\n"
                + (partType == null ? "" : "Content-Type: " + partType + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.builder("POST", "/upload").remoteAddress("127.0.0.1")
                .header("Content-Type", "multipart/form-data; boundary=b").body(body.toByteArray()).build();
    }

    private static HttpRequest post(String contentType, byte[] body) {
        return HttpRequest.builder("POST", "/import").remoteAddress("127.0.0.1")
                .header("Content-Type", contentType).body(body).build();
    }

    @Test
    void allowsUtf16CsvPartInItsDeclaredCharset() {
        Decision decision = DEFAULTS.evaluate(upload("text/csv; charset=utf-16", CSV.getBytes(StandardCharsets.UTF_16)));

        assertThat(decision.findings()).isEmpty();
    }

    @Test
    void allowsUtf16CsvPartWithByteOrderMarkAndNoCharset() {
        assertThat(DEFAULTS.evaluate(upload("text/csv", utf16LeWithMark(CSV))).findings()).isEmpty();
        assertThat(DEFAULTS.evaluate(upload("text/csv", CSV.getBytes(StandardCharsets.UTF_16))).findings()).isEmpty();
    }

    @Test
    void blocksSqlInjectionInUtf16CsvPartWithByteOrderMark() {
        Decision decision = DEFAULTS.evaluate(upload("text/csv", utf16LeWithMark("id\n" + SQLI + "\n")));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).ruleKey()).isEqualTo("SQL");
        assertThat(decision.blockingFindings().get(0).location()).isEqualTo(FILE);
    }

    @Test
    void blocksUtf8PayloadBehindUtf16Label() {
        // As UTF-16 these bytes are CJK text; an application that ignores the label reads the SQL.
        Decision decision = DEFAULTS.evaluate(upload("text/csv; charset=utf-16le",
                ("id\n" + SQLI + "\n").getBytes(StandardCharsets.UTF_8)));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).ruleKey()).isEqualTo("SQL");
    }

    @Test
    void treatsRandomBytesDeclaredTextPlainAsBinaryContent() {
        Decision decision = DEFAULTS.evaluate(upload("text/plain", randomBytes()));

        assertThat(decision.blocked()).isFalse();
        assertThat(decision.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("UNINSPECTED-BINARY");
            assertThat(finding.location()).isEqualTo(FILE);
            assertThat(finding.mode()).isEqualTo(Mode.LOG_ONLY);
        });
    }

    @Test
    void blocksRandomBytesDeclaredTextPlainWhenUninspectableIsBlock() {
        Decision decision = BLOCKING.evaluate(upload("text/plain", randomBytes()));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).ruleId()).isEqualTo("UNINSPECTED-BINARY");
        assertThat(decision.blockingFindings().get(0).status()).isEqualTo(415);
    }

    @Test
    void blocksAScriptPaddedWithBinaryJunkInAFileDeclaredText() {
        byte[] script = "<?php system($_GET['c']); ?>\n".getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[script.length + 400];
        System.arraycopy(script, 0, padded, 0, script.length);

        Decision decision = DEFAULTS.evaluate(upload("text/plain", padded));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).ruleKey()).isEqualTo("PHP");
        assertThat(decision.findings()).extracting(Finding::ruleId).contains("UNINSPECTED-BINARY");
    }

    @Test
    void locatesADecodingFlagFindingAtThePart() {
        Decision decision = DEFAULTS.evaluate(upload("text/plain", "name\0.php\nrest of a text file\n"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).ruleId()).isEqualTo("PROTOCOL-NUL-BYTE");
        assertThat(decision.blockingFindings().get(0).location()).isEqualTo(FILE);
    }

    @Test
    void allowsUtf16BodyWithByteOrderMarkAndNoCharset() {
        assertThat(DEFAULTS.evaluate(post("text/csv", utf16LeWithMark(CSV))).findings()).isEmpty();
    }

    @Test
    void blocksSqlInjectionInUtf16BodyWithByteOrderMark() {
        Decision decision = DEFAULTS.evaluate(post("text/csv", utf16LeWithMark("id\n" + SQLI + "\n")));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).ruleKey()).isEqualTo("SQL");
    }
}
