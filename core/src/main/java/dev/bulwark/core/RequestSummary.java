package dev.bulwark.core;

import java.util.Objects;

/**
 * The parts of a request a security event names, as sent: nothing decoded, nothing trusted. An
 * adapter builds one from its framework's request for {@link SecurityEventLogger#log}.
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

    /** A request whose client is the connection's peer. */
    public RequestSummary(String method, String rawPath, String sourceIp) {
        this(method, rawPath, sourceIp, sourceIp);
    }
}
