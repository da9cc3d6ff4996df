package dev.bulwark.servlet.internal;

import java.util.Objects;

/**
 * The parts of a request a security event names, as sent: nothing decoded, nothing trusted.
 *
 * @param method the method
 * @param rawPath the path, still percent-encoded
 * @param sourceIp the address of the peer
 */
public record RequestSummary(String method, String rawPath, String sourceIp) {

    public RequestSummary {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(sourceIp, "sourceIp");
    }
}
