package dev.bulwark.core;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One inspectable piece of a request after parsing and decoding, with where it came from.
 *
 * @param location where the value sits in the request
 * @param raw the value as it appeared in the request (for parameters: still percent-encoded)
 * @param decoded the value after all decoding, the form that rules inspect
 * @param flags what decoding found, see {@link DecodingFlag}
 */
public record RequestValue(Location location, String raw, String decoded, Set<DecodingFlag> flags) {

    public RequestValue {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(decoded, "decoded");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
    }

    /** A value that needed no decoding. */
    public static RequestValue plain(Location location, String value) {
        return new RequestValue(location, value, value, Set.of());
    }

    public boolean hasFlag(DecodingFlag flag) {
        return flags.contains(flag);
    }

    /** The flags as a mutable copy. */
    public EnumSet<DecodingFlag> flagSet() {
        return flags.isEmpty() ? EnumSet.noneOf(DecodingFlag.class) : EnumSet.copyOf(flags);
    }
}
