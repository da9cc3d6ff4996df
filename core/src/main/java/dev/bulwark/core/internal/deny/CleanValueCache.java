package dev.bulwark.core.internal.deny;

import dev.bulwark.core.Component;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;

/**
 * Header and cookie values on which no detector reported anything, so that the same value in a
 * later request is not scanned again. Most header values repeat from request to request
 * ({@code User-Agent}, {@code Accept}, {@code Accept-Language}, a client's bearer token and
 * session cookie) and scanning them is a large share of the cost of a small request.
 *
 * <p>Safe because detectors are deterministic and see nothing but the value, its source, component
 * and name: a value that was clean once is clean every time, whatever the configuration (levels,
 * overrides and exceptions are applied to what detectors report, and a clean value reports
 * nothing). Only clean values are kept, so an attacker can do no more than evict entries, which
 * costs a rescan.
 *
 * <p>Bounded: a fixed number of slots, each holding one value of at most {@link #MAX_LENGTH}
 * characters; a new value replaces whatever sits in its slot. Thread-safe without locks: slots hold
 * immutable entries whose fields are final, so a reader sees either a complete entry or another
 * one, and a lost update only costs a rescan.
 */
final class CleanValueCache {

    /** Longest value kept; a bearer token or a long user agent fits. */
    static final int MAX_LENGTH = 2048;

    private final Entry[] slots;
    private final int mask;

    /** @param capacity number of slots, a power of two */
    CleanValueCache(int capacity) {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, was " + capacity);
        }
        this.slots = new Entry[capacity];
        this.mask = capacity - 1;
    }

    /** Whether values at {@code location} like {@code text} are kept: headers and cookies, not too long. */
    static boolean accepts(Location location, String text) {
        Source source = location.source();
        return (source == Source.HEADER || source == Source.COOKIE) && text.length() <= MAX_LENGTH;
    }

    /** Whether {@code text} at {@code location} was found clean before. */
    boolean isClean(Location location, String text) {
        int hash = hash(location, text);
        Entry entry = slots[hash & mask];
        return entry != null && entry.hash == hash && entry.matches(location, text);
    }

    /** Records that no detector reported anything on {@code text} at {@code location}. */
    void markClean(Location location, String text) {
        int hash = hash(location, text);
        slots[hash & mask] = new Entry(hash, location.source(), location.component(), location.name(), text);
    }

    private static int hash(Location location, String text) {
        int h = text.hashCode() * 31 + location.name().hashCode();
        h = h * 31 + location.source().ordinal() * 3 + location.component().ordinal();
        return h ^ (h >>> 16);
    }

    private static final class Entry {
        final int hash;
        final Source source;
        final Component component;
        final String name;
        final String text;

        Entry(int hash, Source source, Component component, String name, String text) {
            this.hash = hash;
            this.source = source;
            this.component = component;
            this.name = name;
            this.text = text;
        }

        boolean matches(Location location, String value) {
            return source == location.source() && component == location.component() && text.equals(value)
                    && name.equals(location.name());
        }
    }
}
