package dev.bulwark.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.RawHttp;
import java.io.ByteArrayOutputStream;
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
}
