package dev.bulwark.webflux.internal;

import java.util.Objects;

/**
 * The parts of a request a security event names, as sent: nothing decoded, nothing trusted.
 *
 * @param method the method
 * @param rawPath the path, still percent-encoded
 * @param sourceIp the client address: the peer's, or the one a trusted proxy forwarded
 * @param peerIp the address of the connection's peer
 */
public record RequestSummary(String method, String rawPath, String sourceIp, String peerIp) {

    public RequestSummary {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(peerIp, "peerIp");
    }
}
