package dev.bulwark.webflux.internal;

import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Translates a WebFlux request into the core's {@link HttpRequest}, as sent and undecoded: the
 * path and query from the request URI's raw (still percent-encoded) forms, and every header field
 * with its duplicates, up to one more than the engine's {@code headers.count} limit (one field over
 * is enough for the engine to refuse the request with 431). Decides nothing.
 */
public final class RequestTranslator {

    private RequestTranslator() {
    }

    /**
     * The core's view of {@code request} with the body the filter read.
     *
     * @param maxHeaderFields the engine's {@code headers.count} limit: at most one field more is
     *     translated
     */
    public static HttpRequest translate(ServerHttpRequest request, CapturedBody body, int maxHeaderFields) {
        URI uri = request.getURI();
        return HttpRequest.builder()
                .method(request.getMethod().name())
                .rawPath(nonNull(uri.getRawPath()))
                .rawQuery(uri.getRawQuery())
                .headers(headers(request.getHeaders(), maxHeaderFields))
                .remoteAddress(remoteAddress(request))
                .secure(request.getSslInfo() != null)
                .body(body.bytes())
                .bodyTruncated(body.truncated())
                .build();
    }

    /** The address of the connection's peer, or "" when the server does not know it. */
    public static String remoteAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : nonNull(remote.getHostString());
    }

    /** The header fields in the order received, each name followed by all its values; at most {@code maxFields + 1}. */
    static Headers headers(HttpHeaders received, int maxFields) {
        Headers.Builder headers = Headers.builder();
        long fields = 0;
        for (Map.Entry<String, List<String>> header : received.headerSet()) {
            if (fields > maxFields) {
                break;
            }
            for (String value : header.getValue()) {
                if (fields++ > maxFields) {
                    break;
                }
                headers.add(header.getKey(), value == null ? "" : value);
            }
        }
        return headers.build();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
