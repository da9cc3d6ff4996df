package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.testsupport.RawHttp;
import dev.bulwark.testsupport.SecurityLog;
import dev.bulwark.testsupport.TestCheck;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the real filter in an embedded Jetty over real HTTP, in front of {@link RecordingServlet}.
 * Subclasses choose the engine with {@link #config()} and test from the client's side: with
 * {@link #send} for ordinary requests and {@link RawHttp} where the exact bytes on the wire matter.
 *
 * <p>The filter is mapped for every dispatcher type, so tests see that it inspects only the
 * {@code REQUEST} dispatch. One server per test class, on a random port of the loopback address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilterContainerTest {

    /** The body-size limit of the default test configuration: small, so tests stay fast. */
    static final int BODY_LIMIT = 4096;

    static final ObjectMapper JSON = new ObjectMapper();

    final TestCheck check = new TestCheck();
    final RecordingServlet servlet = new RecordingServlet();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Server server;
    int port;

    /** The configuration of the engine under test. */
    BulwarkConfig config() {
        return BulwarkConfig.custom().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    /**
     * The default test configuration with {@code application/octet-stream} declared binary on every
     * path: for tests that replay binary bodies and files to the application.
     */
    static BulwarkConfig binaryBodiesEverywhere() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: %d}
                routes:
                  - when: {path: {prefix: /}}
                    body: {binary: [application/octet-stream]}
                """.formatted(BODY_LIMIT));
    }

    /** The filter under test; the default asks an engine with {@link #check} registered. */
    Filter filter() {
        return BulwarkFilter.create(Bulwark.builder(config()).check(check).build());
    }

    /**
     * Whether Jetty passes every URI on, ambiguous ones included ({@code UriCompliance.UNSAFE} and
     * decoded ambiguous URIs, as the echo sample runs): the filter is then the only gate.
     */
    boolean acceptsAmbiguousUris() {
        return false;
    }

    /** The server, before connectors and handlers are added; subclasses may choose its thread pool. */
    Server newServer() {
        return new Server();
    }

    /** Lets subclasses add filters or servlets before the server starts. */
    void customize(ServletContextHandler context) {
    }

    @BeforeAll
    void startServer() throws Exception {
        server = newServer();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(64 * 1024);
        if (acceptsAmbiguousUris()) {
            http.setUriCompliance(UriCompliance.UNSAFE);
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.getServletHandler().setDecodeAmbiguousURIs(acceptsAmbiguousUris());
        customize(context);
        FilterHolder filter = new FilterHolder(filter());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(500, "/error-page");
        context.setErrorHandler(errors);
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    void stopServer() throws Exception {
        server.stop();
    }

    URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port + target);
    }

    /** Sends of one request, at most, while the connections it is given turn out closed. */
    private static final int STALE_CONNECTION_ATTEMPTS = 4;

    HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return client.send(built, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    // A pooled connection the server closed after an earlier exchange (as it may after
                    // a response to a body it did not read) fails before any byte; the client retries
                    // only idempotent requests itself, so a POST is sent again here. The pool may
                    // hold more than one such connection, hence a few attempts.
                    if (attempt == STALE_CONNECTION_ATTEMPTS || e.getMessage() == null
                            || !e.getMessage().contains("received no bytes")) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String target) {
        return send(HttpRequest.newBuilder(uri(target)).GET());
    }

    HttpResponse<String> post(String target, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(target)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A POST of {@code body}, a URL-encoded form. */
    HttpResponse<String> postForm(String target, String body) {
        return post(target, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code value} percent-encoded (UTF-8) for a query string or a form body. */
    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The form field {@code name=value}, the value percent-encoded. */
    static String form(String name, String value) {
        return name + "=" + encoded(value);
    }

    RawHttp.Response raw(String request) {
        return RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp.Response raw(byte[] request) {
        return RawHttp.exchange(port, request);
    }

    /** A GET of {@code target} exactly as written, on a connection of its own. */
    RawHttp.Response rawGet(String target) {
        return raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    /**
     * Asserts the bare refusal a blocked request gets (403, a problem document with a 16-character
     * incident id, none of {@code unsaid} in it) and returns the security event of that incident.
     * Skips the rest of the test when the build keeps no log file to read the event from.
     */
    static JsonNode assertBlockedAndLogged(HttpResponse<String> response, String... unsaid) {
        return assertBlockedAndLogged(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body(), unsaid);
    }

    /** {@link #assertBlockedAndLogged(HttpResponse, String...)} for a response read off a raw socket. */
    static JsonNode assertBlockedAndLogged(RawHttp.Response response, String... unsaid) {
        return assertBlockedAndLogged(response.status(), response.header("Content-Type"), response.body(), unsaid);
    }

    private static JsonNode assertBlockedAndLogged(int status, String contentType, String body, String... unsaid) {
        assertThat(status).as(body).isEqualTo(403);
        assertThat(contentType).isEqualTo("application/problem+json");
        if (unsaid.length > 0) {
            assertThat(body).doesNotContain(unsaid);
        }
        assertThat(json(body).get("incidentId").asText()).hasSize(16);
        return loggedEvent(body);
    }

    /**
     * The security event of the incident whose problem document is {@code body}. Skips the rest of
     * the test when the build keeps no log file to read it from.
     */
    static JsonNode loggedEvent(String body) {
        Assumptions.assumeTrue(SecurityLog.available(), "run through Maven, which sets the log file");
        return SecurityLog.event(json(body).get("incidentId").asText());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
