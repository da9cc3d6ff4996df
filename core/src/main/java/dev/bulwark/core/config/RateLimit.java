package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.util.List;
import java.util.Objects;

/**
 * One rate limit ({@code rate-limits.limits[]}, globally or on a route): requests that meet
 * {@code when} are counted per {@code key} against every bandwidth; one over a bandwidth is refused
 * with 429, or only logged in {@code log-only} mode.
 *
 * @param name the limit's name: in the security log and the {@code RateLimit-Policy} header, unique
 *     among the limits of one section; letters, digits, '-', '_' and '.'
 * @param key what requests are counted by
 * @param bandwidths at least one
 * @param when the requests it counts; {@link RequestCondition#always()} for all
 * @param mode block or log only; {@code null} to follow the route's or the global mode
 */
public record RateLimit(String name, RateLimitKey key, List<Bandwidth> bandwidths, RequestCondition when, Mode mode) {

    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        bandwidths = List.copyOf(bandwidths);
        when = when == null ? RequestCondition.always() : when;
        if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'
                || c == '.'))) {
            throw new IllegalArgumentException("a limit's name needs letters, digits, '-', '_' or '.', was '" + name + "'");
        }
        if (bandwidths.isEmpty()) {
            throw new IllegalArgumentException("limit '" + name + "' needs at least one bandwidth");
        }
    }
}
