package dev.bulwark.webflux.internal;

import dev.bulwark.core.BlockReply;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/** Writes a block response exactly as core's {@link dev.bulwark.core.BlockResponder} chose it. */
public final class BlockResponses {

    private BlockResponses() {
    }

    /**
     * Sets the reply's status, headers, content type and length, and writes its body. Headers
     * earlier filters set stay.
     *
     * @param closeConnection whether to ask for the connection to be closed afterwards (unread
     *     body bytes may still be on their way)
     * @return completes when the reply is written; empty at once when the response was already
     *     committed and nothing could be written
     */
    public static Mono<Void> send(ServerHttpResponse response, BlockReply reply, boolean closeConnection) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(reply.status()));
        HttpHeaders headers = response.getHeaders();
        reply.headers().forEach(headers::set);
        headers.set(HttpHeaders.CONTENT_TYPE, reply.contentType());
        headers.setContentLength(reply.body().length);
        if (closeConnection) {
            headers.set(HttpHeaders.CONNECTION, "close");
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(reply.body())));
    }
}
