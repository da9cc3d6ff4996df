package dev.bulwark.servlet.internal;

import dev.bulwark.core.ResponseHeaderPolicy;
import dev.bulwark.core.SecurityEvent;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response the application writes to, with core's {@link ResponseHeaderPolicy} applied: headers
 * it removes are ignored whenever the application sets them and removed once more just before the
 * response is committed; security headers are added just before commit; CORS headers it holds back
 * are kept here until commit and written only when the policy releases them.
 * "Just before commit" is the first write or flush of the body, {@code flushBuffer},
 * {@code sendError}, {@code sendRedirect}, or the filter's {@link #finish()} when the application
 * returns without writing. A response the application commits from another thread through the
 * container's own response object (not this one) gets no headers added.
 */
public final class HeaderPolicingResponse extends HttpServletResponseWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderPolicingResponse.class);
    private static final String ALLOW_ORIGIN = "access-control-allow-origin";
    private static final String ALLOW_CREDENTIALS = "access-control-allow-credentials";

    private final ResponseHeaderWriter headerWriter;
    private final ResponseHeaderPolicy policy;
    private final boolean secure;
    /** Held-back CORS headers by lower-case name; created by the first one, as most responses hold none. */
    private Map<String, HeldHeader> cors = Map.of();
    private boolean applied;
    private ServletOutputStream stream;
    private PrintWriter writer;

    private HeaderPolicingResponse(HttpServletResponse response, ResponseHeaderWriter writer, boolean secure) {
        super(response);
        this.headerWriter = writer;
        this.policy = writer.policy();
        this.secure = secure;
    }

    /**
     * {@code response} with the writer's policy applied; {@code response} itself when the policy changes
     * nothing.
     *
     * @param secure whether the client spoke HTTPS (for {@code Strict-Transport-Security})
     */
    public static HttpServletResponse wrap(HttpServletResponse response, ResponseHeaderWriter writer, boolean secure) {
        return writer.policy().changesResponses() ? new HeaderPolicingResponse(response, writer, secure) : response;
    }

    /** Applies the headers if the application returned without committing the response. */
    public void finish() {
        if (!isCommitted()) {
            beforeCommit();
        }
    }

    private void beforeCommit() {
        if (applied) {
            return;
        }
        applied = true;
        HttpServletResponse response = (HttpServletResponse) getResponse();
        headerWriter.applyTo(response, secure);
        if (!cors.isEmpty() && !response.isCommitted()) {
            writeCors(response);
        }
    }

    private void writeCors(HttpServletResponse response) {
        List<String> origins = heldValues(ALLOW_ORIGIN);
        if (!policy.releasesHeldCors(origins, heldValues(ALLOW_CREDENTIALS))) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("Removing the application's CORS headers: Access-Control-Allow-Origin {} is not allowed",
                        SecurityEvent.clean(String.join(", ", origins), 128));
            }
            return;
        }
        for (HeldHeader header : cors.values()) {
            for (int i = 0; i < header.values().size(); i++) {
                if (i == 0) {
                    response.setHeader(header.name(), header.values().get(i));
                } else {
                    response.addHeader(header.name(), header.values().get(i));
                }
            }
        }
    }

    /** The held-back values of a CORS header, by lower-case name; empty when none is held. */
    private List<String> heldValues(String lowerCaseName) {
        HeldHeader header = cors.get(lowerCaseName);
        return header == null ? List.of() : header.values();
    }

    private boolean policesCors(String name) {
        return policy.holdsBack(name);
    }

    private void holdCors(String name, String value, boolean add) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (value == null) {
            if (!cors.isEmpty()) {
                cors.remove(lower);
            }
            return;
        }
        if (cors.isEmpty()) {
            cors = new LinkedHashMap<>();
        }
        HeldHeader header = add ? cors.get(lower) : null;
        if (header == null) {
            header = new HeldHeader(name, new ArrayList<>(1));
            cors.put(lower, header);
        }
        header.values().add(value);
    }

    /** A CORS header held back: the name as the application set it, and its values in order. */
    private record HeldHeader(String name, List<String> values) {
    }

    @Override
    public void setHeader(String name, String value) {
        if (name == null || policy.removes(name)) {
            return;
        }
        if (policesCors(name)) {
            holdCors(name, value, false);
            return;
        }
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        if (name == null || policy.removes(name)) {
            return;
        }
        if (policesCors(name)) {
            holdCors(name, value, true);
            return;
        }
        super.addHeader(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public void setDateHeader(String name, long date) {
        if (name != null && !policy.removes(name) && !policesCors(name)) {
            super.setDateHeader(name, date);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        if (name != null && !policy.removes(name) && !policesCors(name)) {
            super.addDateHeader(name, date);
        }
    }

    @Override
    public boolean containsHeader(String name) {
        if (name != null && policesCors(name)) {
            return cors.containsKey(name.toLowerCase(Locale.ROOT));
        }
        return name != null && !policy.removes(name) && super.containsHeader(name);
    }

    @Override
    public String getHeader(String name) {
        if (name != null && policesCors(name)) {
            List<String> values = heldValues(name.toLowerCase(Locale.ROOT));
            return values.isEmpty() ? null : values.get(0);
        }
        return name == null || policy.removes(name) ? null : super.getHeader(name);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        if (name != null && policesCors(name)) {
            return List.copyOf(heldValues(name.toLowerCase(Locale.ROOT)));
        }
        return name == null || policy.removes(name) ? List.of() : super.getHeaders(name);
    }

    @Override
    public Collection<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : super.getHeaderNames()) {
            if (!policy.removes(name)) {
                names.add(name);
            }
        }
        for (HeldHeader header : cors.values()) {
            names.add(header.name());
        }
        return names;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CommitHookStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new CommitHookWriter(super.getWriter());
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        beforeCommit();
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        beforeCommit();
        super.sendError(status);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }

    @Override
    public void reset() {
        super.reset();
        applied = false;
        cors = Map.of();
    }

    /** The body stream; applies the headers before the first byte or flush. */
    private final class CommitHookStream extends ServletOutputStream {
        private final ServletOutputStream delegate;

        CommitHookStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            beforeCommit();
            delegate.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            beforeCommit();
            delegate.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            beforeCommit();
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            beforeCommit();
            delegate.close();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            delegate.setWriteListener(listener);
        }
    }

    /** The body writer; applies the headers before the first character or flush. */
    private final class CommitHookWriter extends PrintWriter {
        private final PrintWriter delegate;

        CommitHookWriter(PrintWriter delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        @Override
        public void write(int c) {
            beforeCommit();
            delegate.write(c);
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            beforeCommit();
            delegate.write(buffer, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            beforeCommit();
            delegate.write(text, offset, length);
        }

        @Override
        public void println() {
            beforeCommit();
            delegate.println();
        }

        @Override
        public void flush() {
            beforeCommit();
            delegate.flush();
        }

        @Override
        public void close() {
            beforeCommit();
            delegate.close();
        }

        @Override
        public boolean checkError() {
            return delegate.checkError();
        }
    }
}
