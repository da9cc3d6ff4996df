package dev.bulwark.samples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway jar's application in front of a real upstream server started here: what passes
 * arrives unchanged, what Bulwark blocks never arrives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RecordingUpstream upstream;
    private ConfigurableApplicationContext gateway;
    private int port;

    @BeforeAll
    void start() {
        upstream = new RecordingUpstream();
        gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run("--gateway.upstream=" + upstream.url(), "--server.port=0", "--server.address=127.0.0.1");
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void forwardsAPassingRequestWithMethodPathQueryHeadersAndBodyUnchanged() throws Exception {
        byte[] body = "{\"name\":\"Zoë\",\"note\":\"café ☕\\r\\nline two\",\"tags\":[\"a\",\"b\"]}  "
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/items/42?expand=owner&tag=a%20b&x=%C3%A9"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-123")
                .header("Accept-Language", "de-CH, en;q=0.5")
                .method("PUT", HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("upstream says hi");
        RecordingUpstream.Received received = upstream.last();
        assertThat(received.method()).isEqualTo("PUT");
        assertThat(received.rawTarget()).isEqualTo("/api/v1/items/42?expand=owner&tag=a%20b&x=%C3%A9");
        assertThat(received.body()).isEqualTo(body);
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("X-Request-Id")).isEqualTo("req-123");
        assertThat(received.header("Accept-Language")).isEqualTo("de-CH, en;q=0.5");
        assertThat(received.header("Content-Length")).isEqualTo(Integer.toString(body.length));
        assertThat(received.header("Transfer-Encoding")).isNull();
    }

    @Test
    void addsNoHeadersOfItsOwnAndDropsTheClientsHopByHopHeaders() throws Exception {
        // Java's client offers HTTP/2 with Connection: Upgrade, HTTP2-Settings; those are for the
        // gateway only.
        send(HttpRequest.newBuilder(uri("/plain")).header("X-Custom", "1").GET());

        RecordingUpstream.Received received = upstream.last();
        // The gateway forwards with Java 17's HTTP client, which sends Content-Length: 0 with a bodiless GET.
        assertThat(received.headers().keySet()).map(String::toLowerCase)
                .filteredOn(name -> !name.equals("content-length"))
                .containsExactlyInAnyOrder("host", "user-agent", "x-custom");
        assertThat(received.header("Content-Length")).isIn(null, "0");
    }

    @Test
    void forwardsAPassingGetWithoutABody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/search?q=running%20shoes&page=2")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.last().method()).isEqualTo("GET");
        assertThat(upstream.last().rawTarget()).isEqualTo("/search?q=running%20shoes&page=2");
        assertThat(upstream.last().body()).isEmpty();
    }

    @Test
    void neverForwardsARequestBulwarkBlocks() throws Exception {
        int before = upstream.received.size();

        HttpResponse<String> response = send(HttpRequest.newBuilder(
                uri("/search?q=1%27%20UNION%20SELECT%20username,password%20FROM%20users--")).GET());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(upstream.received).hasSize(before);
    }

    @Test
    void neverForwardsAnInjectionInTheBody() throws Exception {
        int before = upstream.received.size();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/comments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"<script>alert(document.cookie)</script>\"}")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(upstream.received).hasSize(before);
    }

    @Test
    void neverForwardsABodyOverTheLimit() throws Exception {
        int before = upstream.received.size();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/upload"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(upstream.received).hasSize(before);
    }

    @Test
    void givesTheUpstreamsResponseTheSecurityHeadersAndDropsItsServerHeader() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/")).GET());

        assertThat(response.headers().firstValue("X-Upstream")).hasValue("yes");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void answers502WhenTheUpstreamIsDown() throws Exception {
        try (RecordingUpstream gone = new RecordingUpstream();
                ConfigurableApplicationContext other = new SpringApplicationBuilder(GatewayApplication.class)
                        .run("--gateway.upstream=" + stopped(gone), "--server.port=0", "--server.address=127.0.0.1")) {
            int otherPort = ((WebServerApplicationContext) other).getWebServer().getPort();

            HttpResponse<String> response = send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + otherPort + "/anything")).GET());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    /** The address of {@code upstream}, stopped so that nothing listens there. */
    private static String stopped(RecordingUpstream upstream) {
        String url = upstream.url();
        upstream.close();
        return url;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port + target);
    }
}
