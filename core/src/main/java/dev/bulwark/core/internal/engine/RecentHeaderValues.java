package dev.bulwark.core.internal.engine;

import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.parse.HeaderLocations;
import java.util.Set;

/**
 * The last value of recent headers, by name, with what percent-decoding made of it: a client sends
 * the same user agent, token and accept headers request after request, and comparing a value costs
 * less than looking through it for escapes and control characters.
 *
 * <p>Bounded: {@value #SLOTS} values of at most {@value #MAX_VALUE} characters, each with its
 * decoding when that differs, 512 Ki characters (1 MiB) at most, one table per engine. Thread-safe
 * without locks: entries are immutable, so a thread sees a whole entry or another one, and a lost
 * write only costs decoding a value again.
 */
final class RecentHeaderValues {

    /** Slots, a power of two, in pairs by name: the headers of many clients. */
    private static final int SLOTS = 128;
    /** Longest value kept, in characters: a bearer token or a long user agent fits. */
    private static final int MAX_VALUE = 2048;

    private final PercentDecoder decoder;
    private final Entry[] entries = new Entry[SLOTS];

    RecentHeaderValues(PercentDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * The value of the header named {@code lower}, as {@link PercentDecoder#decodeValue} gives it;
     * from this table when the header last had this value.
     */
    RequestValue decode(String lower, String raw) {
        Location location = HeaderLocations.valueOf(lower);
        int h = lower.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 2);
        Entry first = entries[slot];
        if (first != null && first.is(lower, raw)) {
            return first.valueAt(location, raw);
        }
        Entry second = entries[slot + 1];
        if (second != null && second.is(lower, raw)) {
            return second.valueAt(location, raw);
        }
        RequestValue value = decoder.decodeValue(location, raw, false);
        if (raw.length() <= MAX_VALUE) {
            Entry recent = new Entry(lower, raw, value.decoded(), value.flags());
            if (second != null && second.name.equals(lower)) {
                // A header whose value changes on every request (a request id) keeps to its slot.
                entries[slot + 1] = recent;
            } else {
                if (first == null || !first.name.equals(lower)) {
                    entries[slot + 1] = first;
                }
                entries[slot] = recent;
            }
        }
        return value;
    }

    /** A header value and what decoding made of it, which depends on nothing but the value. */
    private static final class Entry {
        final String name;
        final String raw;
        final String decoded;
        final Set<DecodingFlag> flags;

        Entry(String name, String raw, String decoded, Set<DecodingFlag> flags) {
            this.name = name;
            this.raw = raw;
            // The request's own string when decoding changed nothing, so that no second copy is kept.
            this.decoded = decoded.equals(raw) ? null : decoded;
            this.flags = flags;
        }

        boolean is(String lowerCaseName, String value) {
            return raw.equals(value) && name.equals(lowerCaseName);
        }

        RequestValue valueAt(Location location, String value) {
            return new RequestValue(location, value, decoded == null ? value : decoded, flags);
        }
    }
}
