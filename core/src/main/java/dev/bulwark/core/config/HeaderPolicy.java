package dev.bulwark.core.config;

import java.util.Objects;

/**
 * Header policy ({@code headers:}): what the application sees of the request's headers, and which
 * headers every response gets or loses.
 *
 * @param request request header filtering
 * @param response response headers
 */
public record HeaderPolicy(RequestHeaders request, ResponseHeaders response) {

    private static final HeaderPolicy DEFAULTS = new HeaderPolicy(RequestHeaders.defaults(), ResponseHeaders.defaults());

    public HeaderPolicy {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(request.allow(), "request.allow");
    }

    /** All request headers pass (forwarding headers only from trusted proxies); default response headers. */
    public static HeaderPolicy defaults() {
        return DEFAULTS;
    }
}
