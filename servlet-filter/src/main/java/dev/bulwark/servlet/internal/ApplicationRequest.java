package dev.bulwark.servlet.internal;

import dev.bulwark.core.Decision;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request the application sees once the filter let it pass: the container's request with
 * what the filter changed, in one wrapper, so that each of the many calls a framework makes per
 * request crosses one layer rather than one per change. Without a change it is not made at all
 * ({@link #wrap} returns the container's request).
 *
 * <p><b>Body.</b> When the filter read the body, the request replays exactly the bytes the filter
 * read (and inspected). {@link #getInputStream()}, {@link #getReader()},
 * {@link #getContentLength()} and the {@code getParameter*} methods all agree with those bytes:
 * <ul>
 *   <li>{@code getInputStream} and {@code getReader} exclude each other as the servlet
 *       specification says ({@link IllegalStateException}); each returns the same object on every
 *       call.</li>
 *   <li>{@code getReader} decodes with the request's character encoding, UTF-8 when none is set.</li>
 *   <li>Parameters are the query parameters followed by, for a {@code POST} with
 *       {@code application/x-www-form-urlencoded} content, the form fields of the body, exactly
 *       when a container would include them: only if the application did not read the body
 *       through the stream or reader first (Servlet 6.0, section 3.1.1).</li>
 * </ul>
 * A body longer than the inspection limit (let through in log-only mode) is replayed from the
 * bytes read and then continues with the container's stream; its content length is the
 * container's.
 *
 * <p><b>Headers.</b> The header methods apply the decision's header changes ({@link ChangedHeaders}).
 *
 * <p><b>Identity.</b> Once a token was verified, {@code getUserPrincipal()} names the token's
 * subject, {@code getRemoteUser()} returns it and {@code getAuthType()} is {@value #AUTH_TYPE}.
 * Without a verified subject the container's own authentication (if any) answers.
 */
public final class ApplicationRequest extends HttpServletRequestWrapper {

    /** What {@link #getAuthType()} returns for a request authenticated by its token. */
    public static final String AUTH_TYPE = "Bearer";

    private static final String FORM = "application/x-www-form-urlencoded";

    private enum BodyAccess { NONE, STREAM, READER }

    /** The body the filter read, or {@code null} when it took nothing from the container's stream. */
    private final CapturedBody body;
    /** The header changes, or {@code null} when there are none. */
    private final ChangedHeaders headers;
    /** The verified token's subject, or {@code null} when there is none. */
    private final TokenPrincipal principal;
    private BodyAccess access = BodyAccess.NONE;
    private ServletInputStream stream;
    private BufferedReader reader;
    private Map<String, String[]> parameters;
    private List<Part> parts;

    private ApplicationRequest(HttpServletRequest request, CapturedBody body, ChangedHeaders headers,
            TokenPrincipal principal) {
        super(request);
        this.body = body;
        this.headers = headers;
        this.principal = principal;
    }

    /**
     * The request to hand to the application: {@code request} with the body the filter read
     * ({@code null} or not {@linkplain CapturedBody#consumed() consumed}: the container's stream is
     * untouched), and the decision's header changes and verified subject; {@code request} itself
     * when none of them changes anything.
     */
    public static HttpServletRequest wrap(HttpServletRequest request, CapturedBody body, Decision decision) {
        CapturedBody replayed = body != null && body.consumed() ? body : null;
        ChangedHeaders headers = ChangedHeaders.of(decision.headerChanges());
        Optional<String> subject = decision.principal();
        if (replayed == null && headers == null && subject.isEmpty()) {
            return request;
        }
        return new ApplicationRequest(request, replayed, headers, subject.map(TokenPrincipal::new).orElse(null));
    }

    @Override
    public String getHeader(String name) {
        return headers == null ? super.getHeader(name) : headers.header((HttpServletRequest) getRequest(), name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return headers == null ? super.getHeaders(name) : headers.headers((HttpServletRequest) getRequest(), name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return headers == null ? super.getHeaderNames() : headers.headerNames((HttpServletRequest) getRequest());
    }

    @Override
    public int getIntHeader(String name) {
        return headers == null ? super.getIntHeader(name) : headers.intHeader((HttpServletRequest) getRequest(), name);
    }

    @Override
    public long getDateHeader(String name) {
        return headers == null
                ? super.getDateHeader(name) : headers.dateHeader((HttpServletRequest) getRequest(), name);
    }

    @Override
    public Principal getUserPrincipal() {
        return principal == null ? super.getUserPrincipal() : principal;
    }

    @Override
    public String getRemoteUser() {
        return principal == null ? super.getRemoteUser() : principal.getName();
    }

    @Override
    public String getAuthType() {
        return principal == null ? super.getAuthType() : AUTH_TYPE;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            return super.getInputStream();
        }
        if (access == BodyAccess.READER) {
            throw new IllegalStateException("getReader() was already called for this request");
        }
        access = BodyAccess.STREAM;
        return stream();
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (body == null) {
            return super.getReader();
        }
        if (access == BodyAccess.STREAM) {
            throw new IllegalStateException("getInputStream() was already called for this request");
        }
        if (reader == null) {
            Charset charset = charset(getCharacterEncoding());
            reader = new BufferedReader(new InputStreamReader(stream(), charset));
            access = BodyAccess.READER;
        }
        return reader;
    }

    @Override
    public int getContentLength() {
        return containersLength() ? super.getContentLength() : body.length();
    }

    @Override
    public long getContentLengthLong() {
        return containersLength() ? super.getContentLengthLong() : body.length();
    }

    /**
     * Whether the container's content length stands: for a body not read to its end, and for one
     * never read (a GET without a body keeps its undeclared length rather than gaining a 0 that a
     * proxy would forward as {@code Content-Length: 0}).
     */
    private boolean containersLength() {
        return body == null || body.truncated();
    }

    @Override
    public String getParameter(String name) {
        if (body == null) {
            return super.getParameter(name);
        }
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return body == null ? super.getParameterMap() : parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        if (body == null) {
            return super.getParameterNames();
        }
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        if (body == null) {
            return super.getParameterValues(name);
        }
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    /**
     * The parts of a {@code multipart/form-data} body, split from the bytes the filter read; the
     * container's own parsing cannot run because its stream is consumed.
     */
    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        if (body == null || !isMultipart() || body.truncated()) {
            return super.getParts();
        }
        if (parts == null) {
            String boundary = ReplayedParts.boundary(getContentType());
            if (boundary == null) {
                throw new ServletException("multipart request without a boundary");
            }
            parts = List.copyOf(ReplayedParts.split(body.bytes(), body.length(), boundary));
        }
        return parts;
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        if (body == null) {
            return super.getPart(name);
        }
        for (Part part : getParts()) {
            if (name.equals(part.getName())) {
                return part;
            }
        }
        return null;
    }

    private boolean isMultipart() {
        String contentType = getContentType();
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    private ServletInputStream stream() throws IOException {
        if (stream == null) {
            ServletInputStream rest = body.truncated() ? super.getInputStream() : null;
            stream = new ReplayInputStream(body.bytes(), rest, this);
        }
        return stream;
    }

    private Map<String, String[]> parameters() {
        if (parameters == null) {
            Map<String, List<String>> pairs = new LinkedHashMap<>();
            FormDecoder.decodeQuery(getQueryString(), pairs);
            if (access == BodyAccess.NONE && stream == null && isFormPost()) {
                Charset charset = formCharset();
                if (body.truncated()) {
                    try {
                        FormDecoder.decode(stream(), charset, pairs);
                    } catch (IOException e) {
                        throw new UncheckedIOException("form body could not be read", e);
                    }
                } else {
                    FormDecoder.decode(body.bytes(), 0, body.length(), charset, pairs);
                }
            } else if (access == BodyAccess.NONE && stream == null && isMultipart() && !body.truncated()) {
                addMultipartFields(pairs);
            }
            parameters = FormDecoder.toParameterMap(pairs);
        }
        return parameters;
    }

    /** Text fields of a multipart body count as parameters, as containers present them. */
    private void addMultipartFields(Map<String, List<String>> pairs) {
        try {
            for (Part part : getParts()) {
                if (part.getSubmittedFileName() == null && part.getName() != null
                        && part instanceof ReplayedParts.ReplayedPart replayed) {
                    pairs.computeIfAbsent(part.getName(), k -> new ArrayList<>()).add(replayed.text(formCharset()));
                }
            }
        } catch (IOException | ServletException e) {
            // A body the parts cannot be split from has no multipart fields to offer.
        }
    }

    private boolean isFormPost() {
        if (!"POST".equals(getMethod())) {
            return false;
        }
        String contentType = getContentType();
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals(FORM);
    }

    private Charset formCharset() {
        try {
            return charset(getCharacterEncoding());
        } catch (UnsupportedEncodingException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static Charset charset(String name) throws UnsupportedEncodingException {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
            UnsupportedEncodingException unsupported = new UnsupportedEncodingException(name);
            unsupported.initCause(e);
            throw unsupported;
        }
    }

    /** The subject of a verified token. */
    record TokenPrincipal(String name) implements Principal {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return "TokenPrincipal[" + name + "]";
        }
    }
}
