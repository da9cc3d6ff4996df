package dev.bulwark.core;

import dev.bulwark.core.internal.rules.Ascii;
import java.util.Locale;

/**
 * Folds header names to lower case, handing out one shared string for the names clients commonly
 * send ({@code User-Agent} becomes the constant {@code "user-agent"}). Every request repeats those
 * names, and a string made per request costs its allocation and, each time a check hashes the
 * name, its hash; a shared one computes its hash once.
 *
 * <p>A name is taken as a known one only when it is that name with ASCII letters in either case,
 * which is exactly when {@link String#toLowerCase(Locale) toLowerCase(Locale.ROOT)} would give it;
 * any other name is folded by that method. The lookup reads the name's length and its first and
 * last characters, then compares the one candidate: constant work per name beyond the comparison.
 */
final class HeaderNameFolding {

    /** Request header names common enough to share, in lower case. */
    private static final String[] KNOWN = {
        "accept", "accept-charset", "accept-encoding", "accept-language", "authorization", "cache-control",
        "connection", "content-encoding", "content-length", "content-type", "cookie", "date", "dnt", "expect",
        "forwarded", "host", "if-match", "if-modified-since", "if-none-match", "keep-alive", "origin", "pragma",
        "priority", "range", "referer", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "sec-fetch-dest",
        "sec-fetch-mode", "sec-fetch-site", "sec-fetch-user", "te", "traceparent", "tracestate",
        "transfer-encoding", "upgrade", "upgrade-insecure-requests", "user-agent", "via", "x-api-key",
        "x-correlation-id", "x-csrf-token", "x-forwarded-for", "x-forwarded-host", "x-forwarded-port",
        "x-forwarded-proto", "x-http-method-override", "x-real-ip", "x-request-id", "x-requested-with",
    };
    /** Slots of the table: a power of two over four times the names, so that probes stay short. */
    private static final int SLOTS = 256;
    private static final String[] TABLE = table();

    private HeaderNameFolding() {
    }

    /** {@code name} in lower case ({@link Locale#ROOT}); a shared string for a known name. */
    static String lowerCase(String name) {
        int length = name.length();
        if (length > 0) {
            int slot = slot(length, name.charAt(0), name.charAt(length - 1));
            for (String known; (known = TABLE[slot]) != null; slot = (slot + 1) & (SLOTS - 1)) {
                // Checks pass the names they look up as lower-case literals, the very strings of
                // the table: equals answers those on identity, before a comparison ignoring case.
                if (known.equals(name) || Ascii.rangeEquals(name, 0, length, known)) {
                    return known;
                }
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static int slot(int length, char first, char last) {
        return (length * 961 + Ascii.lower(first) * 31 + Ascii.lower(last)) & (SLOTS - 1);
    }

    private static String[] table() {
        String[] table = new String[SLOTS];
        for (String name : KNOWN) {
            int slot = slot(name.length(), name.charAt(0), name.charAt(name.length() - 1));
            while (table[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            table[slot] = name;
        }
        return table;
    }
}
