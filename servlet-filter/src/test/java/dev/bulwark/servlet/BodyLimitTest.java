package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testsupport.RawHttp;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bodies over the limit, and bodies the container cannot deliver, never reach the application. */
class BodyLimitTest extends FilterContainerTest {

    @Test
    void blocksBodyOverTheLimitWith413() {
        int before = servlet.calls.get();
        byte[] body = new byte[BODY_LIMIT + 1];

        HttpResponse<String> response = post("/echo/big", "application/octet-stream", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("title").asText()).isEqualTo("Payload too large");
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("incidentId").asText()).hasSize(16);
        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void blocksChunkedBodyOverTheLimitWith413() {
        int before = servlet.calls.get();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /echo/big-chunked HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 'z');
        for (int i = 0; i < 8; i++) {
            request.writeBytes("400\r\n".getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(chunk);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        RawHttp.Response response = raw(request.toByteArray());

        assertThat(response.status()).isEqualTo(413);
        assertThat(json(response.body()).get("incidentId").asText()).isNotBlank();
        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void rejectsDeclaredContentLengthOverTheLimitWithoutReadingTheBody() {
        int before = servlet.calls.get();
        // The client declares a huge body but sends none: only a filter that refuses on the
        // declaration alone can answer before the read times out.
        String request = "POST /echo/declared HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 1000000000\r\n\r\n";

        RawHttp.Response response = raw(request);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response.body()).get("title").asText()).isEqualTo("Payload too large");
        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void answersMalformedChunkingWith400() {
        int before = servlet.calls.get();
        String request = "POST /echo/bad-chunks HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n5\r\nhello\r\nZZ\r\nnot a chunk\r\n0\r\n\r\n";

        RawHttp.Response response = raw(request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response.body()).get("title").asText()).isEqualTo("Bad request");
        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void answersBodyCutShortWith400() {
        int before = servlet.calls.get();
        String request = "POST /echo/short HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 100\r\n\r\nonly ten b";

        RawHttp.Response response = RawHttp.exchange(port, request.getBytes(StandardCharsets.US_ASCII), true);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("title").asText()).isEqualTo("Bad request");
        assertThat(problem.get("incidentId").asText()).hasSize(16);
        assertThat(servlet.calls.get()).isEqualTo(before);
    }
}
