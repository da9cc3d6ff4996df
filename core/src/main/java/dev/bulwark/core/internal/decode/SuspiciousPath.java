package dev.bulwark.core.internal.decode;

import java.util.Locale;

/**
 * The path sequences that the Servlet 6.0 specification (section 3.5.2) tells a container to
 * reject with 400, because servers, proxies and frameworks resolve them differently: a filter that
 * reads such a path one way may protect a different resource than the one the application serves.
 * Bulwark rejects them too (fail closed), whatever the container in front would have done.
 */
public enum SuspiciousPath {
    /** {@code %2F} in a segment: a slash to some servers, a character of the name to others. */
    ENCODED_SLASH,
    /** A backslash, encoded or not: a separator on Windows and to some containers. */
    BACKSLASH,
    /** A control character (U+0000 to U+001F, U+007F), encoded or not. */
    CONTROL_CHARACTER,
    /** A {@code .} or {@code ..} segment with path parameters, such as {@code ..;x}. */
    DOT_SEGMENT_WITH_PARAMETERS,
    /** A {@code .} or {@code ..} segment spelled with percent-escapes, such as {@code %2e%2e}. */
    ENCODED_DOT_SEGMENT,
    /** {@code ..} after an empty segment ({@code //..}): whether it removes the empty segment differs. */
    DOT_DOT_AFTER_EMPTY_SEGMENT,
    /** {@code ..} that would climb above the root. */
    ABOVE_ROOT;

    /** The rule id of the finding, e.g. {@code PATH-ENCODED-SLASH}. */
    public String ruleId() {
        return "PATH-" + name().replace('_', '-');
    }

    /** A short description for the security log. */
    public String description() {
        return "suspicious path: " + name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
