package dev.bulwark.samples.gateway;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Proxies every path to the upstream named by {@code gateway.upstream}, behind the Bulwark filter
 * the starter registers from the {@code bulwark:} block of {@code application.yml}:
 *
 * <pre>
 * java -jar samples/gateway/target/gateway.jar --gateway.upstream=http://127.0.0.1:9000 --server.port=8080
 * </pre>
 *
 * A request Bulwark blocks is answered by the gateway and never reaches the upstream; one it lets
 * through is forwarded with its method, path, query and body unchanged.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class GatewayApplication {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApplication.class);

    /** The JDK HTTP client's setting for how long an idle connection to the upstream is kept, in seconds. */
    static final String KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";

    /**
     * Starts the gateway. Unless {@code -Djdk.httpclient.keepalive.timeout} says otherwise, each
     * request gets a new connection to the upstream: the JDK's client also pools connections to
     * HTTP/1.0 servers that close them after every response (Python's {@code http.server}), and a
     * request sent on such a connection fails.
     */
    public static void main(String[] args) {
        if (System.getProperty(KEEP_ALIVE_PROPERTY) == null) {
            System.setProperty(KEEP_ALIVE_PROPERTY, "0");
        }
        SpringApplication.run(GatewayApplication.class, args);
    }

    /**
     * One route: every request, to the upstream. Start-up fails without a valid
     * {@code gateway.upstream}: {@code http} or {@code https}, a host, an optional port, no path
     * (the client's path is forwarded as it is).
     */
    @Bean
    RouterFunction<ServerResponse> upstreamRoute(@Value("${gateway.upstream}") URI upstream) {
        boolean web = "http".equals(upstream.getScheme()) || "https".equals(upstream.getScheme());
        String path = upstream.getRawPath();
        if (!web || upstream.getHost() == null || !(path == null || path.isEmpty() || path.equals("/"))
                || upstream.getRawQuery() != null) {
            throw new IllegalArgumentException(
                    "gateway.upstream must be http(s)://host[:port] without a path or query, was " + upstream);
        }
        return route("upstream")
                .route(RequestPredicates.all(), http())
                .before(uri(upstream))
                .onError(ResourceAccessException.class, GatewayApplication::upstreamUnreachable)
                .build();
    }

    /**
     * The client the gateway forwards with: the JDK's, speaking HTTP/1.1 only (by default it
     * offers an upgrade to HTTP/2 with headers of its own), following no redirects (the client
     * gets them, as from the upstream directly), without compression of its own.
     */
    @Bean
    ClientHttpRequestFactory upstreamClient() {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
        // Neither ask for compression nor decompress: headers and bodies pass as they are.
        factory.enableCompression(false);
        return factory;
    }

    /** Drops the hop-by-hop headers the client's {@code Connection} header names. */
    @Bean
    ConnectionOptionsFilter connectionOptionsFilter() {
        return new ConnectionOptionsFilter();
    }

    /** 502 when the upstream cannot be reached or answers nothing, rather than the container's 500. */
    private static ServerResponse upstreamUnreachable(Throwable error, ServerRequest request) {
        LOG.warn("Upstream failed for {} {}: {}", request.method(), request.path(), error.getMessage());
        return ServerResponse.status(HttpStatus.BAD_GATEWAY)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body("{\"type\":\"about:blank\",\"title\":\"Bad gateway\",\"status\":502}");
    }

    /** Forwards the request target as the client sent it (see {@link ExactTargetProxyExchange}). */
    @Bean
    static BeanPostProcessor exactTargetProxyExchange() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof ProxyExchange exchange && !(bean instanceof ExactTargetProxyExchange)
                        ? new ExactTargetProxyExchange(exchange) : bean;
            }
        };
    }
}
