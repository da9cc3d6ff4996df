package dev.bulwark.servlet.internal;

import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Translates a servlet request into the core's {@link HttpRequest}, as sent and undecoded: the
 * path from {@code getRequestURI()} (still percent-encoded), the raw query string, and every header
 * field with its duplicates, up to one more than the engine's {@code headers.count} limit. Decides
 * nothing.
 *
 * <p>The bound keeps the translation linear: the servlet API lists header fields only by name, and
 * Jetty and Tomcat answer each {@code getHeaders(name)} by scanning every field, so a request of
 * thousands of distinct names would cost their square. One field over the limit is enough for the
 * engine to refuse the request with 431.
 */
public final class RequestTranslator {

    private RequestTranslator() {
    }

    /**
     * The core's view of {@code request} with its header fields, as {@link #headers} lists them,
     * and the body the filter read. The fields are taken as an argument so that they are listed
     * once, though a request whose route sets limits is translated twice: before its body is read
     * (for the limit) and after.
     */
    public static HttpRequest translate(HttpServletRequest request, Headers headers, CapturedBody body) {
        return HttpRequest.builder()
                .method(request.getMethod())
                .rawPath(nonNull(request.getRequestURI()))
                .rawQuery(request.getQueryString())
                .protocol(nonNull(request.getProtocol()))
                .headers(headers)
                .remoteAddress(nonNull(request.getRemoteAddr()))
                .secure(request.isSecure())
                .body(body.bytes())
                .bodyTruncated(body.truncated())
                .build();
    }

    /**
     * The header fields: names in the order the container lists them, each followed by all its
     * values in the order received; no more than {@code maxFields + 1} of them.
     */
    public static Headers headers(HttpServletRequest request, int maxFields) {
        Headers.Builder headers = Headers.builder();
        Enumeration<String> names = request.getHeaderNames();
        if (names == null) {
            return headers.build();
        }
        long fields = 0;
        while (names.hasMoreElements() && fields <= maxFields) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            if (values == null) {
                continue;
            }
            while (values.hasMoreElements() && fields <= maxFields) {
                String value = values.nextElement();
                headers.add(name, value == null ? "" : value);
                fields++;
            }
        }
        return headers.build();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
