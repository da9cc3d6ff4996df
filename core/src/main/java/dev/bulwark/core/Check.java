package dev.bulwark.core;

/**
 * One kind of inspection that plugs into the engine: the request policy (IP rules, allowed
 * methods, allow rules, CSRF, request header filtering), deny rules, token validation, OpenAPI
 * enforcement, or a check of the application's own.
 *
 * <p>Implementations are built once, are thread-safe, and report through {@link Inspection#report}
 * rather than throwing. An exception that escapes a check blocks the request (fail closed) and is
 * logged.
 */
public interface Check {

    /** A short, stable name for logs and metrics, e.g. {@code deny-rules}. */
    String name();

    /** Inspects one request. */
    void inspect(Inspection inspection);
}
