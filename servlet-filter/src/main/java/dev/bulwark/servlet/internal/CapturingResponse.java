package dev.bulwark.servlet.internal;

import dev.bulwark.core.Headers;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The response as the application writes it, passed on unchanged, with a copy of the first
 * {@code limit} bytes of the body kept for response validation. Every call reaches the container's
 * response as made: status, headers, the bytes and characters written, flushes and commits; the
 * copy is the only addition. A body longer than the limit is marked {@linkplain #truncated()
 * truncated} and the copy stops growing.
 *
 * <p>Used only when the engine validates responses: otherwise the application gets the
 * container's response itself.
 */
public final class CapturingResponse extends HttpServletResponseWrapper {

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final StringBuilder chars = new StringBuilder();
    private boolean truncated;
    private ServletOutputStream stream;
    private PrintWriter writer;

    /**
     * @param response the container's response
     * @param limit the most bytes (or characters, when the application uses the writer) copied
     */
    public CapturingResponse(HttpServletResponse response, int limit) {
        super(response);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        ServletOutputStream out = super.getOutputStream();
        if (stream == null) {
            stream = new Tee(out);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter container = super.getWriter();
        if (writer == null) {
            writer = new PrintWriter(new CopyingWriter(container), false) {
                @Override
                public boolean checkError() {
                    // The container's writer knows whether the client went away.
                    return super.checkError() | container.checkError();
                }
            };
        }
        return writer;
    }

    @Override
    public void reset() {
        super.reset();
        clear();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        clear();
    }

    /** Whether the body was longer than the limit, so that the copy is incomplete. */
    public boolean truncated() {
        return truncated;
    }

    /** The copy of the body: the bytes written, or the characters written encoded in the response's charset. */
    public byte[] body() {
        if (chars.length() == 0) {
            return bytes.toByteArray();
        }
        Charset charset;
        try {
            charset = Charset.forName(getCharacterEncoding());
        } catch (RuntimeException e) {
            charset = StandardCharsets.ISO_8859_1;
        }
        byte[] encoded = chars.toString().getBytes(charset);
        if (bytes.size() == 0) {
            return encoded;
        }
        ByteArrayOutputStream both = new ByteArrayOutputStream(bytes.size() + encoded.length);
        both.writeBytes(bytes.toByteArray());
        both.writeBytes(encoded);
        return both.toByteArray();
    }

    /** The response headers as set so far, with the content type. */
    public Headers headers() {
        Headers.Builder headers = Headers.builder();
        boolean contentType = false;
        Collection<String> names = getHeaderNames();
        if (names != null) {
            for (String name : names) {
                contentType |= name.equalsIgnoreCase("Content-Type");
                Collection<String> values = getHeaders(name);
                if (values != null) {
                    for (String value : values) {
                        headers.add(name, value == null ? "" : value);
                    }
                }
            }
        }
        if (!contentType && getContentType() != null) {
            headers.add("Content-Type", getContentType());
        }
        return headers.build();
    }

    private void clear() {
        bytes.reset();
        chars.setLength(0);
        truncated = false;
    }

    private void copy(byte[] buffer, int offset, int length) {
        int room = limit - bytes.size();
        if (length > room) {
            truncated = true;
        }
        if (room > 0) {
            bytes.write(buffer, offset, Math.min(room, length));
        }
    }

    private void copy(char[] buffer, int offset, int length) {
        int room = limit - chars.length();
        if (length > room) {
            truncated = true;
        }
        if (room > 0) {
            chars.append(buffer, offset, Math.min(room, length));
        }
    }

    /** Writes through to the container's stream, copying on the way. */
    private final class Tee extends ServletOutputStream {
        private final ServletOutputStream out;

        Tee(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (bytes.size() < limit) {
                bytes.write(b);
            } else {
                truncated = true;
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            copy(buffer, offset, length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }

    /** Writes through to the container's writer, copying on the way. */
    private final class CopyingWriter extends Writer {
        private final PrintWriter out;

        CopyingWriter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            out.write(buffer, offset, length);
            copy(buffer, offset, length);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
