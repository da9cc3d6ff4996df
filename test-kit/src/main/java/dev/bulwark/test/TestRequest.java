package dev.bulwark.test;

import dev.bulwark.core.HttpRequest;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request as a client would send it, written fluently, for evaluating a configuration without a
 * server:
 *
 * <pre>{@code
 * import static dev.bulwark.test.TestRequest.*;
 *
 * tester.evaluate(get("/pets?limit=5"));
 * tester.evaluate(post("/pets").bearer(token).json("{\"name\":\"Rex\",\"species\":\"dog\"}"));
 * tester.evaluate(get("/pets").query("tag", "' OR 1=1--"));
 * }</pre>
 *
 * <p>The target is taken as written, exactly as a client would put it on the request line: write
 * percent-escapes yourself, or use {@link #query(String, String)} and {@link #formParam(String, String)},
 * which encode. Like a real client, the request carries {@code Host: localhost} unless another
 * {@code Host} is set, a {@code Content-Length} for a body unless one is set, and comes from
 * {@code 127.0.0.1} unless {@link #remoteAddress(String)} says otherwise. {@link #build()} gives the
 * core's {@link HttpRequest}, for use with {@link dev.bulwark.core.Bulwark#evaluate} directly.
 *
 * <p>Mutable and not thread-safe, like any builder; each {@link #build()} gives a new request.
 */
public final class TestRequest {

    private static final byte[] NO_BODY = new byte[0];
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private String target;
    private final List<String[]> headers = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();
    private byte[] body = NO_BODY;
    private String contentType;
    private String remoteAddress = "127.0.0.1";
    private boolean secure;
    private String protocol = "HTTP/1.1";

    private TestRequest(String method, String target) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("method must not be empty");
        }
        this.method = method;
        this.target = target;
    }

    /** A {@code GET} of {@code target} ({@code /path?query}, as sent). */
    public static TestRequest get(String target) {
        return new TestRequest("GET", target);
    }

    /** A {@code POST} to {@code target}. */
    public static TestRequest post(String target) {
        return new TestRequest("POST", target);
    }

    /** A {@code PUT} to {@code target}. */
    public static TestRequest put(String target) {
        return new TestRequest("PUT", target);
    }

    /** A {@code PATCH} to {@code target}. */
    public static TestRequest patch(String target) {
        return new TestRequest("PATCH", target);
    }

    /** A {@code DELETE} of {@code target}. */
    public static TestRequest delete(String target) {
        return new TestRequest("DELETE", target);
    }

    /** A {@code HEAD} of {@code target}. */
    public static TestRequest head(String target) {
        return new TestRequest("HEAD", target);
    }

    /** An {@code OPTIONS} request for {@code target}. */
    public static TestRequest options(String target) {
        return new TestRequest("OPTIONS", target);
    }

    /** A request with any method, sent as written (also one the engine should refuse). */
    public static TestRequest request(String method, String target) {
        return new TestRequest(method, target);
    }

    /** Appends a query parameter, percent-encoding name and value (UTF-8, space as {@code %20}). */
    public TestRequest query(String name, String value) {
        String pair = encode(name) + '=' + encode(value);
        int question = target.indexOf('?');
        String separator = question < 0 ? "?" : question == target.length() - 1 ? "" : "&";
        target = target + separator + pair;
        return this;
    }

    /** Adds a header field; a field of the same name that is already set stays (both are sent). */
    public TestRequest header(String name, String value) {
        headers.add(new String[] {Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")});
        return this;
    }

    /** Adds a cookie; all cookies go out in one {@code Cookie} header, in the order added, as browsers send them. */
    public TestRequest cookie(String name, String value) {
        cookies.add(Objects.requireNonNull(name, "name") + '=' + Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sends {@code Authorization: Bearer token}. */
    public TestRequest bearer(String token) {
        return header("Authorization", "Bearer " + Objects.requireNonNull(token, "token"));
    }

    /** A JSON body, as UTF-8, with {@code Content-Type: application/json}. */
    public TestRequest json(String json) {
        return body(json, "application/json");
    }

    /**
     * A GraphQL request as clients post it: {@code {"query": ..., "variables": ...}} with
     * {@code Content-Type: application/json}. {@code variables} are written as JSON (maps, lists,
     * strings, numbers, booleans); {@code null} or empty sends none.
     *
     * <pre>{@code
     * tester.evaluate(post("/graphql").graphql("query($id: ID!){ pet(id: $id){ name } }", Map.of("id", "7")));
     * }</pre>
     */
    public TestRequest graphql(String query, Map<String, ?> variables) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", Objects.requireNonNull(query, "query"));
        if (variables != null && !variables.isEmpty()) {
            request.put("variables", variables);
        }
        try {
            return json(JSON.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("variables cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A GraphQL request without variables; see {@link #graphql(String, Map)}. */
    public TestRequest graphql(String query) {
        return graphql(query, null);
    }

    /** A form body as written ({@code a=1&b=two%20words}), with {@code Content-Type: application/x-www-form-urlencoded}. */
    public TestRequest form(String encodedForm) {
        return body(encodedForm, "application/x-www-form-urlencoded");
    }

    /**
     * Appends a form parameter, percent-encoding name and value, to a form body started by
     * {@link #form(String)} or by an earlier call.
     */
    public TestRequest formParam(String name, String value) {
        String pair = encode(name) + '=' + encode(value);
        if (body.length == 0 || contentType == null) {
            return form(pair);
        }
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new IllegalStateException("the body is " + contentType + ", not a form");
        }
        return body(new String(body, StandardCharsets.UTF_8) + '&' + pair, contentType);
    }

    /** An XML body, as UTF-8, with {@code Content-Type: application/xml}. */
    public TestRequest xml(String xml) {
        return body(xml, "application/xml");
    }

    /** A text body, as UTF-8, with {@code Content-Type: text/plain; charset=UTF-8}. */
    public TestRequest text(String text) {
        return body(text, "text/plain; charset=UTF-8");
    }

    /** A body as UTF-8 with this {@code Content-Type}. */
    public TestRequest body(String body, String contentType) {
        return body(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), contentType);
    }

    /**
     * A body with this {@code Content-Type} ({@code null} to send none). Replaces an earlier body.
     * The array is copied.
     */
    public TestRequest body(byte[] body, String contentType) {
        this.body = Objects.requireNonNull(body, "body").clone();
        this.contentType = contentType;
        return this;
    }

    /** The address of the client; default {@code 127.0.0.1}. */
    public TestRequest remoteAddress(String address) {
        this.remoteAddress = Objects.requireNonNull(address, "address");
        return this;
    }

    /** Whether the request came over TLS; default {@code false}. */
    public TestRequest secure(boolean secure) {
        this.secure = secure;
        return this;
    }

    /** The protocol on the request line; default {@code HTTP/1.1}. */
    public TestRequest protocol(String protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
    }

    /** The method. */
    public String method() {
        return method;
    }

    /** The request target, {@code path?query}, as it will be sent. */
    public String target() {
        return target;
    }

    /** The core's request. */
    public HttpRequest build() {
        HttpRequest.Builder builder = HttpRequest.builder(method, target)
                .protocol(protocol)
                .remoteAddress(remoteAddress)
                .secure(secure)
                .body(body.clone());
        if (!has("Host")) {
            builder.header("Host", "localhost");
        }
        for (String[] header : headers) {
            builder.header(header[0], header[1]);
        }
        if (!cookies.isEmpty()) {
            builder.header("Cookie", String.join("; ", cookies));
        }
        if (contentType != null && !has("Content-Type")) {
            builder.header("Content-Type", contentType);
        }
        if (body.length > 0 && !has("Content-Length") && !has("Transfer-Encoding")) {
            builder.header("Content-Length", Integer.toString(body.length));
        }
        return builder.build();
    }

    private boolean has(String name) {
        return headers.stream().anyMatch(header -> header[0].equalsIgnoreCase(name));
    }

    @Override
    public String toString() {
        return method + ' ' + target() + (body.length == 0 ? "" : " (" + body.length + " body bytes, " + contentType + ")");
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, as UTF-8. */
    static String encode(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
