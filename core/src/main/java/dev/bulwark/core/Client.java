package dev.bulwark.core;

/**
 * What the engine knows about the client of one request after resolving its address
 * ({@code client-ip:}); checks read it through {@link Inspection#client()}.
 *
 * @param peerAddress the address of the connection's peer
 * @param address the resolved client address (the peer's, or one a trusted proxy forwarded)
 * @param secure whether the client spoke HTTPS (the connection, or a trusted proxy's
 *     {@code X-Forwarded-Proto})
 * @param host the host the client asked for (a trusted proxy's {@code X-Forwarded-Host}, or the
 *     single {@code Host} header); {@code null} when unknown or ambiguous
 * @param trustedPeer whether the peer is a trusted proxy
 */
public record Client(String peerAddress, String address, boolean secure, String host, boolean trustedPeer) {

    /** The client as the connection shows it, before any proxy header is trusted. */
    public static Client direct(HttpRequest request) {
        return new Client(request.remoteAddress(), request.remoteAddress(), request.secure(), null, false);
    }
}
