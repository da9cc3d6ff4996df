package dev.bulwark.core.internal.policy;

import java.util.Set;

/**
 * The request headers through which a proxy tells the service about the client: whoever can send
 * them can claim another client address, scheme, host or path. They count only from trusted
 * proxies.
 */
final class ForwardingHeaders {

    /** Forwarding headers besides the {@code x-forwarded-*} family, in lower case. */
    static final Set<String> NAMES = Set.of("forwarded", "x-real-ip", "x-client-ip", "true-client-ip",
            "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip", "x-original-forwarded-for", "client-ip",
            "x-proxyuser-ip", "x-original-url", "x-rewrite-url", "x-original-host");

    private ForwardingHeaders() {
    }

    /** Whether a header of this lower-case name is a forwarding header. */
    static boolean isForwarding(String lowerCaseName) {
        return lowerCaseName.startsWith("x-forwarded-") || NAMES.contains(lowerCaseName);
    }
}
