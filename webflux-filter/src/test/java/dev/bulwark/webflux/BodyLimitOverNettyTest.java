package dev.bulwark.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Bodies over the limit, and bodies that do not arrive, never reach a handler and never cause a 500. */
class BodyLimitOverNettyTest extends NettyApplicationTest {

    @Test
    void blocksABodyOverTheLimitWith413() {
        int before = ReactiveApplication.CALLS.get();

        byte[] problem = client.post().uri("/echo").contentType(MediaType.TEXT_PLAIN)
                .bodyValue(BodyReplayOverNettyTest.prose(ReactiveApplication.BODY_LIMIT + 1))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType("application/problem+json")
                .expectBody().returnResult().getResponseBody();

        assertThat(json(problem).get("incidentId").asText()).hasSize(16);
        assertThat(ReactiveApplication.CALLS.get()).isEqualTo(before);
    }

    @Test
    void blocksAChunkedBodyOverTheLimitWith413() {
        int before = ReactiveApplication.CALLS.get();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = BodyReplayOverNettyTest.prose(4096);
        for (int i = 0; i < 20; i++) {
            request.writeBytes("1000\r\n".getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(chunk);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        RawHttp.Response response = RawHttp.exchange(port, request.toByteArray());

        assertThat(response.status()).isEqualTo(413);
        assertThat(json(response.body()).get("incidentId").asText()).hasSize(16);
        assertThat(ReactiveApplication.CALLS.get()).isEqualTo(before);
    }

    @Test
    void rejectsADeclaredLengthOverTheLimitWithoutWaitingForTheBody() {
        // The client declares a huge body and sends none: only a refusal on the declaration alone
        // answers before the body-read deadline.
        String request = "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 1000000000\r\n\r\n";
        long started = System.nanoTime();

        RawHttp.Response response = RawHttp.exchange(port, request.getBytes(StandardCharsets.US_ASCII), false);

        assertThat(response.status()).isEqualTo(413);
        assertThat(System.nanoTime() - started).isLessThan(900_000_000L);
    }

    @Test
    void answersABodyThatStopsArrivingWith408AndClosesTheConnection() {
        int before = ReactiveApplication.CALLS.get();
        String request = "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 100\r\n\r\nonly ten b";

        RawHttp.Response response = RawHttp.exchange(port, request.getBytes(StandardCharsets.US_ASCII), false);

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(json(response.body()).get("incidentId").asText()).hasSize(16);
        assertThat(ReactiveApplication.CALLS.get()).isEqualTo(before);
    }

    @Test
    void closesTheConnectionAfterRefusingABodyItDidNotRead() throws IOException {
        try (Socket socket = RawHttp.connect(port)) {
            socket.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 1000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void answersTheNextRequestAfterRefusingAQueuedBodyItDidNotRead() throws IOException {
        // The refused request arrives while the one before it is still being answered, so the server
        // queues it with its body; a client then reuses the connection unless told to close it.
        byte[] slow = "GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tooLarge = ("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: "
                + (ReactiveApplication.BODY_LIMIT + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] next = "GET /search HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Socket socket = RawHttp.connect(port);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(slow);
            out.write(tooLarge);
            out.write(BodyReplayOverNettyTest.prose(ReactiveApplication.BODY_LIMIT + 1));
            out.flush();
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            RawHttp.Response refused = RawHttp.read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo(413);
            if ("close".equalsIgnoreCase(refused.header("Connection"))) {
                socket.close();
                socket = RawHttp.connect(port);
            }

            socket.getOutputStream().write(next);
            RawHttp.Response answered = RawHttp.read(socket.getInputStream());

            assertThat(answered.status()).isEqualTo(200);
        } finally {
            socket.close();
        }
    }
}
