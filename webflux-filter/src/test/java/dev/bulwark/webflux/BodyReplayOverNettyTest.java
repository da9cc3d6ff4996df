package dev.bulwark.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** A body that passes reaches the handler byte for byte, whatever its size and framing. */
class BodyReplayOverNettyTest extends NettyApplicationTest {

    @Test
    void passesABenignJsonBodyByteForByte() {
        byte[] body = "{\"name\": \"Zoë\",\r\n \"tags\": [\"a\", \"b\"], \"note\": \"café ☕\"}  "
                .getBytes(StandardCharsets.UTF_8);

        byte[] echoed = echo(body, MediaType.APPLICATION_JSON);

        assertThat(echoed).isEqualTo(body);
        assertThat(ReactiveApplication.LAST_BODY.get()).isEqualTo(body);
    }

    @Test
    void passesALargeBodyEvaluatedOffTheEventLoopByteForByte() {
        byte[] body = prose(ReactiveApplication.BODY_LIMIT - 100);
        assertThat(body.length).isGreaterThan(BulwarkWebFilter.INLINE_BODY_LIMIT);

        assertThat(echo(body, MediaType.TEXT_PLAIN)).isEqualTo(body);
    }

    @Test
    void passesABodyOfExactlyTheLimit() {
        byte[] body = prose(ReactiveApplication.BODY_LIMIT);

        assertThat(echo(body, MediaType.TEXT_PLAIN)).isEqualTo(body);
    }

    @Test
    void passesAChunkedBodyOfManyBuffersByteForByte() {
        byte[] body = prose(40 * 1024);
        Flux<DataBuffer> chunks = Flux.range(0, body.length / 1000 + 1)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                        Arrays.copyOfRange(body, i * 1000, Math.min(body.length, (i + 1) * 1000))));

        byte[] echoed = client.post().uri("/echo").contentType(MediaType.TEXT_PLAIN)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();

        assertThat(echoed).isEqualTo(body);
    }

    @Test
    void passesBinaryBytesUnchanged() {
        byte[] body = new byte[3000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7 + 3);
        }

        assertThat(echo(body, MediaType.APPLICATION_OCTET_STREAM)).isEqualTo(body);
    }

    private byte[] echo(byte[] body, MediaType type) {
        return client.post().uri("/echo").contentType(type).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
    }

    /** Harmless English text of exactly {@code length} bytes. */
    static byte[] prose(int length) {
        byte[] sentence = "The quick brown fox jumps over the lazy dog and runs into the forest. "
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = sentence[i % sentence.length];
        }
        return body;
    }
}
