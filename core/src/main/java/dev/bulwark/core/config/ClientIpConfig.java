package dev.bulwark.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the client address comes from ({@code client-ip:}), and which peers are proxies whose
 * forwarding headers count. The resolved address is what IP rules, route conditions
 * ({@code when.client-ips}) and security events use.
 *
 * <ul>
 *   <li>{@link Source#CONNECTION} (the default): the address of the connection's peer.</li>
 *   <li>{@link Source#X_FORWARDED_FOR}: from {@code X-Forwarded-For}, when the peer is a trusted
 *       proxy. With {@code trusted-proxies} the list (every field line, in order) is walked from the
 *       right, skipping addresses of trusted proxies; the first other address is the client. With
 *       {@code trusted-hops: N} the service sits behind exactly N proxies, every peer counts as
 *       one, and the client is the N-th address from the right. A malformed entry on the way makes
 *       the connection address count instead, and is logged.</li>
 *   <li>{@link Source#HEADER}: from a single header a trusted proxy sets (such as
 *       {@code X-Client-IP}); with {@code required} a request without a valid value from a trusted
 *       proxy is refused with 400.</li>
 * </ul>
 *
 * <p>Forwarding headers ({@code X-Forwarded-*}, {@code Forwarded}, {@code X-Real-IP} and their
 * kin, the configured {@code header}, and {@code headers.request.proxy-only}) sent by any other
 * peer are removed before the application sees the request: with no trusted proxies (the
 * default) nobody can make the application believe in another client address, scheme or host.
 *
 * @param source where the address comes from
 * @param trustedProxies peers whose forwarding headers count; default none
 * @param trustedHops for {@code x-forwarded-for} without {@code trustedProxies}: the number of proxies
 *     in front of the service; 0 when not used
 * @param header for {@code header}: the header's name
 * @param required for {@code header}: whether requests without a valid value are refused
 */
public record ClientIpConfig(Source source, List<IpRange> trustedProxies, int trustedHops, String header,
        boolean required) {

    /** Where the client address comes from. */
    public enum Source {
        /** The connection's peer. */
        CONNECTION,
        /** {@code X-Forwarded-For}, from trusted proxies. */
        X_FORWARDED_FOR,
        /** A single header that a trusted proxy sets. */
        HEADER
    }

    private static final ClientIpConfig DEFAULTS = new ClientIpConfig(Source.CONNECTION, List.of(), 0, null, false);

    public ClientIpConfig {
        Objects.requireNonNull(source, "source");
        trustedProxies = List.copyOf(trustedProxies);
        if (trustedHops < 0 || trustedHops > 32) {
            throw new IllegalArgumentException("trusted-hops must be between 1 and 32");
        }
        if (header != null) {
            header = header.trim();
            if (!isHeaderName(header)) {
                throw new IllegalArgumentException("invalid header name '" + header + "'");
            }
        }
        switch (source) {
            case CONNECTION -> {
                if (trustedHops > 0 || header != null || required) {
                    throw new IllegalArgumentException(
                            "trusted-hops, header and required need source x-forwarded-for or header");
                }
            }
            case X_FORWARDED_FOR -> {
                if (trustedProxies.isEmpty() == (trustedHops == 0)) {
                    throw new IllegalArgumentException(
                            "source x-forwarded-for needs either trusted-proxies or trusted-hops (not both)");
                }
                if (header != null || required) {
                    throw new IllegalArgumentException("header and required need source header");
                }
            }
            case HEADER -> {
                if (header == null) {
                    throw new IllegalArgumentException("source header needs the header's name");
                }
                if (trustedProxies.isEmpty()) {
                    throw new IllegalArgumentException("source header needs trusted-proxies (the peers that set it)");
                }
                if (trustedHops > 0) {
                    throw new IllegalArgumentException("trusted-hops needs source x-forwarded-for");
                }
            }
            default -> throw new IllegalStateException(source.name());
        }
    }

    /** The connection address; forwarding headers are trusted from nobody. */
    public static ClientIpConfig defaults() {
        return DEFAULTS;
    }

    /** {@code X-Forwarded-For} from these proxies. */
    public static ClientIpConfig forwardedFor(List<IpRange> trustedProxies) {
        return new ClientIpConfig(Source.X_FORWARDED_FOR, trustedProxies, 0, null, false);
    }

    /** {@code X-Forwarded-For} behind this many proxies. */
    public static ClientIpConfig forwardedFor(int trustedHops) {
        return new ClientIpConfig(Source.X_FORWARDED_FOR, List.of(), trustedHops, null, false);
    }

    /** A header set by these proxies. */
    public static ClientIpConfig header(String name, boolean required, List<IpRange> trustedProxies) {
        return new ClientIpConfig(Source.HEADER, trustedProxies, 0, name, required);
    }

    /** Whether a request from this peer comes from a trusted proxy. */
    public boolean trustsPeer(String peerAddress) {
        if (source == Source.X_FORWARDED_FOR && trustedHops > 0) {
            return true;
        }
        return IpRules.containsAny(trustedProxies, peerAddress);
    }

    /** Whether any peer is trusted at all, i.e. the service expects to sit behind proxies. */
    public boolean expectsProxies() {
        return !trustedProxies.isEmpty() || trustedHops > 0;
    }

    /** The configured header in lower case, or {@code null}. */
    public String lowerCaseHeader() {
        return header == null ? null : header.toLowerCase(Locale.ROOT);
    }

    static boolean isHeaderName(String name) {
        return HttpTokens.isToken(name, 128);
    }
}
