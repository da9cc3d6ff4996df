package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.MultipartBody;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * File uploads over real HTTP: a UTF-16 spreadsheet export passes byte for byte, bytes that are
 * not text are binary whatever type they declare, every finding in a part names the part in the
 * security log, and an upload route sets larger limits than the rest of the application.
 */
class UploadsOverHttpTest extends FilterContainerTest {

    private static final String CSV = "id,name,comment\n1,Anna,\"first, and only\"\n2,Bob,ok\n";
    private static final String SQLI = "1' UNION SELECT password FROM users--";
    private static final String BOUNDARY = "upload-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: 4KiB, multipart: {part-size: 2KiB}}
                routes:
                  - when: {path: {prefix: /uploads/}, methods: [POST]}
                    limits: {body-size: 64KiB, multipart: {part-size: 32KiB}}
                """);
    }

    private static byte[] file(String contentType, byte[] content) {
        return MultipartBody.onePart(BOUNDARY, "form-data; name=\"file\"; filename=\"export.csv\"", contentType, content);
    }

    private static byte[] utf16LeWithMark(String text) {
        byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[le.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(le, 0, marked, 2, le.length);
        return marked;
    }

    private void assertPassedByteForByte(HttpResponse<String> response, byte[] body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodyLength").asInt()).isEqualTo(body.length);
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    @Test
    void passesUtf16CsvWithByteOrderMarkAndNoCharsetByteForByte() {
        byte[] body = file("text/csv", utf16LeWithMark(CSV));

        assertPassedByteForByte(post("/uploads/import", MULTIPART, body), body);
    }

    @Test
    void passesUtf16CsvDeclaredInItsCharsetByteForByte() {
        byte[] body = file("text/csv; charset=utf-16", CSV.getBytes(StandardCharsets.UTF_16));

        assertPassedByteForByte(post("/uploads/import", MULTIPART, body), body);
    }

    @Test
    void blocksSqlInjectionInUtf16CsvAndLogsThePart() {
        HttpResponse<String> response = post("/uploads/import", MULTIPART,
                file("text/csv", utf16LeWithMark("id\n" + SQLI + "\n")));

        JsonNode event = assertBlockedAndLogged(response, "UNION", "SQL", "export.csv");
        assertThat(event.get("rule.category").asText()).isEqualTo("SQL");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("multipart:file");
    }

    @Test
    void logsRandomBytesDeclaredTextPlainAsUninspectedBinaryOfThePart() {
        byte[] random = new byte[8000];
        new Random(15).nextBytes(random);
        byte[] body = file("text/plain", random);

        HttpResponse<String> response = post("/uploads/import", MULTIPART, body);

        assertPassedByteForByte(response, body);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("event.action").asText()).isEqualTo("logged");
        assertThat(event.get("rule.id").asText()).isEqualTo("UNINSPECTED-BINARY");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("multipart:file");
    }

    @Test
    void namesThePartInTheLogOfADecodingFinding() {
        HttpResponse<String> response = post("/uploads/import", MULTIPART,
                file("text/plain", "shell\0.php\nthe rest of a text file\n".getBytes(StandardCharsets.UTF_8)));

        JsonNode event = assertBlockedAndLogged(response, "NUL", "PROTOCOL");
        assertThat(event.get("rule.id").asText()).isEqualTo("PROTOCOL-NUL-BYTE");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("multipart:file");
    }

    @Test
    void passesALargeUploadOnTheRouteThatAllowsIt() {
        byte[] content = new byte[20_000];
        Arrays.fill(content, (byte) 'a');
        byte[] body = file("text/plain", content);

        assertPassedByteForByte(post("/uploads/import", MULTIPART, body), body);
    }

    @Test
    void refusesTheSameUploadElsewhereWith413() {
        byte[] content = new byte[20_000];
        Arrays.fill(content, (byte) 'a');

        HttpResponse<String> response = post("/import", MULTIPART, file("text/plain", content));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(loggedEvent(response.body()).get("rule.id").asText()).isEqualTo("LIMIT-BODY-SIZE");
    }
}
