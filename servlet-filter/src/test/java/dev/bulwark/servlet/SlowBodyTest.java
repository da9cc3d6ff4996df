package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BodyReadLimits;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.testsupport.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their body too slowly, over real sockets, against the filter in a Jetty with a
 * small thread pool: they get 408 at the body-read deadline, their threads are freed while they
 * are still stalled, and a slow body that keeps the minimum rate passes unchanged.
 */
class SlowBodyTest extends FilterContainerTest {

    /** Deadlines of the test configuration: 1 s of grace, then 1,000 bytes/s, 3 s in all. */
    private static final BodyReadLimits BODY_READ = new BodyReadLimits(Duration.ofSeconds(3), 1000, Duration.ofSeconds(1));
    /** Worker threads: a few more than the connector's acceptor and selector take. */
    private static final int THREADS = 10;
    /**
     * How soon an ordinary GET is answered while or after clients trickle: a thread held until its
     * trickler gives up would keep it past the client's 10 s timeout, so the bound leaves a loaded
     * machine room.
     */
    private static final Duration SERVED_WITHIN = Duration.ofMillis(2500);

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.custom().limits(Limits.custom().bodySize(200_000).bodyRead(BODY_READ).build()).build();
    }

    @Override
    Server newServer() {
        QueuedThreadPool pool = new QueuedThreadPool(THREADS, 2);
        pool.setReservedThreads(0);
        return new Server(pool);
    }

    @AfterAll
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void answersTricklingClientsWith408AndServesOthersMeanwhile() throws Exception {
        int before = servlet.calls.get();
        List<Socket> connections = new ArrayList<>();
        try {
            List<Future<Timed>> tricklers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                // One byte every 200 ms of a declared 100,000: 5 bytes/s, far below the minimum
                // rate; the connection stays open after the answer.
                Socket socket = connect();
                connections.add(socket);
                tricklers.add(clients.submit(() -> trickle(socket, "/echo/trickle", 100_000, 200)));
            }
            Thread.sleep(300);

            assertThat(getTakes("/echo/meanwhile")).isLessThan(SERVED_WITHIN);
            for (Future<Timed> trickler : tricklers) {
                Timed timed = trickler.get();
                assertThat(timed.response().status()).isEqualTo(408);
                assertThat(timed.response().header("Connection")).isEqualToIgnoringCase("close");
                assertThat(timed.response().header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(json(timed.response().body()).get("incidentId").asText()).hasSize(16);
                assertThat(timed.took()).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
            }
            // No thread is left draining the rest of the trickled bodies.
            for (int i = 0; i < THREADS; i++) {
                assertThat(getTakes("/echo/after")).isLessThan(SERVED_WITHIN);
            }
            assertThat(servlet.calls.get()).isEqualTo(before + 1 + THREADS);
        } finally {
            for (Socket socket : connections) {
                socket.close();
            }
        }
    }

    private Duration getTakes(String target) {
        long started = System.nanoTime();
        assertThat(get(target).statusCode()).isEqualTo(200);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void answersBodyTwoBytesShortWith408AtTheDeadlineAndLogsIt() throws Exception {
        int before = servlet.calls.get();
        byte[] body = new byte[98];
        Arrays.fill(body, (byte) 'x');
        long started = System.nanoTime();

        RawHttp.Response response = stall("/echo/short", 100, body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        // 1 s of grace, and 98 bytes buy 98 ms at 1,000 bytes/s; the rule id below says which
        // deadline ended it, so the upper bound only has to rule out the 3 s one.
        assertThat(took).isBetween(Duration.ofMillis(1050), BODY_READ.timeout());
        assertThat(servlet.calls.get()).isEqualTo(before);
        assertThat(json(response.body()).get("title").asText()).isEqualTo("Request timeout");
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.id").asText()).isEqualTo("LIMIT-BODY-READ-MIN-RATE");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(408);
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
    }

    @Test
    void answersChunkedBodyWithoutItsLastChunkWith408() {
        long started = System.nanoTime();

        RawHttp.Response response = raw(("POST /echo/chunked HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(response.status()).isEqualTo(408);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BODY_READ.timeout());
    }

    @Test
    void passesSlowBodyThatKeepsTheMinimumRateByteForByte() throws Exception {
        // 3,000 bytes in 300-byte pieces every 150 ms: 2,000 bytes/s for 1.5 s.
        byte[] body = new byte[3000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }

        RawHttp.Response response = upload("/echo/slow-upload", body, 300, 150);

        assertThat(response.status()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("bodyLength").asInt()).isEqualTo(body.length);
        assertThat(seen.get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    private record Timed(RawHttp.Response response, Duration took) {
    }

    /**
     * Declares {@code length} bytes and sends one every {@code intervalMillis} until answered;
     * leaves the connection open.
     */
    private static Timed trickle(Socket socket, String path, int length, long intervalMillis)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(headers(path, length));
        out.flush();
        for (int sent = 0; sent < length && in.available() == 0; sent++) {
            Thread.sleep(intervalMillis);
            if (in.available() > 0) {
                break;
            }
            out.write('a');
            out.flush();
        }
        RawHttp.Response response = RawHttp.read(in);
        return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Declares {@code length} bytes, sends {@code body} (fewer), and waits for the answer. */
    private RawHttp.Response stall(String path, int length, byte[] body) {
        byte[] head = headers(path, length);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return raw(request);
    }

    /** Sends {@code body} in pieces of {@code piece} bytes, one every {@code intervalMillis}. */
    private RawHttp.Response upload(String path, byte[] body, int piece, long intervalMillis)
            throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(headers(path, body.length));
            out.flush();
            for (int offset = 0; offset < body.length; offset += piece) {
                Thread.sleep(intervalMillis);
                out.write(body, offset, Math.min(piece, body.length - offset));
                out.flush();
            }
            return RawHttp.read(socket.getInputStream());
        }
    }

    private Socket connect() throws IOException {
        return RawHttp.connect(port);
    }

    private static byte[] headers(String path, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
