package dev.bulwark.core.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The request methods the service answers ({@code allowed-methods:}); any other method is refused
 * with 405 before any other policy runs. Methods are compared as sent, case-sensitively (RFC 9110,
 * section 9.1): {@code get} is not {@code GET}.
 *
 * <p>The default is the standard methods a web service uses, {@code GET}, {@code HEAD},
 * {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} and {@code OPTIONS} (the list Spring
 * Security's {@code StrictHttpFirewall} allows). {@code TRACE} and {@code TRACK} (which echo the
 * request, cookies included, and served cross-site tracing), {@code CONNECT} (which asks a proxy
 * for a tunnel) and extension methods such as WebDAV's are refused unless listed.
 * {@link #any()} ({@code allowed-methods: any}) turns the check off. The method checked is the
 * request method, or the one a {@code POST} asks for when {@code method-override: allow} (see
 * {@link MethodOverridePolicy}).
 *
 * @param allowsAny whether every method is allowed
 * @param methods the allowed methods, in the order given; empty when {@code allowsAny}
 */
public record AllowedMethods(boolean allowsAny, Set<String> methods) {

    /** The methods allowed by default. */
    public static final List<String> STANDARD = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static final AllowedMethods DEFAULTS = new AllowedMethods(false, new LinkedHashSet<>(STANDARD));
    private static final AllowedMethods ANY = new AllowedMethods(true, Set.of());

    public AllowedMethods {
        methods = Collections.unmodifiableSet(new LinkedHashSet<>(methods));
        if (allowsAny && !methods.isEmpty()) {
            throw new IllegalArgumentException("either any method or a list of methods");
        }
        if (!allowsAny && methods.isEmpty()) {
            throw new IllegalArgumentException("at least one method must be allowed");
        }
        for (String method : methods) {
            if (!HttpTokens.isToken(method, 32)) {
                throw new IllegalArgumentException("invalid method '" + method + "'");
            }
        }
    }

    /** The standard methods (see the class description). */
    public static AllowedMethods standard() {
        return DEFAULTS;
    }

    /** Every method: the check is off. */
    public static AllowedMethods any() {
        return ANY;
    }

    /** Exactly these methods, as written (methods are case-sensitive). */
    public static AllowedMethods of(String... methods) {
        return new AllowedMethods(false, new LinkedHashSet<>(List.of(methods)));
    }

    /** Whether a request with this method may pass. */
    public boolean allows(String method) {
        return allowsAny || methods.contains(method);
    }

    /** The value of an {@code Allow} header listing the allowed methods. */
    public String allowHeader() {
        return String.join(", ", methods);
    }
}
