package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.RawHttp;
import dev.bulwark.testsupport.SecurityLog;
import dev.bulwark.testsupport.TestCheck;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** In log-only mode findings are logged and the request passes, whole. */
class LogOnlyModeTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return super.config().toBuilder().mode(Mode.LOG_ONLY).build();
    }

    @Test
    void passesRequestWithBlockingFinding() {
        HttpResponse<String> response = get("/echo/search?q=attack");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("parameters").get("q").get(0).asText()).isEqualTo("attack");
    }

    @Test
    void logsTheFindingAtInfo() {
        Assumptions.assumeTrue(SecurityLog.available());

        String incidentId = json(get("/echo/search?q=attack").body()).get("incidentId").asText();

        String line = SecurityLog.line(incidentId);
        assertThat(line).contains("INFO");
        JsonNode event = SecurityLog.event(incidentId);
        assertThat(event.get("event.action").asText()).isEqualTo("logged");
        assertThat(event.get("bulwark.mode").asText()).isEqualTo("log-only");
        assertThat(event.get("rule.id").asText()).isEqualTo(TestCheck.RULE_ID);
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(200);
    }

    @Test
    void passesBodyOverTheDeclaredLimitWhole() {
        byte[] body = pattern(3 * BODY_LIMIT);

        HttpResponse<String> response = post("/echo/declared", "application/octet-stream", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
        assertThat(seen.get("contentLength").asLong()).isEqualTo(body.length);
    }

    @Test
    void passesChunkedBodyOverTheLimitWhole() {
        byte[] body = pattern(3 * BODY_LIMIT + 17);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /echo/chunked HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int offset = 0; offset < body.length; offset += 1000) {
            int size = Math.min(1000, body.length - offset);
            request.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(body, offset, size);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        RawHttp.Response response = raw(request.toByteArray());

        assertThat(response.status()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodyLength").asInt()).isEqualTo(body.length);
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    @Test
    void passesFormOverTheLimitWithAllItsParameters() {
        String value = "v".repeat(2 * BODY_LIMIT);
        byte[] body = ("first=1&big=" + value + "&last=2").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /params-first/form HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        request.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        JsonNode parameters = json(raw(request.toByteArray()).body()).get("parameters");

        assertThat(parameters.get("first").get(0).asText()).isEqualTo("1");
        assertThat(parameters.get("big").get(0).asText()).isEqualTo(value);
        assertThat(parameters.get("last").get(0).asText()).isEqualTo("2");
    }

    private static byte[] pattern(int length) {
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (i * 31 + (i >> 8));
        }
        return body;
    }
}
