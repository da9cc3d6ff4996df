package dev.bulwark.webflux.internal;

import java.util.Objects;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;

/**
 * What the filter read of a request body before inspection: the whole body, or its first
 * {@code limit + 1} bytes and the rest still to come. Only a truncated body has a rest; it is
 * received only when the application asks for it, and {@link #discard()} gives it up.
 */
public final class CapturedBody {

    private static final byte[] NONE = new byte[0];

    private final byte[] bytes;
    private final boolean truncated;
    private final Flux<DataBuffer> rest;
    private final Runnable discard;

    private CapturedBody(byte[] bytes, boolean truncated, Flux<DataBuffer> rest, Runnable discard) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.truncated = truncated;
        this.rest = Objects.requireNonNull(rest, "rest");
        this.discard = Objects.requireNonNull(discard, "discard");
    }

    /** The whole body. */
    static CapturedBody complete(byte[] bytes) {
        return new CapturedBody(bytes, false, Flux.empty(), () -> { });
    }

    /** The beginning of a longer body, and the rest of it. */
    static CapturedBody truncated(byte[] prefix, Flux<DataBuffer> rest, Runnable discard) {
        return new CapturedBody(prefix, true, rest, discard);
    }

    /** Nothing read, because the declared length alone is over the limit; {@code body} is all of it. */
    static CapturedBody unread(Flux<DataBuffer> body) {
        return new CapturedBody(NONE, true, body, () -> { });
    }

    /** The bytes read, for the engine; never changed. */
    public byte[] bytes() {
        return bytes;
    }

    /** Whether the body goes on past {@link #bytes()}. */
    public boolean truncated() {
        return truncated;
    }

    /** The body after {@link #bytes()}; empty for a complete body. Can be subscribed to once. */
    public Flux<DataBuffer> rest() {
        return rest;
    }

    /** Gives up the rest of the body if nobody received it, releasing what it holds. Idempotent. */
    public void discard() {
        discard.run();
    }

    @Override
    public String toString() {
        return "CapturedBody[" + bytes.length + " bytes" + (truncated ? ", truncated" : "") + "]";
    }
}
