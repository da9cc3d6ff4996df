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
 *
 * <p>Time is bounded by the {@link BodyReadWatchdog}'s deadline. A read that may block (the
 * container reports nothing {@linkplain ServletInputStream#available() available} and the
 * declared length is not yet reached) is watched, and ended at the deadline even while the client
 * sends nothing; reads of bytes the container already holds are not.
 */
public final class BodyReader {

    private static final int INITIAL_UNKNOWN_LENGTH = 8 * 1024;

    private BodyReader() {
    }

    /**
     * Reads the body of {@code request}.
     *
     * @param limit the largest body accepted, in bytes; below 2 GiB
     * @param watchdog ends the read at the body-read deadline
     * @throws BodyReadTimeoutException when the body does not arrive by its deadline
     * @throws BodyReadException when the container fails while delivering the body
     */
    public static CapturedBody read(HttpServletRequest request, long limit, BodyReadWatchdog watchdog)
            throws BodyReadException {
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
        TimedInput input = new TimedInput(request, in, declared, watchdog);
        try {
            return read(input, declared, limit, max);
        } catch (BodyReadException e) {
            // Tomcat would drain the rest of the body and answer a failed read itself.
            TomcatBodyRead.abandonBody(request);
            throw e;
        } finally {
            input.finish();
        }
    }

    private static CapturedBody read(TimedInput in, long declared, long limit, int max) throws BodyReadException {
        byte[] buffer = new byte[declared > 0 ? (int) declared : Math.min(max, INITIAL_UNKNOWN_LENGTH)];
        int count = 0;
        while (true) {
            if (count == buffer.length) {
                if (count >= max) {
                    break;
                }
                // Full at the declared length: one more byte tells the end from a longer body
                // without growing the buffer for the common case.
                int next = in.readByte(count);
                if (next < 0) {
                    break;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(2L * buffer.length, INITIAL_UNKNOWN_LENGTH)));
                buffer[count++] = (byte) next;
                continue;
            }
            int read = in.read(buffer, count, buffer.length - count, count);
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

    /** The container's stream, with the reads that may block watched. */
    private static final class TimedInput {
        private final HttpServletRequest request;
        private final ServletInputStream in;
        private final long declared;
        private final BodyReadWatchdog watchdog;
        private final long startNanos = System.nanoTime();
        private BodyReadWatchdog.Watch watch;

        TimedInput(HttpServletRequest request, ServletInputStream in, long declared, BodyReadWatchdog watchdog) {
            this.request = request;
            this.in = in;
            this.declared = declared;
            this.watchdog = watchdog;
        }

        /** One byte, or -1 at the end of the body. */
        int readByte(long bytesRead) throws BodyReadException {
            return read(null, 0, 1, bytesRead);
        }

        // The container's stream is the I/O boundary: whatever it throws (an IOException for a client
        // that went away, an unchecked exception for bad framing in some containers) means the body
        // could not be delivered, or, past the deadline, that it was too slow.
        /** A read into {@code buffer}, or of one byte (returned) when {@code buffer} is {@code null}. */
        int read(byte[] buffer, int offset, int length, long bytesRead) throws BodyReadException {
            if (!mayBlock(bytesRead)) {
                try {
                    return containerRead(buffer, offset, length);
                } catch (IOException | RuntimeException e) {
                    throw new BodyReadException(e);
                }
            }
            if (watch == null) {
                watch = watchdog.watch(request, startNanos);
            }
            watch.beforeRead(bytesRead);
            int read;
            try {
                read = containerRead(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                if (watch.afterRead() || watch.pastDeadline()) {
                    throw watch.timeout(bytesRead);
                }
                throw new BodyReadException(e);
            }
            if (watch.afterRead()) {
                throw watch.timeout(bytesRead + (read < 0 ? 0 : buffer == null ? 1 : read));
            }
            return read;
        }

        private int containerRead(byte[] buffer, int offset, int length) throws IOException {
            return buffer == null ? in.read() : in.read(buffer, offset, length);
        }

        /**
         * Whether a read may wait for the client: not once the declared length has arrived (the
         * container then answers the end at once), nor while the container holds unread bytes.
         */
        private boolean mayBlock(long bytesRead) {
            if (declared >= 0 && bytesRead >= declared) {
                return false;
            }
            try {
                return in.available() <= 0;
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }

        void finish() {
            if (watch != null) {
                watch.finish();
            }
        }
    }
}
