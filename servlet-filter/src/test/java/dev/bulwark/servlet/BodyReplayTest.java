package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.RawHttp;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The application receives exactly the bytes the filter read and inspected. */
class BodyReplayTest extends FilterContainerTest {

    /** Binary bodies and files are what these tests replay, so every path declares them. */
    @Override
    BulwarkConfig config() {
        return binaryBodiesEverywhere();
    }

    @Test
    void replaysAllByteValuesByteForByte() {
        byte[] body = new byte[512];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }

        HttpResponse<String> response = post("/echo/binary", "application/octet-stream", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodyLength").asInt()).isEqualTo(512);
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
        assertThat(seen.get("contentLength").asLong()).isEqualTo(512);
    }

    @Test
    void keepsTheUndeclaredLengthOfARequestWithoutABody() {
        RawHttp.Response response = raw("GET /echo/nobody HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        JsonNode seen = json(response.body());

        assertThat(seen.get("contentLength").asLong()).isEqualTo(-1);
    }

    @Test
    void replaysJsonBodyByteForByte() {
        byte[] body = "{\"name\":\"Zoë\",\"tags\":[\"a\",\"b\"],\"n\":1.5e3,\"emoji\":\"\uD83D\uDE00\"}"
                .getBytes(StandardCharsets.UTF_8);

        JsonNode seen = json(post("/echo/json", "application/json", body).body());

        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    @Test
    void replaysChunkedBodyByteForByte() {
        byte[] first = "first chunk;".getBytes(StandardCharsets.US_ASCII);
        byte[] second = new byte[300];
        Arrays.fill(second, (byte) 0xA5);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /echo/chunked HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(("c\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(first);
        request.writeBytes("\r\n12c\r\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(second);
        request.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(first);
        expected.writeBytes(second);

        RawHttp.Response response = raw(request.toByteArray());

        assertThat(response.status()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodyLength").asInt()).isEqualTo(312);
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(expected.toByteArray()));
        assertThat(seen.get("contentLength").asLong()).isEqualTo(312);
    }

    @Test
    void replaysBodyOfExactlyTheLimit() {
        byte[] body = new byte[BODY_LIMIT];
        Arrays.fill(body, (byte) 'x');

        HttpResponse<String> response = post("/echo/limit", "text/plain", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    @Test
    void passesRequestWithoutBodyWithEmptyBody() {
        JsonNode seen = json(get("/echo/empty?a=1").body());

        assertThat(seen.get("bodyLength").asInt()).isZero();
        assertThat(seen.get("parameters").get("a").get(0).asText()).isEqualTo("1");
    }

    @Test
    void formParametersAgreeWithTheReplayedBytes() {
        byte[] body = "name=J%C3%BCrg+M%C3%BCller&tag=a&tag=b%26c&empty=&flag".getBytes(StandardCharsets.US_ASCII);

        JsonNode seen = json(post("/params-first/form?tag=q", "application/x-www-form-urlencoded", body).body());

        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
        JsonNode parameters = seen.get("parameters");
        assertThat(parameters.get("name").get(0).asText()).isEqualTo("Jürg Müller");
        assertThat(parameters.get("tag")).extracting(JsonNode::asText).containsExactly("q", "a", "b&c");
        assertThat(parameters.get("empty").get(0).asText()).isEmpty();
        assertThat(parameters.get("flag").get(0).asText()).isEmpty();
        assertThat(seen.get("parameterNames")).extracting(JsonNode::asText)
                .containsExactly("tag", "name", "empty", "flag");
    }

    @Test
    void decodesFormWithTheDeclaredCharset() {
        byte[] body = "city=Z%FCrich".getBytes(StandardCharsets.US_ASCII);

        JsonNode seen = json(post("/params-first/latin1", "application/x-www-form-urlencoded; charset=ISO-8859-1",
                body).body());

        assertThat(seen.get("parameters").get("city").get(0).asText()).isEqualTo("Zürich");
    }

    @Test
    void leavesFormFieldsOutOfParametersWhenTheApplicationReadTheStreamFirst() {
        byte[] body = "a=1&b=2".getBytes(StandardCharsets.US_ASCII);

        JsonNode seen = json(post("/echo/stream-first?q=x", "application/x-www-form-urlencoded", body).body());

        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
        assertThat(seen.get("parameterNames")).extracting(JsonNode::asText).containsExactly("q");
    }

    @Test
    void leavesBodyOutOfParametersWhenItIsNotAForm() {
        JsonNode seen = json(post("/params-first/json?q=x", "application/json",
                "{\"a\":1}".getBytes(StandardCharsets.US_ASCII)).body());

        assertThat(seen.get("parameterNames")).extracting(JsonNode::asText).containsExactly("q");
        assertThat(seen.get("bodyLength").asInt()).isEqualTo(7);
    }

    @Test
    void readerDecodesWithTheRequestCharset() {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        String text = "Grüße";

        JsonNode seen = json(post("/reader/latin1", "text/plain; charset=ISO-8859-1", text.getBytes(latin1)).body());

        assertThat(seen.get("bodySha256").asText())
                .isEqualTo(RecordingServlet.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readerDefaultsToUtf8() {
        String text = "Grüße \uD83D\uDE00";

        JsonNode seen = json(post("/reader/utf8", "text/plain", text.getBytes(StandardCharsets.UTF_8)).body());

        assertThat(seen.get("bodySha256").asText())
                .isEqualTo(RecordingServlet.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsGetInputStreamAfterGetReader() {
        JsonNode seen = json(post("/reader/exclusive", "text/plain", "x".getBytes(StandardCharsets.US_ASCII)).body());

        assertThat(seen.get("streamAfterReader").asText()).isEqualTo("IllegalStateException");
    }

    @Test
    void rejectsGetReaderAfterGetInputStream() {
        JsonNode seen = json(post("/stream-then-reader/exclusive", "text/plain",
                "x".getBytes(StandardCharsets.US_ASCII)).body());

        assertThat(seen.get("readerAfterStream").asText()).isEqualTo("IllegalStateException");
    }

    @Test
    void replaysBodyToReadListener() {
        byte[] body = new byte[3000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7);
        }

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/async/read"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("finished").asBoolean()).isTrue();
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }
}
