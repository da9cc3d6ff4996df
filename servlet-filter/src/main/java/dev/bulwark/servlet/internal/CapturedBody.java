package dev.bulwark.servlet.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the filter read of a request body before inspection.
 *
 * <p>Three shapes: the whole body ({@link #complete}), the first {@code limit + 1} bytes of a body
 * that goes on ({@link #truncated}), or nothing because the declared {@code Content-Length} alone
 * exceeds the limit ({@link #unread}). Only a complete body can be replayed on its own; the other
 * two need the container's stream for the rest.
 *
 * @param bytes the bytes read; never changed after construction
 * @param truncated whether the body goes on past {@code bytes}
 * @param consumed whether anything was taken from the container's input stream
 */
public record CapturedBody(byte[] bytes, boolean truncated, boolean consumed) {

    private static final byte[] NONE = new byte[0];
    private static final CapturedBody UNREAD = new CapturedBody(NONE, true, false);
    private static final CapturedBody EMPTY = new CapturedBody(NONE, false, false);

    public CapturedBody {
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The whole body. */
    public static CapturedBody complete(byte[] bytes) {
        return new CapturedBody(bytes, false, true);
    }

    /** The beginning of a body that is longer than the limit. */
    public static CapturedBody truncated(byte[] prefix) {
        return new CapturedBody(prefix, true, true);
    }

    /** Nothing read: the declared length is over the limit, so reading would be wasted. */
    public static CapturedBody unread() {
        return UNREAD;
    }

    /** No body at all ({@code Content-Length: 0}). */
    public static CapturedBody empty() {
        return EMPTY;
    }

    /** Number of bytes held. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CapturedBody body && Arrays.equals(bytes, body.bytes)
                && truncated == body.truncated && consumed == body.consumed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + Boolean.hashCode(truncated) * 2 + Boolean.hashCode(consumed);
    }

    @Override
    public String toString() {
        return "CapturedBody[" + bytes.length + " bytes" + (truncated ? ", truncated" : "")
                + (consumed ? "" : ", unread") + "]";
    }
}
