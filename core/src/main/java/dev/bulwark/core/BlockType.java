package dev.bulwark.core;

/**
 * The kind of reason a request was blocked, which selects the response status and, where
 * configured, a custom block response. The client sees only the response, never the rule.
 */
public enum BlockType {
    /** A deny rule matched (403). */
    DENY(403),
    /** A size or count limit was exceeded (413 for sizes, 400 for counts, see the finding). */
    LIMIT(413),
    /** The request could not be parsed or decoded (400). */
    MALFORMED(400),
    /** A required token was missing or invalid (401). */
    TOKEN(401),
    /** A valid token lacked what the route requires (403). */
    FORBIDDEN(403),
    /** No allow rule matched (404). */
    ALLOW_RULE(404),
    /** The request violated the OpenAPI contract (400). */
    OPENAPI(400),
    /** A GraphQL request was malformed, too large or asked for what is not allowed (400, 403 for what is not allowed). */
    GRAPHQL(400),
    /** The client address is on the deny list, or not on the allow list, of the IP rules (403). */
    IP_RULE(403),
    /** An unsafe request with browser credentials came from a page of a foreign origin (403). */
    CSRF(403),
    /** The client went over a rate limit (429, with {@code Retry-After}). */
    RATE_LIMIT(429),
    /** The client is banned for a while after repeated deny-rule blocks (403). */
    REPEAT_OFFENDER(403),
    /** A check could not run; the request is blocked rather than passed unchecked (503). */
    INTERNAL(503);

    private final int defaultStatus;

    BlockType(int defaultStatus) {
        this.defaultStatus = defaultStatus;
    }

    public int defaultStatus() {
        return defaultStatus;
    }
}
