package dev.bulwark.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Conditions on a request, all of which must hold ({@code when:} in the configuration). An absent
 * condition holds for every request.
 *
 * @param path matched against the decoded, normalised path; {@code null} for any path
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
     * Evaluates the conditions.
     *
     * @param normalizedPath the decoded, normalised path
     * @param method the request method
     * @param mediaType the lower-case media type, or {@code null} when there is none
     * @param clientAddress the resolved client address
     */
    public boolean matches(String normalizedPath, String method, String mediaType, String clientAddress) {
        if (path != null && !path.matches(normalizedPath)) {
            return false;
        }
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
