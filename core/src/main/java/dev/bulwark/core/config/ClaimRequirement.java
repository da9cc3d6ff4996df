package dev.bulwark.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A condition on one claim of a verified token. A string claim must satisfy the matcher; an array
 * claim must contain a matching element.
 *
 * @param claim the claim name, e.g. {@code role}
 * @param oneOf accepted values (any one); empty when a matcher is used
 * @param matcher a matcher (exact, prefix, regex...) instead of a list; {@code null} when oneOf is used
 */
public record ClaimRequirement(String claim, List<String> oneOf, StringMatcher matcher) {

    public ClaimRequirement {
        Objects.requireNonNull(claim, "claim");
        oneOf = List.copyOf(oneOf);
        if (oneOf.isEmpty() == (matcher == null)) {
            throw new IllegalArgumentException("claim " + claim + " needs either one-of values or a matcher");
        }
    }

    /** Whether a single claim value is accepted. */
    public boolean accepts(String value) {
        return matcher != null ? matcher.matches(value) : oneOf.contains(value);
    }
}
