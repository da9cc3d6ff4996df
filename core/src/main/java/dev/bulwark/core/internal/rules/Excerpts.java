package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Location;
import dev.bulwark.core.Masking;
import dev.bulwark.core.SecurityEvent;

/**
 * Short, log-safe excerpts of offending values. Values of secret-looking items (passwords, tokens,
 * keys, authorization headers, cookies) are masked: a security log must not become a store of
 * credentials.
 */
public final class Excerpts {

    /** Longest excerpt in characters, before escaping. */
    public static final int MAX_LENGTH = 64;

    private Excerpts() {
    }

    /**
     * An excerpt of {@code text} around {@code offset}, control characters escaped as in
     * {@link SecurityEvent#clean}, masked when the
     * location names a secret.
     */
    public static String of(Location location, String text, int offset, int length) {
        if (isSecret(location)) {
            return Masking.MASK;
        }
        int start = Math.max(0, Math.min(offset, text.length()));
        int end = Math.min(text.length(), start + Math.max(length, 0));
        if (end - start > MAX_LENGTH) {
            end = start + MAX_LENGTH;
        }
        if (end == start) {
            end = Math.min(text.length(), start + MAX_LENGTH);
        }
        return escape(text, start, end);
    }

    /** Whether values at this location are treated as secrets in logs (see {@link Masking#isSecretLocation}). */
    public static boolean isSecret(Location location) {
        return Masking.isSecretLocation(location);
    }

    /** The cut, escaped as the security log escapes everything it writes, ellipses marking cuts. */
    private static String escape(String text, int start, int end) {
        String cleaned = SecurityEvent.clean(text.substring(start, end), end - start);
        return (start > 0 ? "…" : "") + cleaned + (end < text.length() ? "…" : "");
    }
}
