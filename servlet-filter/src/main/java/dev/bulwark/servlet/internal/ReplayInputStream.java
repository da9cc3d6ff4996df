package dev.bulwark.servlet.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link ServletInputStream} over a body already in memory, followed optionally by the rest of
 * the container's stream (for a body longer than the inspection limit that the engine still let
 * through, in log-only mode).
 *
 * <p>Non-blocking reads follow the servlet contract: {@link #setReadListener} is allowed once, only
 * in async mode, and the listener is called on a container thread (through
 * {@link jakarta.servlet.AsyncContext#start}), never inside {@code setReadListener}. The bytes in
 * memory are always ready; once they are read, readiness and completion are the container's.
 */
public final class ReplayInputStream extends ServletInputStream {

    private final byte[] bytes;
    private final ServletInputStream rest;
    private final ServletRequest request;
    private int position;
    private ReadListener listener;

    /**
     * @param bytes the bytes to replay; not copied
     * @param rest the container's stream after {@code bytes}, or {@code null} when {@code bytes} is
     *     the whole body
     * @param request the request the stream belongs to, for its async context
     */
    public ReplayInputStream(byte[] bytes, ServletInputStream rest, ServletRequest request) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.rest = rest;
        this.request = Objects.requireNonNull(request, "request");
    }

    @Override
    public int read() throws IOException {
        if (position < bytes.length) {
            return bytes[position++] & 0xff;
        }
        return rest == null ? -1 : rest.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        int remaining = bytes.length - position;
        if (remaining > 0) {
            int count = Math.min(remaining, length);
            System.arraycopy(bytes, position, buffer, offset, count);
            position += count;
            return count;
        }
        return rest == null ? -1 : rest.read(buffer, offset, length);
    }

    /**
     * The bytes in memory in one exact copy: {@link java.io.InputStream}'s own version reads into
     * 8 KiB chunks and joins them, several times the body's size for the small bodies most
     * applications read this way.
     */
    @Override
    public byte[] readAllBytes() throws IOException {
        return readNBytes(Integer.MAX_VALUE);
    }

    @Override
    public byte[] readNBytes(int length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
        int remaining = bytes.length - position;
        if (remaining <= 0) {
            return rest == null ? new byte[0] : rest.readNBytes(length);
        }
        int count = Math.min(remaining, length);
        byte[] inMemory = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        if (rest == null || count == length) {
            return inMemory;
        }
        byte[] more = rest.readNBytes(length - count);
        if (more.length == 0) {
            return inMemory;
        }
        byte[] all = Arrays.copyOf(inMemory, count + more.length);
        System.arraycopy(more, 0, all, count, more.length);
        return all;
    }

    @Override
    public int available() throws IOException {
        int remaining = bytes.length - position;
        return remaining > 0 || rest == null ? remaining : rest.available();
    }

    @Override
    public long skip(long count) throws IOException {
        if (count <= 0) {
            return 0;
        }
        int remaining = bytes.length - position;
        if (remaining > 0) {
            int skipped = (int) Math.min(remaining, count);
            position += skipped;
            return skipped;
        }
        return rest == null ? 0 : rest.skip(count);
    }

    @Override
    public boolean isFinished() {
        return position >= bytes.length && (rest == null || rest.isFinished());
    }

    @Override
    public boolean isReady() {
        return position < bytes.length || rest == null || rest.isReady();
    }

    @Override
    public void setReadListener(ReadListener readListener) {
        Objects.requireNonNull(readListener, "readListener");
        if (listener != null) {
            throw new IllegalStateException("a ReadListener is already set");
        }
        if (!request.isAsyncStarted()) {
            throw new IllegalStateException("a ReadListener needs async mode");
        }
        listener = readListener;
        if (rest == null) {
            request.getAsyncContext().start(this::notifyInMemory);
        } else {
            rest.setReadListener(new BufferedFirst(readListener));
        }
    }

    private void notifyInMemory() {
        try {
            if (!isFinished()) {
                listener.onDataAvailable();
            }
            if (isFinished()) {
                listener.onAllDataRead();
            }
        } catch (Throwable t) {
            listener.onError(t);
        }
    }

    /** Makes sure the listener hears of the bytes in memory before the container reports the end. */
    private final class BufferedFirst implements ReadListener {
        private final ReadListener delegate;

        BufferedFirst(ReadListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onDataAvailable() throws IOException {
            delegate.onDataAvailable();
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (position < bytes.length) {
                delegate.onDataAvailable();
            }
            delegate.onAllDataRead();
        }

        @Override
        public void onError(Throwable t) {
            delegate.onError(t);
        }
    }
}
