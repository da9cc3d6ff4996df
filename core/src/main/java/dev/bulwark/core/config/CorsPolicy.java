package dev.bulwark.core.config;

import java.util.List;

/**
 * Policing of the CORS headers the application sends ({@code headers.response.cors:}). When
 * configured, an {@code Access-Control-Allow-Origin} the application sets must name one of
 * {@link #allowedOrigins()}; otherwise every {@code Access-Control-*} header is removed from the
 * response, so a reflected {@code Origin} or {@code null} cannot open the service to other sites.
 * {@code *} passes only when listed and never together with
 * {@code Access-Control-Allow-Credentials: true}.
 *
 * @param allowedOrigins serialised origins ({@code scheme://host[:port]}), or {@code *}
 */
public record CorsPolicy(List<String> allowedOrigins) {

    public CorsPolicy {
        allowedOrigins = allowedOrigins.stream().map(CorsPolicy::configured).toList();
    }

    /** Whether the application may send this {@code Access-Control-Allow-Origin} value. */
    public boolean allowsOrigin(String value, boolean credentials) {
        if (value == null) {
            return false;
        }
        String trimmed = value.trim();
        if (trimmed.equals("*")) {
            return !credentials && allowedOrigins.contains("*");
        }
        String origin = CsrfConfig.normalizeOrigin(trimmed);
        return origin != null && allowedOrigins.contains(origin);
    }

    private static String configured(String origin) {
        String text = origin.trim();
        if (text.equals("*")) {
            return text;
        }
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        String normalized = CsrfConfig.normalizeOrigin(text);
        if (normalized == null || text.equalsIgnoreCase("null")) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port] or *): '" + origin + "'");
        }
        return normalized;
    }
}
