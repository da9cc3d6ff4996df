package dev.bulwark.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An identity provider's JWKS endpoint in a second embedded Jetty: serves the JWK set the test
 * sets, counts fetches, and can fail with 500, hang, or go down entirely (connections refused).
 * Every path answers the same way, so a test can also point a token's {@code jku} or {@code x5u}
 * at it and see whether anything came to fetch.
 */
final class JwksServer implements AutoCloseable {

    enum Behaviour { SERVE, ERROR, HANG }

    private final Server server = new Server();
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String jwks = "{\"keys\":[]}";
    private volatile Behaviour behaviour = Behaviour.SERVE;
    private final int port;

    private JwksServer() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new JwksServlet()), "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    /** Starts an endpoint serving {@code jwks}. */
    static JwksServer serving(String jwks) {
        try {
            JwksServer server = new JwksServer();
            server.serve(jwks);
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the JWKS endpoint", e);
        }
    }

    /** The URI of the key set. */
    URI uri() {
        return uri("/jwks.json");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Serves {@code jwks} from now on. */
    void serve(String jwks) {
        this.jwks = jwks;
        this.behaviour = Behaviour.SERVE;
    }

    /** Answers 500 from now on. */
    void fail() {
        behaviour = Behaviour.ERROR;
    }

    /** Accepts requests and never answers (until closed). */
    void hang() {
        behaviour = Behaviour.HANG;
    }

    /** Stops listening: connections are refused from now on. */
    void down() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many requests reached the endpoint. */
    int hits() {
        return hits.get();
    }

    @Override
    public void close() {
        released.countDown();
        down();
    }

    private final class JwksServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            hits.incrementAndGet();
            switch (behaviour) {
                case ERROR -> response.sendError(500);
                case HANG -> {
                    try {
                        released.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case SERVE -> {
                    byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                    response.setContentType("application/jwk-set+json");
                    response.setContentLength(body.length);
                    response.getOutputStream().write(body);
                }
            }
        }
    }
}
