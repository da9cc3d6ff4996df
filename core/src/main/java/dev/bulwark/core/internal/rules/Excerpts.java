package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Location;
import dev.bulwark.core.Masking;
import java.util.Locale;

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
     * An excerpt of {@code text} around {@code offset}, control characters escaped, masked when the
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

    private static String escape(String text, int start, int end) {
        StringBuilder out = new StringBuilder(end - start + 8);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (start > 0) {
            out.insert(0, '…');
        }
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
    }
}
