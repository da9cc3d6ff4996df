package dev.bulwark.servlet.internal;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a request body once, never more than {@code limit + 1} bytes: the one extra byte tells a
 * body of exactly the limit from a longer one without reading the rest. A declared
 * {@code Content-Length} over the limit is not read at all. Works the same for chunked bodies and
 * bodies without a declared length (HTTP/2).
 *
 * <p>Memory follows the bytes that actually arrive: the buffer starts at the declared length (or
 * 8 KiB when none is declared) and grows by doubling up to {@code limit + 1}.
 */
public final class BodyReader {

    private static final int INITIAL_UNKNOWN_LENGTH = 8 * 1024;

    private BodyReader() {
    }

    /**
     * Reads the body of {@code request}.
     *
     * @param limit the largest body accepted, in bytes; below 2 GiB
     * @throws BodyReadException when the container fails while delivering the body
     */
    public static CapturedBody read(HttpServletRequest request, long limit) throws BodyReadException {
        if (limit < 0 || limit >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return CapturedBody.unread();
        }
        if (declared == 0 || declared < 0 && framesNoBody(request)) {
            return CapturedBody.empty();
        }
        int max = (int) limit + 1;
        ServletInputStream in;
        try {
            in = request.getInputStream();
        } catch (IOException e) {
            throw new BodyReadException(e);
        }
        byte[] buffer = new byte[declared > 0 ? (int) declared : Math.min(max, INITIAL_UNKNOWN_LENGTH)];
        int count = 0;
        while (true) {
            if (count == buffer.length) {
                if (count >= max) {
                    break;
                }
                // Full at the declared length: one more read tells the end from a longer body
                // without growing the buffer for the common case.
                int next = readByte(in);
                if (next < 0) {
                    break;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(2L * buffer.length, INITIAL_UNKNOWN_LENGTH)));
                buffer[count++] = (byte) next;
                continue;
            }
            int read = read(in, buffer, count, buffer.length - count);
            if (read < 0) {
                break;
            }
            count += read;
        }
        byte[] bytes = count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
        return count > limit ? CapturedBody.truncated(bytes) : CapturedBody.complete(bytes);
    }

    /**
     * Whether the request has no body by its framing alone: HTTP/1.x frames a request body only
     * with {@code Content-Length} or {@code Transfer-Encoding} (RFC 9112, section 6.3), so a GET
     * without either is left alone rather than read and replayed.
     */
    private static boolean framesNoBody(HttpServletRequest request) {
        String protocol = request.getProtocol();
        return protocol != null && protocol.startsWith("HTTP/1.") && request.getHeader("Transfer-Encoding") == null;
    }

    // The container's stream is the I/O boundary: whatever it throws (an IOException for a client
    // that went away, an unchecked exception for bad framing in some containers) means the body
    // could not be delivered.
    private static int read(ServletInputStream in, byte[] buffer, int offset, int length) throws BodyReadException {
        try {
            return in.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw new BodyReadException(e);
        }
    }

    private static int readByte(ServletInputStream in) throws BodyReadException {
        try {
            return in.read();
        } catch (IOException | RuntimeException e) {
            throw new BodyReadException(e);
        }
    }
}
