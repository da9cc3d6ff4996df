package dev.bulwark.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * What a rate limit counts by ({@code key:} of a limit): {@code client-address} (as {@code client-ip}
 * resolves it), {@code claim:NAME} (a claim of the verified token; {@code claim} alone is
 * {@code claim:sub}), {@code header:NAME}, {@code cookie:NAME}, or {@code route} (one count for
 * every request the limit covers).
 *
 * @param kind what is counted
 * @param name the claim, header or cookie name; empty for the other kinds. Header names are
 *     lower case, since they are compared without regard to case
 */
public record RateLimitKey(Kind kind, String name) {

    /** What a limit counts by. */
    public enum Kind { CLIENT_ADDRESS, CLAIM, HEADER, COOKIE, ROUTE }

    public RateLimitKey {
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
        boolean named = kind == Kind.CLAIM || kind == Kind.HEADER || kind == Kind.COOKIE;
        if (named == name.isEmpty()) {
            throw new IllegalArgumentException(named ? "a " + kind.name().toLowerCase(Locale.ROOT) + " key needs a name"
                    : "a " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " key takes no name");
        }
        if (kind == Kind.HEADER) {
            name = name.toLowerCase(Locale.ROOT);
        }
    }

    /** The client address, the default. */
    public static RateLimitKey clientAddress() {
        return new RateLimitKey(Kind.CLIENT_ADDRESS, "");
    }

    /**
     * A key as written in the configuration.
     *
     * @throws IllegalArgumentException when it is none of the forms above
     */
    public static RateLimitKey parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String kind = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
        String name = colon < 0 ? "" : trimmed.substring(colon + 1).trim();
        return switch (kind) {
            case "client-address" -> new RateLimitKey(Kind.CLIENT_ADDRESS, name);
            case "route" -> new RateLimitKey(Kind.ROUTE, name);
            case "claim" -> new RateLimitKey(Kind.CLAIM, name.isEmpty() ? "sub" : name);
            case "header" -> new RateLimitKey(Kind.HEADER, name);
            case "cookie" -> new RateLimitKey(Kind.COOKIE, name);
            default -> throw new IllegalArgumentException("unknown key '" + trimmed
                    + "' (expected client-address, claim:NAME, header:NAME, cookie:NAME or route)");
        };
    }

    @Override
    public String toString() {
        String kindName = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return name.isEmpty() ? kindName : kindName + ":" + name;
    }
}
