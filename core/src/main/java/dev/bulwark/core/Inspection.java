package dev.bulwark.core;

import dev.bulwark.core.config.Route;
import dev.bulwark.core.config.RoutingPath;
import java.util.List;

/**
 * What a {@link Check} sees of one request, and where it reports what it finds.
 *
 * <p>Parsing and decoding have already happened when checks run: {@link #values()} holds every
 * inspectable value with its location and decoding flags. One instance per request, used from one
 * thread.
 */
public interface Inspection {

    /** The request as the client sent it. */
    HttpRequest request();

    /**
     * The method the application will act on, which every method-based policy judges: the request
     * method, or with {@code method-override: allow} the method a {@code POST} asks for through an
     * override header or {@code _method} field (see
     * {@link dev.bulwark.core.config.MethodOverridePolicy}).
     */
    default String method() {
        return request().method();
    }

    /**
     * The path as the servlet container and Spring route it: path parameters cut from every
     * segment, percent-decoded once, empty segments collapsed and dot-segments resolved
     * ({@code /admin;x/y} is {@code /admin/y}). Routes, allow rules, IP rules, deny-rule exceptions
     * and OpenAPI base paths match this form; deny rules inspect {@link #pathValue()} and the path
     * parameters instead.
     */
    String normalizedPath();

    /** {@link #normalizedPath()} with its lenient spelling, for conditions that add protection. */
    default RoutingPath routingPath() {
        return RoutingPath.of(normalizedPath());
    }

    /**
     * The path as inspected by the deny rules, with the flags its decoding raised: decoded
     * repeatedly, dot-segments removed, path parameters kept in their segments.
     */
    RequestValue pathValue();

    /** Every parsed and decoded value, in request order. */
    List<RequestValue> values();

    /**
     * The client: the connection's peer until the engine resolves it, which it does before route
     * selection and so before any check runs.
     */
    Client client();

    /** The client address used for conditions and logs: {@code client().address()}. */
    default String clientAddress() {
        return client().address();
    }

    /** The route whose conditions this request meets, or {@code null} when none does. */
    Route route();

    /**
     * The mode in force for this request (global, or the route's). In {@link Mode#LOG_ONLY} every
     * reported finding is turned into a log-only one.
     */
    Mode mode();

    /** Adds a finding. */
    void report(Finding finding);

    /** Whether a finding that blocks was already reported; later checks may stop early. */
    boolean blocked();

    /** Publishes a value for the application (e.g. verified claims), see {@link Decision#attributes()}. */
    void attribute(String name, Object value);

    /**
     * Sets a request header the application will see instead of any the client sent under that
     * name (e.g. a verified claim propagated as {@code X-User-Id}).
     */
    void setRequestHeader(String name, String value);

    /** Hides a request header from the application (e.g. a spoofable forwarding header). */
    void removeRequestHeader(String name);

    /** Adds a header to the block response, e.g. {@code WWW-Authenticate} on a 401. */
    void responseHeader(String name, String value);

    /** Lists a violation in the block response (only for checks whose details are meant for clients). */
    void violation(Violation violation);
}
