package dev.bulwark.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP request as the client sent it: the input of {@link Bulwark#evaluate(HttpRequest)}.
 *
 * <p>Immutable and free of any framework: adapters (the servlet filter, tests, the corpus evaluator)
 * translate their own request objects into this one. Nothing here is decoded or normalised; the
 * engine does that, and records what it did, during inspection.
 */
public final class HttpRequest {

    private static final byte[] NO_BODY = new byte[0];
    /** Marks a request without {@code Content-Type} once its media type was looked for. */
    private static final String NO_MEDIA_TYPE = new String("");

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final String protocol;
    private final Headers headers;
    private final String remoteAddress;
    private final boolean secure;
    private final byte[] body;
    private final boolean bodyTruncated;
    /**
     * {@link #mediaType()}, worked out on first use: the engine asks for it several times per
     * request. Racy but safe: every thread computes the same immutable string.
     */
    private String mediaType;

    private HttpRequest(Builder builder) {
        this.method = builder.method;
        this.rawPath = builder.rawPath;
        this.rawQuery = builder.rawQuery;
        this.protocol = builder.protocol;
        this.headers = builder.headers;
        this.remoteAddress = builder.remoteAddress;
        this.secure = builder.secure;
        this.body = builder.body;
        this.bodyTruncated = builder.bodyTruncated;
    }

    /** A builder for a request with this method and request target ({@code /path?query}). */
    public static Builder builder(String method, String target) {
        return new Builder().method(method).target(target);
    }

    /** A builder with no method or path set yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The method as sent, e.g. {@code GET}; never normalised. */
    public String method() {
        return method;
    }

    /** The path of the request target exactly as sent, still percent-encoded. */
    public String rawPath() {
        return rawPath;
    }

    /** The query string without the leading {@code ?}, still encoded; {@code null} when absent. */
    public String rawQuery() {
        return rawQuery;
    }

    /** The protocol, e.g. {@code HTTP/1.1}. */
    public String protocol() {
        return protocol;
    }

    public Headers headers() {
        return headers;
    }

    /** The address of the peer that sent the request (the connection, not a forwarding header). */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** Whether the request came over TLS. */
    public boolean secure() {
        return secure;
    }

    /** The {@code Content-Type} header, or {@code null}. */
    public String contentType() {
        return headers.first("content-type");
    }

    /**
     * The media type of the body in lower case without parameters ({@code application/json}), or
     * {@code null} when there is no {@code Content-Type}.
     */
    public String mediaType() {
        String type = mediaType;
        if (type == null) {
            type = parseMediaType(contentType());
            mediaType = type;
        }
        return type == NO_MEDIA_TYPE ? null : type;
    }

    private static String parseMediaType(String contentType) {
        if (contentType == null) {
            return NO_MEDIA_TYPE;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** The body bytes, read-only. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** The body as a stream over the same bytes. */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body);
    }

    /** Length of the body in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /**
     * Whether the adapter stopped reading the body at a limit, so {@link #body()} holds only its
     * beginning. The engine blocks such a request as oversized.
     */
    public boolean bodyTruncated() {
        return bodyTruncated;
    }

    /** The request target, {@code path?query}, as sent. */
    public String target() {
        return rawQuery == null ? rawPath : rawPath + '?' + rawQuery;
    }

    @Override
    public String toString() {
        return method + ' ' + rawPath + (rawQuery == null ? "" : "?…") + " (" + body.length + " body bytes)";
    }

    /** Builds an {@link HttpRequest}. */
    public static final class Builder {
        private String method = "GET";
        private String rawPath = "/";
        private String rawQuery;
        private String protocol = "HTTP/1.1";
        private Headers headers = Headers.empty();
        private Headers.Builder headerBuilder;
        private String remoteAddress = "";
        private boolean secure;
        private byte[] body = NO_BODY;
        private boolean bodyTruncated;

        private Builder() {
        }

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Sets path and query from a request target {@code /path?query}. */
        public Builder target(String target) {
            Objects.requireNonNull(target, "target");
            int question = target.indexOf('?');
            if (question < 0) {
                rawPath = target;
                rawQuery = null;
            } else {
                rawPath = target.substring(0, question);
                rawQuery = target.substring(question + 1);
            }
            return this;
        }

        public Builder rawPath(String rawPath) {
            this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
            return this;
        }

        /** The query string without {@code ?}; {@code null} for none. */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        public Builder protocol(String protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Replaces all headers. */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            this.headerBuilder = null;
            return this;
        }

        /** Adds one header field after those already set. */
        public Builder header(String name, String value) {
            if (headerBuilder == null) {
                headerBuilder = Headers.builder();
                for (Headers.Header header : headers.all()) {
                    headerBuilder.add(header.name(), header.value());
                }
            }
            headerBuilder.add(name, value);
            return this;
        }

        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
            return this;
        }

        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /**
         * The body. The array is not copied: the caller hands it over and must not change it
         * afterwards.
         */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** Marks the body as cut off at a read limit (see {@link HttpRequest#bodyTruncated()}). */
        public Builder bodyTruncated(boolean bodyTruncated) {
            this.bodyTruncated = bodyTruncated;
            return this;
        }

        public HttpRequest build() {
            if (headerBuilder != null) {
                headers = headerBuilder.build();
                headerBuilder = null;
            }
            return new HttpRequest(this);
        }
    }
}
