package dev.bulwark.traffic;

import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import java.util.List;
import java.util.Objects;

/**
 * One line of a request corpus.
 *
 * @param id unique within its file, e.g. {@code crs/942100/1}
 * @param label what the corpus asserts about the request
 * @param category the attack family ({@code sqli}, {@code xss}, ...) or {@code benign}
 * @param method the method as sent
 * @param uri the request target exactly as on the request line
 * @param headers the header fields in order, duplicates kept
 * @param body the raw body bytes; shared, not copied: treat as read-only
 */
public record CorpusRequest(
        String id, Label label, String category, String method, String uri, List<Headers.Header> headers, byte[] body) {

    /** The address every replayed request comes from. */
    public static final String REMOTE_ADDRESS = "127.0.0.1";

    public CorpusRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /**
     * The request as the servlet filter hands it to the engine: the method, the raw path and raw
     * query split from the target at the first {@code ?} (nothing decoded), the headers in order
     * with duplicates, the body bytes, HTTP/1.1 over plain HTTP from {@value #REMOTE_ADDRESS}.
     */
    public HttpRequest toHttpRequest() {
        Headers.Builder fields = Headers.builder();
        for (Headers.Header header : headers) {
            fields.add(header.name(), header.value());
        }
        return HttpRequest.builder(method, uri)
                .headers(fields.build())
                .body(body)
                .remoteAddress(REMOTE_ADDRESS)
                .build();
    }
}
