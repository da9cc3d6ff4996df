package dev.bulwark.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Conditions on a request, all of which must hold ({@code when:} in the configuration). An absent
 * condition holds for every request.
 *
 * <p>The path is matched against the path as the servlet container and Spring route it (see
 * {@link RoutingPath}): {@code /admin;x/y}, {@code /admin/x/../y} and {@code /admin/%79} are all
 * {@code /admin/y}. Conditions that relax protection (deny-rule exceptions, overrides that lower a
 * level or log only, the route that applies) use {@link #matches}, which takes the path as routed:
 * case-sensitive, a trailing slash counts. Conditions that add protection (custom rules, overrides
 * that raise a level) use {@link #matchesAnySpelling}, which also accepts other cases, a trailing
 * slash, and dots or spaces at the end of a segment, so that no spelling a lenient server might
 * route the same way escapes them. A request that meets a route's conditions only in another
 * spelling is refused with 400, since a route both adds requirements and relaxes others.
 *
 * @param path matched against the routed path; {@code null} for any path
 * @param methods upper-case methods; empty for any method
 * @param contentTypes matched against the media type without parameters, in lower case; empty for any
 * @param clientIps ranges the client address must lie in; empty for any address
 */
public record RequestCondition(
        StringMatcher path, Set<String> methods, List<StringMatcher> contentTypes, List<IpRange> clientIps) {

    private static final RequestCondition ALWAYS = new RequestCondition(null, Set.of(), List.of(), List.of());

    public RequestCondition {
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        contentTypes = List.copyOf(contentTypes);
        clientIps = List.copyOf(clientIps);
    }

    /** The condition that holds for every request. */
    public static RequestCondition always() {
        return ALWAYS;
    }

    /** Whether there is no condition at all. */
    public boolean isAlways() {
        return path == null && methods.isEmpty() && contentTypes.isEmpty() && clientIps.isEmpty();
    }

    /**
     * Evaluates the conditions with the path exactly as routed.
     *
     * @param normalizedPath the routed path ({@link RoutingPath#exact()})
     * @param method the request method
     * @param mediaType the lower-case media type, or {@code null} when there is none
     * @param clientAddress the resolved client address
     */
    public boolean matches(String normalizedPath, String method, String mediaType, String clientAddress) {
        if (path != null && !path.matches(normalizedPath)) {
            return false;
        }
        return matchesIgnoringPath(method, mediaType, clientAddress);
    }

    /**
     * Evaluates the conditions with the path in any of its spellings (see {@link RoutingPath}).
     *
     * @param routingPath the routed path
     * @param method the request method
     * @param mediaType the lower-case media type, or {@code null} when there is none
     * @param clientAddress the resolved client address
     */
    public boolean matchesAnySpelling(RoutingPath routingPath, String method, String mediaType, String clientAddress) {
        if (path != null && !routingPath.matchesAnySpelling(path)) {
            return false;
        }
        return matchesIgnoringPath(method, mediaType, clientAddress);
    }

    /**
     * Evaluates every condition but the path: for a caller that matches the path itself in more
     * than one spelling and should not evaluate the rest again for each.
     *
     * @param method the request method
     * @param mediaType the lower-case media type, or {@code null} when there is none
     * @param clientAddress the resolved client address
     */
    public boolean matchesIgnoringPath(String method, String mediaType, String clientAddress) {
        if (!methods.isEmpty() && !methods.contains(method)) {
            return false;
        }
        if (!contentTypes.isEmpty()) {
            boolean any = false;
            for (StringMatcher type : contentTypes) {
                if (type.matches(mediaType)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (!clientIps.isEmpty()) {
            for (IpRange range : clientIps) {
                if (range.contains(clientAddress)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
