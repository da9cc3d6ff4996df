package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Bodies of media types Bulwark has no parser for, over real HTTP: attacks in them are blocked
 * and logged, and with {@code uninspectable: block} a binary upload passes byte for byte only
 * where its route declares it.
 */
class UninspectedBodyOverHttpTest extends FilterContainerTest {

    private static final String SQLI = "1' UNION SELECT password FROM users--";

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: 4KiB}
                uninspectable: block
                routes:
                  - when: {path: {prefix: /uploads/}, methods: [POST, PUT]}
                    body: {binary: [application/octet-stream, image/*]}
                """);
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts a 403 problem that names no rule and kept the application uncalled; returns the security event. */
    private JsonNode assertBlockedAndLogged(HttpResponse<String> response) {
        assertThat(servlet.calls.get()).as("the application was not called").isZero();
        JsonNode event = assertBlockedAndLogged(response, "UNION", "ENTITY", "SQL", "XXE");
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(403);
        return event;
    }

    @Test
    void blocksExternalEntityInOctetStream() {
        servlet.calls.set(0);
        HttpResponse<String> response = post("/import", "application/octet-stream", """
                <?xml version="1.0"?>
                <!DOCTYPE order [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <order><id>&xxe;</id></order>""");

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("bulwark.location").asText()).isEqualTo("body");
    }

    @Test
    void blocksSqlInjectionInNdjson() {
        servlet.calls.set(0);
        HttpResponse<String> response = post("/events", "application/x-ndjson",
                "{\"id\":1,\"name\":\"anna\"}\n{\"id\":2,\"name\":\"" + SQLI + "\"}\n");

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.category").asText()).isEqualTo("SQL");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("json:/name");
    }

    @Test
    void blocksSqlInjectionInYaml() {
        servlet.calls.set(0);
        HttpResponse<String> response = post("/config", "application/x-yaml", "order:\n  id: " + SQLI + "\n  qty: 2\n");

        assertThat(assertBlockedAndLogged(response).get("rule.category").asText()).isEqualTo("SQL");
    }

    @Test
    void blocksSqlInjectionInGraphql() {
        servlet.calls.set(0);
        HttpResponse<String> response = post("/graphql", "application/graphql",
                "query { user(name: \"" + SQLI + "\") { id email } }");

        assertThat(assertBlockedAndLogged(response).get("rule.category").asText()).isEqualTo("SQL");
    }

    @Test
    void blocksJsonAttackSentAsTextPlain() {
        servlet.calls.set(0);
        HttpResponse<String> response = post("/comments", "text/plain",
                "{\"comment\":{\"text\":\"<img src=x onerror=alert(document.cookie)>\"}}");

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.category").asText()).isEqualTo("XSS");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("json:/comment/text");
    }

    @Test
    void passesPngUploadOnTheRouteThatDeclaresItByteForByte() {
        byte[] png = png();

        HttpResponse<String> response = post("/uploads/avatar", "application/octet-stream", png);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodyLength").asInt()).isEqualTo(png.length);
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(png));
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("event.action").asText()).isEqualTo("logged");
        assertThat(event.get("rule.id").asText()).isEqualTo("UNINSPECTED-BINARY");
    }

    @Test
    void blocksTheSamePngOutsideTheUploadRoute() {
        HttpResponse<String> response = post("/avatar", "application/octet-stream", png());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("UNINSPECTED-BINARY");
        assertThat(event.get("rule.description").asText()).contains("PNG image");
    }

    @Test
    void blocksGzipEncodedBody() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/comments"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0})));

        assertThat(response.statusCode()).isEqualTo(415);
    }

    /** A real 2x2 RGBA PNG: signature, IHDR, one zlib-compressed IDAT, IEND, with their CRCs. */
    static byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(2).putInt(2).put((byte) 8).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        // Two rows, each a filter byte and two RGBA pixels: red, blue; white, transparent.
        byte[] raw = {0, (byte) 255, 0, 0, (byte) 255, 0, 0, (byte) 255, (byte) 255,
                0, (byte) 255, (byte) 255, (byte) 255, (byte) 255, 0, 0, 0, 0};
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] compressed = new byte[128];
        int length = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
