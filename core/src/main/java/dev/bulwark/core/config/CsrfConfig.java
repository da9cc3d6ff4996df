package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.util.List;
import java.util.Locale;

/**
 * Cross-site request forgery protection for services that browsers authenticate by themselves
 * (cookies, HTTP authentication): {@code csrf:}. Off by default.
 *
 * <p>A request with an unsafe method (anything but {@code GET}, {@code HEAD}, {@code OPTIONS} and
 * {@code TRACE}) passes when the browser says it came from the service's own origin
 * ({@code Sec-Fetch-Site: same-origin}, or {@code none} for a request the user started), or when
 * its {@code Origin} (when absent, the origin of its {@code Referer}) is the service's own origin
 * or one of {@link #allowedOrigins()}. Everything else is refused with 403: a foreign origin,
 * {@code Origin: null} (sandboxed frames, {@code data:} documents, redirects across origins),
 * more than one {@code Origin}, or neither header at all.
 *
 * <p>The service's own origin is {@link #serviceOrigins()} when given. Otherwise it is taken from
 * the request: {@code https} when the request came over TLS (or a trusted proxy says so in
 * {@code X-Forwarded-Proto}), and the {@code Host} (or a trusted proxy's {@code X-Forwarded-Host}).
 * {@code Host} is chosen by the client, but a browser always sends the real one, and a browser is
 * the only client a forgery can use. Behind a proxy that rewrites {@code Host}, configure
 * {@code service-origins}.
 *
 * @param enabled whether the check runs (routes may switch it on or off); default {@code false}
 * @param allowedOrigins other origins whose pages may send unsafe requests, serialised as
 *     {@code scheme://host[:port]}; {@code https://*.example.com} allows every subdomain
 * @param serviceOrigins the service's own origins; empty to derive them from each request
 * @param ambientCredentialsOnly whether only requests carrying credentials a browser adds by
 *     itself (a {@code Cookie}, or {@code Authorization} with Basic, Digest, Negotiate or NTLM) are
 *     checked; default {@code true}. Set {@code false} when the service trusts clients by their
 *     TLS certificate or network location, which browsers also present by themselves
 * @param mode block or log only; {@code null} to follow the global (or route) mode
 */
public record CsrfConfig(boolean enabled, List<String> allowedOrigins, List<String> serviceOrigins,
        boolean ambientCredentialsOnly, Mode mode) {

    private static final CsrfConfig DISABLED = new CsrfConfig(false, List.of(), List.of(), true, null);

    public CsrfConfig {
        allowedOrigins = allowedOrigins.stream().map(o -> configured(o, true)).toList();
        serviceOrigins = serviceOrigins.stream().map(o -> configured(o, false)).toList();
    }

    /** No CSRF check. */
    public static CsrfConfig disabled() {
        return DISABLED;
    }

    /** The check on, with these origins allowed besides the service's own. */
    public static CsrfConfig enabled(List<String> allowedOrigins) {
        return new CsrfConfig(true, allowedOrigins, List.of(), true, null);
    }

    /** Whether a serialised origin (see {@link #normalizeOrigin}) is one of {@link #allowedOrigins()}. */
    public boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        for (String allowed : allowedOrigins) {
            if (allowed.equals(origin) || matchesWildcard(allowed, origin)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesWildcard(String pattern, String origin) {
        int star = pattern.indexOf("://*.");
        if (star < 0) {
            return false;
        }
        String prefix = pattern.substring(0, star + 3);
        String rest = pattern.substring(star + 4);
        if (!origin.startsWith(prefix)) {
            return false;
        }
        String host = origin.substring(prefix.length());
        int colon = rest.lastIndexOf(':');
        String suffixHost = colon >= 0 ? rest.substring(0, colon) : rest;
        String port = colon >= 0 ? rest.substring(colon) : "";
        String originPort = "";
        int originColon = host.lastIndexOf(':');
        if (originColon >= 0 && !host.endsWith("]")) {
            originPort = host.substring(originColon);
            host = host.substring(0, originColon);
        }
        return port.equals(originPort) && host.endsWith(suffixHost) && host.length() > suffixHost.length();
    }

    private static String configured(String origin, boolean wildcard) {
        String text = origin.trim();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.equals("*") || text.equalsIgnoreCase("null")) {
            throw new IllegalArgumentException("'" + origin + "' is not an origin; list the origins to allow");
        }
        if (wildcard && text.contains("://*.")) {
            String normalized = normalizeOrigin(text.replace("://*.", "://wildcard."));
            if (normalized == null) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port]): '" + origin + "'");
            }
            return normalized.replace("://wildcard.", "://*.");
        }
        String normalized = normalizeOrigin(text);
        if (normalized == null) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port]): '" + origin + "'");
        }
        return normalized;
    }

    /**
     * The serialised form of an origin (RFC 6454): scheme and host in lower case, the port only
     * when it is not the scheme's default. {@code null} when the text is not exactly an origin (a
     * path, user info, query, fragment, white space inside, an invalid port, or {@code null}).
     */
    public static String normalizeOrigin(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        if (value.isEmpty() || value.length() > 512) {
            return null;
        }
        int separator = value.indexOf("://");
        if (separator <= 0) {
            return null;
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!isScheme(scheme)) {
            return null;
        }
        String authority = value.substring(separator + 3);
        if (authority.isEmpty()) {
            return null;
        }
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    return null;
                }
                port = after.substring(1);
            }
            for (int i = 1; i < host.length() - 1; i++) {
                char c = host.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return null;
                }
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty()) {
                return null;
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_';
                if (!allowed) {
                    return null;
                }
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        if (port != null) {
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int number = Integer.parseInt(port);
            if (number > 65535) {
                return null;
            }
            port = Integer.toString(number);
            if (port.equals(defaultPort(scheme))) {
                port = null;
            }
        }
        return scheme + "://" + host + (port == null ? "" : ":" + port);
    }

    private static boolean isScheme(String scheme) {
        if (scheme.isEmpty() || scheme.length() > 32 || scheme.charAt(0) < 'a' || scheme.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> "80";
            case "https", "wss" -> "443";
            default -> "";
        };
    }
}
