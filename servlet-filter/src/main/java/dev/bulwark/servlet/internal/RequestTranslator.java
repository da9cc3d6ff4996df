package dev.bulwark.servlet.internal;

import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Translates a servlet request into the core's {@link HttpRequest}, as sent and undecoded: the
 * path from {@code getRequestURI()} (still percent-encoded), the raw query string, and every header
 * field with its duplicates. Decides nothing.
 */
public final class RequestTranslator {

    private RequestTranslator() {
    }

    /** The core's view of {@code request} with the body the filter read. */
    public static HttpRequest translate(HttpServletRequest request, CapturedBody body) {
        return HttpRequest.builder()
                .method(request.getMethod())
                .rawPath(nonNull(request.getRequestURI()))
                .rawQuery(request.getQueryString())
                .protocol(nonNull(request.getProtocol()))
                .headers(headers(request))
                .remoteAddress(nonNull(request.getRemoteAddr()))
                .secure(request.isSecure())
                .body(body.bytes())
                .bodyTruncated(body.truncated())
                .build();
    }

    /**
     * Every header field: names in the order the container lists them, each followed by all its
     * values in the order received.
     */
    static Headers headers(HttpServletRequest request) {
        Headers.Builder headers = Headers.builder();
        Enumeration<String> names = request.getHeaderNames();
        if (names == null) {
            return headers.build();
        }
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            if (values == null) {
                continue;
            }
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                headers.add(name, value == null ? "" : value);
            }
        }
        return headers.build();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
