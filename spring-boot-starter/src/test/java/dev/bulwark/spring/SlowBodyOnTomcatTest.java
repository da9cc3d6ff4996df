package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
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
    private ConfigurableApplicationContext application;
    private int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Uploads.class)
    static class Application {
    }

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

        @Bean
        SecurityFilterChain security(HttpSecurity http) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }

    @BeforeAll
    void start() {
        application = new SpringApplicationBuilder(Application.class).properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "server.tomcat.threads.max=" + THREADS,
                "server.tomcat.threads.min-spare=1",
                "spring.main.banner-mode=off",
                "bulwark.limits.body-read.timeout=3s",
                "bulwark.limits.body-read.min-rate=1000B",
                "bulwark.limits.body-read.grace-period=1s").run();
        port = ((WebServerApplicationContext) application).getWebServer().getPort();
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
            // Tomcat does not drain the rest of the stalled bodies: every thread is free again.
            for (int i = 0; i < THREADS + 1; i++) {
                assertThat(pingTakes()).isLessThan(Duration.ofMillis(1000));
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
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).timeout(Duration.ofSeconds(10)).build(),
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
            Timed response = read(socket.getInputStream(), System.nanoTime());

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
            Timed response = read(socket.getInputStream(), System.nanoTime());

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
            assertThat(JSON.readTree(response.body()).get("incidentId").asText()).hasSize(16);
        }
    }

    private record Timed(int status, Map<String, String> headers, String body, Duration took) {
    }

    /** Declares {@code declared} bytes, sends {@code sent} (fewer), and reads the answer; leaves the connection open. */
    private static Timed stall(Socket socket, int declared, int sent) throws IOException {
        long started = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        out.write(head(declared));
        out.write(new byte[sent]);
        out.flush();
        return read(socket.getInputStream(), started);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] head(int contentLength) {
        return ("POST /uploads HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One response with a {@code Content-Length} or chunked body, or up to the end of the connection. */
    private static Timed read(InputStream in, long started) throws IOException {
        int status = Integer.parseInt(line(in).split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            in.transferTo(body);
        }
        return new Timed(status, headers, body.toString(StandardCharsets.UTF_8), took);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("connection closed before a response line");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
