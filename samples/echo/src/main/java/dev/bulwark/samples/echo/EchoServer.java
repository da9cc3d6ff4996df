package dev.bulwark.samples.echo;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.servlet.BulwarkFilter;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The echo service: {@link EchoServlet} in an embedded Jetty 12, behind {@link BulwarkFilter}
 * unless started without the gateway.
 *
 * <pre>
 * java -jar echo.jar [--port N] [--config FILE] [--no-gateway] [--busy-filter-ns N]
 * </pre>
 *
 * <ul>
 *   <li>{@code --port N}: the port on 127.0.0.1, default 8080; 0 picks a free one.</li>
 *   <li>{@code --config FILE}: a Bulwark YAML configuration; {@link BulwarkConfig#defaults()}
 *       when absent. A bad file stops start-up with the message naming the bad key.</li>
 *   <li>{@code --no-gateway}: the same server without the filter, to compare.</li>
 *   <li>{@code --busy-filter-ns N}: a filter in front of the servlet that only keeps the CPU busy
 *       for N nanoseconds per request ({@link BusyFilter}); with {@code --no-gateway}, a stand-in
 *       of known cost for the gateway, to read the throughput ratios against.</li>
 * </ul>
 *
 * <p>Jetty is set up so that its own checks do not answer in Bulwark's place: request headers
 * may take 64 KiB (Bulwark's header limits answer first) and ambiguous URIs (encoded slashes or
 * dot segments) are passed on as sent, for Bulwark to judge. Jetty sends no {@code Server} header of
 * its own ({@code HttpConfiguration.setSendServerVersion(false)}) and no {@code X-Powered-By}
 * ({@code setSendXPoweredBy(false)}): the container adds them when it writes the response, after
 * any filter, so only the connector setting keeps them out; Bulwark removes those the application
 * sets.
 *
 * <p>{@code config/policy.yaml} beside this sample is an example of the request policy (allow
 * rules, header filtering, CSRF, client address and IP rules, block responses).
 */
public final class EchoServer implements AutoCloseable {

    /** Largest request header Jetty accepts; above Bulwark's default header limits. */
    static final int REQUEST_HEADER_SIZE = 64 * 1024;

    private static final String USAGE =
            "usage: java -jar echo.jar [--port N] [--config FILE] [--no-gateway] [--busy-filter-ns N]";

    private final Server server;
    private final int port;
    private final boolean gateway;

    private EchoServer(Server server, int port, boolean gateway) {
        this.server = server;
        this.port = port;
        this.gateway = gateway;
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses the arguments, starts the server and waits for it to stop.
     *
     * @return the exit status: 0 after a normal stop, 1 for a bad configuration or a failed start,
     *     2 for bad arguments
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("echo: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        BulwarkConfig config;
        try {
            config = options.config() == null ? BulwarkConfig.defaults() : BulwarkConfig.load(options.config());
        } catch (ConfigurationException e) {
            err.println("echo: bad configuration " + options.config() + ": " + e.getMessage());
            return 1;
        }
        EchoServer server;
        try {
            server = start(options.port(), options.gateway() ? config : null, options.busyFilterNanos());
        } catch (Exception e) {
            err.println("echo: cannot start: " + e);
            return 1;
        }
        out.println(server.listeningLine());
        out.flush();
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Starts the echo service on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     * @param config the Bulwark configuration, or {@code null} to run without the gateway
     */
    public static EchoServer start(int port, BulwarkConfig config) throws Exception {
        return start(port, config, 0);
    }

    /**
     * Starts the echo service on 127.0.0.1, with a {@link BusyFilter} in front of the servlet.
     *
     * @param port the port, 0 for a free one
     * @param config the Bulwark configuration, or {@code null} to run without the gateway
     * @param busyFilterNanos the busy filter's time per request in nanoseconds, 0 for no busy filter
     */
    public static EchoServer start(int port, BulwarkConfig config, long busyFilterNanos) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(REQUEST_HEADER_SIZE);
        // The container's own Server and X-Powered-By headers are connector settings, beyond a filter's reach.
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        if (config != null) {
            context.addFilter(new FilterHolder(BulwarkFilter.create(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        if (busyFilterNanos > 0) {
            context.addFilter(new FilterHolder(new BusyFilter(busyFilterNanos)), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new EchoServlet()), "/");
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        server.setHandler(context);
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new EchoServer(server, connector.getLocalPort(), config != null);
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** Whether the filter is in front of the servlet. */
    public boolean gateway() {
        return gateway;
    }

    /** The line printed on start: {@code echo listening on http://127.0.0.1:PORT (gateway on|off)}. */
    public String listeningLine() {
        return "echo listening on http://127.0.0.1:" + port + " (gateway " + (gateway ? "on" : "off") + ")";
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops the server. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the echo server", e);
        }
    }

    /** The command line. */
    record Options(int port, Path config, boolean gateway, long busyFilterNanos, boolean help) {

        /** Longest busy filter time accepted, in nanoseconds: one second. */
        static final long MAX_BUSY_NANOS = 1_000_000_000L;

        static Options parse(String[] args) {
            int port = 8080;
            Path config = null;
            boolean gateway = true;
            long busyFilterNanos = 0;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = port(value(args, ++i, "--port"));
                    case "--config" -> config = Path.of(value(args, ++i, "--config"));
                    case "--no-gateway" -> gateway = false;
                    case "--busy-filter-ns" -> busyFilterNanos = busyNanos(value(args, ++i, "--busy-filter-ns"));
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            return new Options(port, config, gateway, busyFilterNanos, help);
        }

        private static long busyNanos(String text) {
            try {
                long nanos = Long.parseLong(text);
                if (nanos < 1 || nanos > MAX_BUSY_NANOS) {
                    throw new IllegalArgumentException("--busy-filter-ns must be between 1 and " + MAX_BUSY_NANOS
                            + ", was " + text);
                }
                return nanos;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--busy-filter-ns needs a number, was '" + text + "'");
            }
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("--port must be between 0 and 65535, was " + text);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port needs a number, was '" + text + "'");
            }
        }
    }
}
