package dev.bulwark.samples.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Sends the upstream the request target exactly as the client sent it. Spring Cloud Gateway
 * Server WebMVC rebuilds the query from the servlet's decoded parameters (re-encoded, reordered,
 * and with the fields of a form body added); Bulwark inspected the raw target, so the upstream
 * gets that one: the raw path and query of the client's request line, on the upstream's scheme,
 * host and port. A target {@link URI} cannot hold (Bulwark blocks most of those as malformed)
 * keeps the gateway's form.
 */
final class ExactTargetProxyExchange implements ProxyExchange {

    private final ProxyExchange delegate;

    ExactTargetProxyExchange(ProxyExchange delegate) {
        this.delegate = delegate;
    }

    @Override
    public ServerResponse exchange(Request request) {
        return delegate.exchange(new ExactTargetRequest(request, exactTarget(request)));
    }

    static URI exactTarget(Request request) {
        URI routed = request.getUri();
        HttpServletRequest client = request.getServerRequest().servletRequest();
        String query = client.getQueryString();
        try {
            return new URI(routed.getScheme() + "://" + routed.getRawAuthority() + client.getRequestURI()
                    + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) {
            return routed;
        }
    }

    /** The gateway's request with the exact target. */
    private record ExactTargetRequest(Request request, URI uri) implements Request {

        @Override
        public HttpMethod getMethod() {
            return request.getMethod();
        }

        @Override
        public URI getUri() {
            return uri;
        }

        @Override
        public ServerRequest getServerRequest() {
            return request.getServerRequest();
        }

        @Override
        public Collection<ResponseConsumer> getResponseConsumers() {
            return request.getResponseConsumers();
        }

        @Override
        public HttpHeaders getHeaders() {
            return request.getHeaders();
        }
    }
}
