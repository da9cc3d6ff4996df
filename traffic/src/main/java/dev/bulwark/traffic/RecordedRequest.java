package dev.bulwark.traffic;

import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import java.util.List;
import java.util.Objects;

/**
 * One recorded request, ready to replay through the engine.
 *
 * @param id where it was recorded, e.g. {@code shop.har#12}
 * @param client who sent it, as far as the recording tells (a HAR file is one browser's session)
 * @param method the method as sent
 * @param target the request target: raw path and query, nothing decoded
 * @param headers the header fields in order, duplicates kept
 * @param body the raw body bytes; shared, not copied: treat as read-only
 */
public record RecordedRequest(String id, String client, String method, String target, List<Headers.Header> headers,
        byte[] body) {

    public RecordedRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A corpus line, which records no client: each line counts as a client of its own. */
    public static RecordedRequest of(CorpusRequest request) {
        return new RecordedRequest(request.id(), request.id(), request.method(), request.uri(), request.headers(),
                request.body());
    }

    /** The raw path: the target up to its first {@code ?}. */
    public String rawPath() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The request as the servlet filter hands it to the engine, from {@value CorpusRequest#REMOTE_ADDRESS}. */
    public HttpRequest toHttpRequest() {
        Headers.Builder fields = Headers.builder();
        for (Headers.Header header : headers) {
            fields.add(header.name(), header.value());
        }
        return HttpRequest.builder(method, target)
                .headers(fields.build())
                .body(body)
                .remoteAddress(CorpusRequest.REMOTE_ADDRESS)
                .build();
    }

    @Override
    public String toString() {
        return id + ": " + method + " " + target;
    }
}
