package dev.bulwark.samples.gateway;

import java.util.List;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Drops the headers the client's {@code Connection} header names: they are hop-by-hop, for the
 * gateway only (RFC 9110, section 7.6.1), such as {@code HTTP2-Settings} of a client offering an
 * upgrade to HTTP/2. The gateway's own filter removes {@code Connection} and the fixed hop-by-hop
 * names, not these.
 */
final class ConnectionOptionsFilter implements HttpHeadersFilter.RequestHttpHeadersFilter {

    @Override
    public HttpHeaders apply(HttpHeaders forwarded, ServerRequest request) {
        List<String> connection = request.headers().header(HttpHeaders.CONNECTION);
        if (connection.isEmpty()) {
            return forwarded;
        }
        HttpHeaders filtered = new HttpHeaders();
        filtered.putAll(forwarded);
        for (String value : connection) {
            for (String option : value.split(",")) {
                String name = option.trim();
                if (!name.isEmpty()) {
                    filtered.remove(name);
                }
            }
        }
        return filtered;
    }
}
