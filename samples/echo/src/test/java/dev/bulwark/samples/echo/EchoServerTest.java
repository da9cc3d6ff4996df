package dev.bulwark.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EchoServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void describesWhatTheApplicationReceivedBehindTheGateway() throws Exception {
        byte[] body = "user=bob&note=caf%C3%A9".getBytes(StandardCharsets.US_ASCII);
        try (EchoServer server = EchoServer.start(0, BulwarkConfig.defaults())) {
            assertThat(server.port()).isPositive();

            HttpResponse<String> response = send(server, HttpRequest.newBuilder(uri(server, "/a%20b/c?x=1&x=2"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twice", "one").header("X-Twice", "two")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode seen = JSON.readTree(response.body());
            assertThat(seen.get("method").asText()).isEqualTo("PUT");
            assertThat(seen.get("path").asText()).isEqualTo("/a%20b/c");
            assertThat(seen.get("query").asText()).isEqualTo("x=1&x=2");
            assertThat(seen.get("headers").get("X-Twice")).extracting(JsonNode::asText).containsExactly("one", "two");
            assertThat(seen.get("bodyLength").asInt()).isEqualTo(body.length);
            assertThat(seen.get("bodySha256").asText()).isEqualTo(EchoServlet.sha256(body));
            assertThat(seen.get("parameters").get("x")).extracting(JsonNode::asText).containsExactly("1", "2");
        }
    }

    @Test
    void parsesFormParametersBehindTheGateway() throws Exception {
        byte[] body = "user=bob&note=caf%C3%A9".getBytes(StandardCharsets.US_ASCII);
        try (EchoServer server = EchoServer.start(0, BulwarkConfig.defaults())) {
            JsonNode seen = JSON.readTree(send(server, HttpRequest.newBuilder(uri(server, "/form?x=1"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))).body());

            assertThat(seen.get("parameters").get("note").get(0).asText()).isEqualTo("café");
            assertThat(seen.get("bodySha256").asText()).isEqualTo(EchoServlet.sha256(body));
        }
    }

    @Test
    void blocksBodyOverTheLimitBehindTheGateway() throws Exception {
        try (EchoServer server = EchoServer.start(0, BulwarkConfig.defaults());
                Socket socket = new Socket("127.0.0.1", server.port())) {
            // Only the head is sent: the gateway answers from Content-Length and closes without
            // draining, so a client still writing the body could read a reset instead of the answer.
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + (1024 * 1024 + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String head = new String(socket.getInputStream().readNBytes(512), StandardCharsets.ISO_8859_1);

            assertThat(head).startsWith("HTTP/1.1 413 ").containsIgnoringCase("Content-Type: application/problem+json");
        }
    }

    @Test
    void answersOversizedHeadersWithBulwarksOwnResponse() throws Exception {
        try (EchoServer server = EchoServer.start(0, BulwarkConfig.defaults())) {
            HttpResponse<String> response = send(server, HttpRequest.newBuilder(uri(server, "/"))
                    .header("X-Large", "h".repeat(40 * 1024)));

            assertThat(response.statusCode()).isEqualTo(431);
            assertThat(JSON.readTree(response.body()).get("incidentId").asText()).hasSize(16);
        }
    }

    @Test
    void passesEverythingWithoutTheGateway() throws Exception {
        try (EchoServer server = EchoServer.start(0, null)) {
            assertThat(server.gateway()).isFalse();

            HttpResponse<String> response = send(server, HttpRequest.newBuilder(uri(server, "/upload"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("bodyLength").asInt()).isEqualTo(1024 * 1024 + 1);
        }
    }

    @Test
    void announcesPortAndGateway() throws Exception {
        try (EchoServer on = EchoServer.start(0, BulwarkConfig.defaults()); EchoServer off = EchoServer.start(0, null)) {
            assertThat(on.listeningLine()).isEqualTo("echo listening on http://127.0.0.1:" + on.port() + " (gateway on)");
            assertThat(off.listeningLine()).isEqualTo("echo listening on http://127.0.0.1:" + off.port() + " (gateway off)");
        }
    }

    @Test
    void refusesToStartWithABadConfigurationFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bulwark.yaml");
        Files.writeString(config, "limits:\n  body-size: lots\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = EchoServer.run(new String[] {"--port", "0", "--config", config.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("limits.body-size");
    }

    @Test
    void rejectsUnknownArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = EchoServer.run(new String[] {"--bogus"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--bogus").contains("usage:");
    }

    @Test
    void readsTheCommandLine() {
        EchoServer.Options options = EchoServer.Options.parse(new String[] {"--port", "0", "--no-gateway", "--config", "b.yaml"});

        assertThat(options.port()).isZero();
        assertThat(options.gateway()).isFalse();
        assertThat(options.config()).isEqualTo(Path.of("b.yaml"));
        assertThat(EchoServer.Options.parse(new String[0]).port()).isEqualTo(8080);
    }

    @Test
    void readsTheBusyFilterTime() {
        assertThat(EchoServer.Options.parse(new String[] {"--no-gateway", "--busy-filter-ns", "2000"}).busyFilterNanos())
                .isEqualTo(2000);
        assertThat(EchoServer.Options.parse(new String[0]).busyFilterNanos()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1000000001", "2us"})
    void refusesABusyFilterTimeOutsideItsRange(String value) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = EchoServer.run(new String[] {"--busy-filter-ns", value}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--busy-filter-ns");
    }

    @Test
    void passesRequestsThroughTheBusyFilterUnchanged() throws Exception {
        try (EchoServer busy = EchoServer.start(0, null, 50_000); EchoServer plain = EchoServer.start(0, null)) {
            JsonNode throughFilter = JSON.readTree(send(busy, orderPost(busy)).body());
            JsonNode direct = JSON.readTree(send(plain, orderPost(plain)).body());

            for (String field : new String[] {"method", "path", "query", "bodyLength", "bodySha256"}) {
                assertThat(throughFilter.get(field)).as(field).isEqualTo(direct.get(field));
            }
        }
    }

    private static HttpRequest.Builder orderPost(EchoServer server) {
        return HttpRequest.newBuilder(uri(server, "/orders?q=oak%20table"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"Z\u00fcrich\"}"));
    }

    private HttpResponse<String> send(EchoServer server, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(EchoServer server, String target) {
        return URI.create("http://127.0.0.1:" + server.port() + target);
    }
}
