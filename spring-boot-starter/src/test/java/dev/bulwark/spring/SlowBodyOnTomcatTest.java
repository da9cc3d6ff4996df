package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testsupport.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The body-read deadline on embedded Tomcat 11, whose HTTP/1.1 connector ignores interrupts in a
 * blocking read: clients that stall in the middle of their body get 408 with the filter's problem
 * document at the deadline, long before Tomcat's own {@code connectionTimeout} (60 s), and their
 * threads serve other requests meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowBodyOnTomcatTest {

    private static final int THREADS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService clients = Executors.newCachedThreadPool();
    private TomcatApplication application;

    @RestController
    static class Uploads {
        @GetMapping("/ping")
        String ping() {
            return "pong";
        }

        @PostMapping("/uploads")
        String upload(@RequestBody byte[] body) {
            return "received " + body.length;
        }
    }

    @BeforeAll
    void start() {
        application = TomcatApplication.permittingAll(Uploads.class,
                "server.tomcat.threads.max=" + THREADS,
                "server.tomcat.threads.min-spare=1",
                "bulwark.limits.body-read.timeout=3s",
                "bulwark.limits.body-read.min-rate=1000B",
                "bulwark.limits.body-read.grace-period=1s");
    }

    @AfterAll
    void stop() {
        clients.shutdownNow();
        if (application != null) {
            application.close();
        }
    }

    @Test
    void answersStalledBodiesWith408AtTheDeadlineAndServesOthersMeanwhile() throws Exception {
        List<Socket> connections = new ArrayList<>();
        try {
            List<Future<Timed>> stalled = new ArrayList<>();
            for (int i = 0; i < THREADS + 2; i++) {
                // 98 of a declared 100 bytes, then nothing, and the connection kept open: one
                // thread each while they wait, and none once they have their answer.
                Socket socket = connect();
                connections.add(socket);
                stalled.add(clients.submit(() -> stall(socket, 100, 98)));
            }
            Thread.sleep(300);

            assertThat(pingTakes()).isLessThan(Duration.ofMillis(3500));
            for (Future<Timed> future : stalled) {
                Timed timed = future.get();
                assertThat(timed.status()).isEqualTo(408);
                assertThat(timed.headers()).containsEntry("content-type", "application/problem+json")
                        .containsEntry("connection", "close");
                JsonNode problem = JSON.readTree(timed.body());
                assertThat(problem.get("status").asInt()).isEqualTo(408);
                assertThat(problem.get("incidentId").asText()).hasSize(16);
                assertThat(timed.took()).isBetween(Duration.ofMillis(900), Duration.ofMillis(3500));
            }
            // Tomcat does not drain the rest of the stalled bodies: every thread is free again (one
            // still held would keep its ping past the client's 10 s timeout).
            for (int i = 0; i < THREADS + 1; i++) {
                assertThat(pingTakes()).isLessThan(Duration.ofMillis(3500));
            }
        } finally {
            for (Socket socket : connections) {
                socket.close();
            }
        }
    }

    /** How long {@code GET /ping} takes on a new connection. */
    private Duration pingTakes() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(application.uri("/ping")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("pong");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void passesSlowUploadThatKeepsTheMinimumRate() throws Exception {
        // 2,000 bytes in 200-byte pieces every 100 ms: 2,000 bytes/s for 1 s.
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(2000));
            out.flush();
            for (int i = 0; i < 10; i++) {
                Thread.sleep(100);
                out.write(new byte[200]);
                out.flush();
            }
            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("received 2000");
        }
    }

    @Test
    void answersBrokenChunkingWithTheFiltersProblemDocument() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /uploads HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
            assertThat(JSON.readTree(response.body()).get("incidentId").asText()).hasSize(16);
        }
    }

    /** A response, and how long after sending it was read. */
    private record Timed(RawHttp.Response response, Duration took) {
        int status() {
            return response.status();
        }

        Map<String, String> headers() {
            return response.headers();
        }

        String body() {
            return response.body();
        }
    }

    /** Declares {@code declared} bytes, sends {@code sent} (fewer), and reads the answer; leaves the connection open. */
    private static Timed stall(Socket socket, int declared, int sent) throws IOException {
        long started = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        out.write(head(declared));
        out.write(new byte[sent]);
        out.flush();
        RawHttp.Response response = RawHttp.read(socket.getInputStream());
        return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
    }

    private Socket connect() throws IOException {
        return RawHttp.connect(application.port());
    }

    private static byte[] head(int contentLength) {
        return ("POST /uploads HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
