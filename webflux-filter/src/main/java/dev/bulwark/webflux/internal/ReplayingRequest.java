package dev.bulwark.webflux.internal;

import dev.bulwark.core.HeaderChanges;
import dev.bulwark.core.SecurityEvent;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * The request as the application sees it once it passed: the body replays exactly the bytes that
 * were read (followed by the rest of a body longer than the limit, when the decision still lets
 * it through), and the headers carry the decision's changes: hidden headers are gone, set headers
 * replace whatever the client sent under that name. A set value holding CR, LF or NUL is dropped
 * (and the header stays hidden): it could only come from request input that reached a header
 * value unchecked.
 */
public final class ReplayingRequest extends ServerHttpRequestDecorator {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayingRequest.class);

    private final Flux<DataBuffer> body;
    private final HttpHeaders headers;

    private ReplayingRequest(ServerHttpRequest request, Flux<DataBuffer> body, HttpHeaders headers) {
        super(request);
        this.body = body;
        this.headers = headers;
    }

    /**
     * {@code request} with {@code captured} replayed and {@code changes} applied.
     *
     * @param buffers wraps the captured bytes; the bytes are not copied
     */
    public static ServerHttpRequest wrap(ServerHttpRequest request, CapturedBody captured, HeaderChanges changes,
            DataBufferFactory buffers) {
        byte[] bytes = captured.bytes();
        Flux<DataBuffer> read = bytes.length == 0 ? Flux.empty() : Flux.defer(() -> Flux.just(buffers.wrap(bytes)));
        Flux<DataBuffer> body = captured.truncated() ? read.concatWith(captured.rest()) : read;
        HttpHeaders headers = changes.removedRequestHeaders().isEmpty() && changes.setRequestHeaders().isEmpty()
                ? request.getHeaders() : changed(request.getHeaders(), changes);
        return new ReplayingRequest(request, body, headers);
    }

    private static HttpHeaders changed(HttpHeaders received, HeaderChanges changes) {
        HttpHeaders headers = new HttpHeaders();
        received.forEach((name, values) -> {
            if (!changes.hidesRequestHeader(name)) {
                headers.addAll(name, new ArrayList<>(values));
            }
        });
        changes.setRequestHeaders().forEach((name, value) -> {
            if (HeaderChanges.isSafe(name, value)) {
                headers.set(name, value);
            } else {
                headers.remove(name);
                LOG.warn("Dropping request header '{}' set by a check: it holds a line break or NUL",
                        SecurityEvent.clean(name, 64));
            }
        });
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return body;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
