package dev.bulwark.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Response headers ({@code headers.response:}), applied by the adapters to every response, block
 * responses included.
 *
 * <p><b>Security headers</b> are added unless the application set a header of that name itself.
 * By default:
 * <pre>
 * Strict-Transport-Security: max-age=31536000; includeSubDomains   (HTTPS requests only)
 * X-Content-Type-Options: nosniff
 * X-Frame-Options: DENY
 * Referrer-Policy: same-origin
 * Permissions-Policy: accelerometer=(), camera=(), ...
 * </pre>
 * and {@code Content-Security-Policy} only when configured. {@code Referrer-Policy} is
 * {@code same-origin} rather than {@code no-referrer}: pages then leak nothing to other origins,
 * while browsers still send the page's {@code Origin} on the service's own form posts, which the
 * CSRF check relies on ({@code no-referrer} makes them send {@code Origin: null}).
 *
 * <p><b>Removed headers</b> ({@code Server} and {@code X-Powered-By} by default) are dropped
 * whoever sets them, as far as the servlet API reaches: a container's own {@code Server} header is
 * a connector setting (Jetty: {@code HttpConfiguration.setSendServerVersion(false)}).
 *
 * @param securityHeaders header name to value, in order; empty when {@code security-headers: false}
 * @param remove lower-case names of headers removed from every response
 * @param cors policing of the application's CORS headers; {@code null} for none
 */
public record ResponseHeaders(Map<String, String> securityHeaders, Set<String> remove, CorsPolicy cors) {

    public static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";
    public static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    public static final String X_FRAME_OPTIONS = "X-Frame-Options";
    public static final String REFERRER_POLICY = "Referrer-Policy";
    public static final String PERMISSIONS_POLICY = "Permissions-Policy";
    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    /** The security headers added by default, in order. */
    public static final Map<String, String> DEFAULT_SECURITY_HEADERS = defaultSecurityHeaders();

    /** The headers removed by default. */
    public static final Set<String> DEFAULT_REMOVE = Set.of("server", "x-powered-by");

    private static final Set<String> NOT_REMOVABLE = Set.of("content-length", "transfer-encoding", "connection");
    private static final ResponseHeaders DEFAULTS = new ResponseHeaders(DEFAULT_SECURITY_HEADERS, DEFAULT_REMOVE, null);

    public ResponseHeaders {
        Map<String, String> headers = new LinkedHashMap<>();
        securityHeaders.forEach((name, value) -> {
            if (!ClientIpConfig.isHeaderName(name)) {
                throw new IllegalArgumentException("invalid header name '" + name + "'");
            }
            if (value == null || value.isBlank() || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("invalid value for " + name + ": empty or holds a line break");
            }
            headers.put(name, value.trim());
        });
        securityHeaders = Collections.unmodifiableMap(headers);
        for (String name : remove) {
            if (!ClientIpConfig.isHeaderName(name.trim())) {
                throw new IllegalArgumentException("invalid header name '" + name + "'");
            }
            if (NOT_REMOVABLE.contains(name.trim().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + name + "' cannot be removed: it frames the response");
            }
        }
        Set<String> lower = new LinkedHashSet<>();
        for (String name : remove) {
            lower.add(name.trim().toLowerCase(Locale.ROOT));
        }
        remove = Collections.unmodifiableSet(lower);
    }

    /** The default security headers, {@code Server} and {@code X-Powered-By} removed, no CORS policing. */
    public static ResponseHeaders defaults() {
        return DEFAULTS;
    }

    /** Whether the adapters have anything to do to responses. */
    public boolean changesResponses() {
        return !securityHeaders.isEmpty() || !remove.isEmpty() || cors != null;
    }

    /** Whether a header of this name is removed from responses. */
    public boolean removes(String name) {
        return name != null && remove.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> defaultSecurityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
        headers.put(X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.put(X_FRAME_OPTIONS, "DENY");
        headers.put(REFERRER_POLICY, "same-origin");
        headers.put(PERMISSIONS_POLICY, "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
                + "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), xr-spatial-tracking=()");
        return Collections.unmodifiableMap(headers);
    }
}
