package dev.bulwark.core;

import dev.bulwark.core.config.ResponseHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the configured response headers ({@code headers.response:}) do to a response, as plain
 * answers about header names and values, so that every adapter polices responses the same way and
 * only applies the answers:
 * <ul>
 *   <li>headers on the remove list are dropped whenever the application sets them, and removed once
 *       more before the response is committed ({@link #removes}, {@link #removals()});</li>
 *   <li>security headers are added before commit, each only when the response lacks it,
 *       {@code Strict-Transport-Security} only on HTTPS ({@link #securityHeaders});</li>
 *   <li>with CORS policing, {@code Access-Control-*} headers are held back until commit
 *       ({@link #holdsBack}) and written only when the {@code Access-Control-Allow-Origin} they come
 *       with is allowed ({@link #releasesHeldCors}).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class ResponseHeaderPolicy {

    private static final String CORS_PREFIX = "access-control-";

    private final ResponseHeaders config;
    /** The removed names, compared without regard to case and without lower-casing each name asked about. */
    private final Set<String> removed;
    /** The security headers to add over HTTPS, and over plain HTTP (without {@code Strict-Transport-Security}). */
    private final List<SecurityHeader> secureAdditions;
    private final List<SecurityHeader> plainAdditions;

    public ResponseHeaderPolicy(ResponseHeaders config) {
        this.config = config;
        Set<String> removed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        removed.addAll(config.remove());
        this.removed = Collections.unmodifiableSet(removed);
        List<SecurityHeader> secure = new ArrayList<>();
        List<SecurityHeader> plain = new ArrayList<>();
        config.securityHeaders().forEach((name, value) -> {
            secure.add(new SecurityHeader(name, value));
            if (!name.equalsIgnoreCase(ResponseHeaders.STRICT_TRANSPORT_SECURITY)) {
                plain.add(new SecurityHeader(name, value));
            }
        });
        this.secureAdditions = List.copyOf(secure);
        this.plainAdditions = List.copyOf(plain);
    }

    /**
     * A security header added before commit.
     *
     * @param name the header name as configured
     * @param value its value
     */
    public record SecurityHeader(String name, String value) {

        public SecurityHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Whether the policy changes responses at all; when not, an adapter need not watch them. */
    public boolean changesResponses() {
        return config.changesResponses();
    }

    /** Whether a header of this name is dropped when the application sets it. */
    public boolean removes(String name) {
        return name != null && !removed.isEmpty() && removed.contains(name);
    }

    /** The names of headers to remove before the response is committed. */
    public Set<String> removals() {
        return config.remove();
    }

    /** Whether a header of this name is held back until commit, for CORS policing. */
    public boolean holdsBack(String name) {
        return config.cors() != null && name.regionMatches(true, 0, CORS_PREFIX, 0, CORS_PREFIX.length());
    }

    /**
     * The security headers an adapter adds before commit, in configured order, each only when the
     * response lacks a header of its name: worked out once per scheme, so a response costs a loop
     * over a list without a callback per header.
     *
     * @param secure whether the client spoke HTTPS ({@code Strict-Transport-Security} is listed only then)
     */
    public List<SecurityHeader> securityHeaders(boolean secure) {
        return secure ? secureAdditions : plainAdditions;
    }

    /**
     * Whether the held-back CORS headers are written: yes when they name no origin, or exactly one
     * that the configured CORS policy allows (with credentials when any
     * {@code Access-Control-Allow-Credentials} value is {@code true}).
     *
     * @param allowOrigins the held {@code Access-Control-Allow-Origin} values
     * @param allowCredentials the held {@code Access-Control-Allow-Credentials} values
     */
    public boolean releasesHeldCors(List<String> allowOrigins, List<String> allowCredentials) {
        if (allowOrigins.isEmpty()) {
            return true;
        }
        boolean credentials = allowCredentials.stream().anyMatch(value -> value.trim().equalsIgnoreCase("true"));
        return allowOrigins.size() == 1 && config.cors().allowsOrigin(allowOrigins.get(0), credentials);
    }
}
