package dev.bulwark.core;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The response a blocked request gets, as {@link BlockResponder} chose it: an adapter writes it in
 * place of anything the application had buffered and decides nothing itself.
 *
 * @param status the status to send
 * @param headers the headers to set, in order, after any an earlier filter set; never
 *     {@code Content-Type} or {@code Content-Length}
 * @param contentType the value of {@code Content-Type}
 * @param body the bytes to send; {@code Content-Length} is their count
 * @param charset the body's encoding, for an adapter that can only write characters
 */
public record BlockReply(int status, Map<String, String> headers, String contentType, byte[] body, Charset charset) {

    public BlockReply {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(charset, "charset");
    }
}
