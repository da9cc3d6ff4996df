package dev.bulwark.core.internal.policy;

import java.util.List;
import java.util.Set;

/**
 * The request headers a proxy, load balancer, CDN or authenticating gateway sets to tell the
 * service who the client is: whoever can send them can claim another address, scheme, host, path
 * or user. They reach the application only from a trusted proxy ({@code client-ip.trusted-proxies}),
 * and only in their canonical spelling; {@code headers.request.proxy-only} adds names to this list.
 * Names are folded ({@link HeaderNames#fold}) before they are looked up, so case and
 * {@code _}/{@code -} variants count as the header they spell.
 *
 * <p>The families, and why each is here:
 * <ul>
 *   <li><b>Forwarding</b>: {@code Forwarded} (RFC 7239), the {@code X-Forwarded-*} family
 *       ({@code -For}, {@code -Host}, {@code -Proto}, {@code -Port}, {@code -Prefix},
 *       {@code -User} ...), and the older {@code X-Forwarded} and {@code Forwarded-For}. Frameworks
 *       build the client address, the request URL and redirects from them.</li>
 *   <li><b>Client address</b> set by one proxy or CDN: nginx's {@code X-Real-IP}, Akamai's and
 *       Cloudflare's {@code True-Client-IP} and {@code CF-Connecting-IP}, Fastly's
 *       {@code Fastly-Client-IP}, Envoy's {@code X-Envoy-External-Address}, Azure Front Door's
 *       {@code X-Azure-ClientIP} and {@code X-Azure-SocketIP}, {@code Cdn-Src-Ip}, and the generic
 *       {@code X-Client-IP}, {@code Client-IP}, {@code X-Cluster-Client-IP},
 *       {@code X-Originating-IP}, {@code X-Remote-IP}, {@code X-Remote-Addr},
 *       {@code X-ProxyUser-Ip}, {@code X-Original-Forwarded-For}. Applications and IP-based
 *       rate limits, allow lists and audit logs read them.</li>
 *   <li><b>Original URL and host</b> after a gateway rewrote them: IIS's {@code X-Original-URL}
 *       and {@code X-Rewrite-URL}, {@code X-Original-Host}. Frameworks that honour them route by
 *       them, past path-based rules.</li>
 *   <li><b>Authenticated user</b> set by an authenticating proxy: {@code X-Remote-User},
 *       Authelia's {@code Remote-User}, {@code Remote-Groups}, {@code Remote-Name} and
 *       {@code Remote-Email}, oauth2-proxy's {@code X-Auth-Request-*} and Grafana's
 *       {@code X-WEBAUTH-*}. The application takes them as a login.</li>
 *   <li><b>Envoy's trust flag</b> {@code X-Envoy-Internal}, which marks a request as coming from
 *       inside the mesh.</li>
 * </ul>
 */
final class ProxyHeaders {

    /** Folded names of the headers listed in the class description. */
    static final Set<String> NAMES = Set.of(
            // forwarding
            "forwarded", "x-forwarded", "forwarded-for", "x-original-forwarded-for",
            // client address
            "x-real-ip", "x-client-ip", "client-ip", "true-client-ip", "cf-connecting-ip", "fastly-client-ip",
            "x-cluster-client-ip", "x-proxyuser-ip", "x-originating-ip", "x-remote-ip", "x-remote-addr",
            "x-envoy-external-address", "x-azure-clientip", "x-azure-socketip", "cdn-src-ip",
            // original URL and host
            "x-original-url", "x-rewrite-url", "x-original-host",
            // authenticated user
            "x-remote-user", "remote-user", "remote-groups", "remote-name", "remote-email",
            // Envoy's trust flag
            "x-envoy-internal");

    /** Folded prefixes of the header families listed in the class description. */
    static final List<String> PREFIXES = List.of("x-forwarded-", "x-auth-request-", "x-webauth-");

    private ProxyHeaders() {
    }

    /** Whether a header of this folded name is one only a trusted proxy may send. */
    static boolean contains(String foldedName) {
        if (NAMES.contains(foldedName)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (foldedName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
