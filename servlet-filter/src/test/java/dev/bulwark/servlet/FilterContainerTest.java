package dev.bulwark.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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

    RawHttp.Response raw(String request) {
        return RawHttp.exchange(port, request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    RawHttp.Response raw(byte[] request) {
        return RawHttp.exchange(port, request);
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
