package dev.bulwark.core.internal.deny;

import dev.bulwark.core.Component;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import java.util.Arrays;

/**
 * Values on which no detector reported anything, so that the same value in a later request is not
 * scanned again. Most header values repeat from request to request ({@code User-Agent},
 * {@code Accept}, {@code Accept-Language}, a client's bearer token and session cookie), and so do
 * the short values of queries and bodies (identifiers, enum values, codes, names, titles);
 * scanning them is most of the cost of a typical API request. Longer values of queries and bodies
 * (free text) seldom recur and are always scanned.
 *
 * <p>Safe because detectors are deterministic and see nothing but the value, its source, component
 * and name: a value that was clean once is clean every time, whatever the configuration (levels,
 * overrides and exceptions are applied to what detectors report, and a clean value reports
 * nothing). Only clean values are kept, so an attacker can do no more than evict entries, which
 * costs a rescan.
 *
 * <p>A value is admitted on its second sighting: the first only sets its bit in a small filter of
 * recently seen values. Values that never recur (request ids, trace headers, one-off tokens) thus
 * do not push out the ones that do. The filter is cleared after every {@link #FILTER_PERIOD}
 * first sightings so that it never fills up.
 *
 * <p>Bounded: a fixed number of slots, each holding one value of at most {@link #MAX_LENGTH}
 * characters ({@link #MAX_OTHER_LENGTH} outside headers and cookies). A value may sit in any of
 * the {@value #WAYS} slots of its set, so that the values of one request that hash to the same set
 * do not evict each other on every request; an admitted value takes the first slot of its set and
 * moves the others one slot on, dropping the oldest one not in recent use. A value is in recent use
 * from when it is kept or found until the marks are next cleared (with the filter, or after
 * {@value #TURNED_AWAY_PER_SLOT} newcomers a slot were turned away); while every value of a set is,
 * a newcomer is turned away. A request with more recurring values than there are slots (a JSON
 * array of many records) thus keeps as many of them as fit, instead of each pushing out another
 * before it recurs and none ever being found.
 *
 * <p>Before the hash is worked out, a value is compared with the last value found or kept clean
 * at its location ({@link #isLastAt}): a client sends the same header values, cookies and
 * parameters request after request, and that comparison costs less than hashing the value. A
 * table of {@value #LAST_SLOTS} slots, by location, holds those entries; an entry dropped from
 * the cache's slots is dropped from that table too, so that the table keeps no value alive beyond
 * the cache (a racing thread can leave one behind, so at most {@value #LAST_SLOTS} values more).
 * A hit replaces a location's entry only when it is empty or not in recent use: a hit writes
 * nothing to memory that the request threads share, as long as the entry it finds there is.
 *
 * <p>Thread-safe without locks: slots hold entries whose value fields are final, so a reader sees
 * either a complete entry or another one; the entries' recent-use marks, the filter's bits and its
 * counter are hints, and a lost update only costs a rescan or keeps a value a while longer.
 */
final class CleanValueCache {

    /** Longest header or cookie value kept, in characters: a bearer token or a long user agent fits. */
    static final int MAX_LENGTH = 2048;
    /**
     * Longest value kept from the path, query or body, in characters: identifiers, codes and names
     * fit, free text does not.
     */
    static final int MAX_OTHER_LENGTH = 64;
    /**
     * Longest name of a kept value's location, in characters: header, cookie and parameter names
     * and the JSON pointers of ordinary documents fit; a deep pointer is not kept.
     */
    static final int MAX_NAME_LENGTH = 256;
    /**
     * Slots a value may take: with 1,024 slots in sets of four, a request of 60 values puts five of
     * them in one set about once in 800 requests of that shape; with pairs, three in one pair
     * about once in eight; with one slot per value, two in one slot more often than not.
     */
    static final int WAYS = 4;
    /** Longest value hashed whole, in characters; see {@link #textHash}. */
    static final int FULLY_HASHED = 128;
    /** Characters hashed at each end of a longer value. */
    static final int HASHED_END = 16;
    /** Characters hashed between the ends of a longer value, at most. */
    static final int HASHED_SPREAD = 32;
    /**
     * Newcomers turned away, per slot, after which the recent-use marks are cleared: often enough
     * that values which stopped recurring make room, seldom enough that a request with more
     * recurring values than slots finds most of the ones kept.
     */
    static final int TURNED_AWAY_PER_SLOT = 8;
    /** Bits of the filter of values seen once. */
    private static final int FILTER_BITS = 1 << 14;
    /** First sightings after which the filter is cleared: half its bits. */
    static final int FILTER_PERIOD = FILTER_BITS / 2;

    /** Slots of the table of the last clean value by location, a power of two. */
    static final int LAST_SLOTS = 256;

    private final Entry[] slots;
    private final int mask;
    /** The entry last found or kept at a location, by {@link #locationSlot}. */
    private final Entry[] lastByLocation = new Entry[LAST_SLOTS];
    private final long[] seenOnce = new long[FILTER_BITS / 64];
    private int firstSightings;
    /** Newcomers turned away since the recent-use marks were last cleared. */
    private int turnedAway;

    /** @param capacity number of slots, a power of two, at least {@value #WAYS} */
    CleanValueCache(int capacity) {
        if (capacity < WAYS || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two of at least " + WAYS + ", was " + capacity);
        }
        this.slots = new Entry[capacity];
        this.mask = capacity - 1;
    }

    /**
     * Whether values at {@code location} like {@code text} are kept: not too long for their source,
     * at a name of at most {@value #MAX_NAME_LENGTH} characters (an entry keeps its name too).
     */
    static boolean accepts(Location location, String text) {
        Source source = location.source();
        return text.length() <= (source == Source.HEADER || source == Source.COOKIE ? MAX_LENGTH : MAX_OTHER_LENGTH)
                && location.name().length() <= MAX_NAME_LENGTH;
    }

    /**
     * Whether {@code text} is the value last found or kept clean at {@code location}: a probe
     * without hashing the value, to ask before {@link #isClean}. A value it does not find may
     * still be clean.
     */
    boolean isLastAt(Location location, String text) {
        Entry entry = lastByLocation[locationSlot(location.name(), location.source(), location.component())];
        if (entry != null && entry.matches(location, text)) {
            markUsed(entry);
            return true;
        }
        return false;
    }

    /**
     * Whether {@code text} at {@code location} was found clean before.
     *
     * @param hash {@link #hash} of the two, computed once per value for this and {@link #markClean}
     */
    boolean isClean(int hash, Location location, String text) {
        int first = hash & mask & -WAYS;
        for (int i = first; i < first + WAYS; i++) {
            Entry entry = slots[i];
            if (holds(entry, hash, location, text)) {
                markUsed(entry);
                rememberIfStale(location, entry);
                return true;
            }
        }
        return false;
    }

    private static void markUsed(Entry entry) {
        if (!entry.recentlyUsed) {
            // Written when it changes, not on every hit, so that threads sharing the cache do not
            // keep taking each other's cache lines.
            entry.recentlyUsed = true;
        }
    }

    /**
     * Makes {@code entry}, found by its hash, the last one at its location when that slot is empty
     * or its entry is not in recent use. A slot in use is left alone, so that hits on values that
     * alternate at one location (several clients' tokens) do not write the shared table each time.
     */
    private void rememberIfStale(Location location, Entry entry) {
        int slot = locationSlot(location.name(), location.source(), location.component());
        Entry last = lastByLocation[slot];
        if (last == null || (last != entry && !last.recentlyUsed)) {
            lastByLocation[slot] = entry;
        }
    }

    /**
     * The slot of a location in the table of last values: by its name's hash, which a name
     * string computes once and keeps (see {@link #hash}), its source and its component.
     */
    private static int locationSlot(String name, Source source, Component component) {
        int h = name.hashCode() * 31 + source.ordinal() * 3 + component.ordinal();
        return (h ^ (h >>> 16)) & (LAST_SLOTS - 1);
    }

    private static boolean holds(Entry entry, int hash, Location location, String text) {
        return entry != null && entry.hash == hash && entry.matches(location, text);
    }

    /**
     * Records that no detector reported anything on {@code text} at {@code location}: keeps it if
     * it was seen recently, else remembers that it was seen.
     *
     * @param hash {@link #hash} of the two
     */
    void markClean(int hash, Location location, String text) {
        int bit = (hash >>> 7) & (FILTER_BITS - 1);
        long word = seenOnce[bit >>> 6];
        if ((word & (1L << bit)) == 0) {
            seenOnce[bit >>> 6] = word | (1L << bit);
            if (++firstSightings >= FILTER_PERIOD) {
                firstSightings = 0;
                Arrays.fill(seenOnce, 0L);
                forgetRecentUse();
            }
            return;
        }
        int first = hash & mask & -WAYS;
        int victim = first + WAYS - 1;
        while (victim >= first && slots[victim] != null && slots[victim].recentlyUsed) {
            victim--;
        }
        if (victim < first) {
            if (++turnedAway >= TURNED_AWAY_PER_SLOT * slots.length) {
                turnedAway = 0;
                forgetRecentUse();
            }
            return;
        }
        forgetLast(slots[victim]);
        System.arraycopy(slots, first, slots, first + 1, victim - first);
        Entry entry = new Entry(hash, location.source(), location.component(), location.name(), text);
        slots[first] = entry;
        lastByLocation[locationSlot(entry.name, entry.source, entry.component)] = entry;
    }

    /** Drops {@code dropped}, an entry leaving the slots, from the table of last values if it is there. */
    private void forgetLast(Entry dropped) {
        if (dropped == null) {
            return;
        }
        int slot = locationSlot(dropped.name, dropped.source, dropped.component);
        if (lastByLocation[slot] == dropped) {
            lastByLocation[slot] = null;
        }
    }

    /**
     * Clears every recent-use mark: values that do not recur after this may give way to newcomers.
     * The table of last values is emptied too, so that no entry a racing thread left there (and
     * which its hits keep marked) outlives the slots for long.
     */
    void forgetRecentUse() {
        for (Entry entry : slots) {
            if (entry != null && entry.recentlyUsed) {
                entry.recentlyUsed = false;
            }
        }
        Arrays.fill(lastByLocation, null);
    }

    /**
     * Where {@code text} at {@code location} is kept. The name's own hash is used: names are shared
     * (header names are constants, a JSON member's name and value have one pointer), so a string
     * computes it once and keeps it.
     */
    static int hash(Location location, String text) {
        int h = textHash(text) * 31 + location.name().hashCode();
        h = h * 31 + location.source().ordinal() * 3 + location.component().ordinal();
        return h ^ (h >>> 16);
    }

    /**
     * The hash of a value: of all of it up to {@value #FULLY_HASHED} characters, and beyond that of
     * its length, its first and last {@value #HASHED_END} characters and {@value #HASHED_SPREAD}
     * more spread evenly between them. The values of a request are new strings each time, so their
     * hashes are computed afresh, and a bearer token or a user agent read whole on every request
     * costs more than looking it up. Only where a value is kept depends on the hash: whether it is
     * the value kept is decided by comparing the whole text, so values that share a hash only
     * share slots.
     */
    static int textHash(String text) {
        int length = text.length();
        if (length <= FULLY_HASHED) {
            return fullHash(text, length);
        }
        int h = length;
        for (int i = 0; i < HASHED_END; i++) {
            h = 31 * h + text.charAt(i);
        }
        for (int i = length - HASHED_END; i < length; i++) {
            h = 31 * h + text.charAt(i);
        }
        int step = (length - 2 * HASHED_END) / HASHED_SPREAD + 1;
        for (int i = HASHED_END; i < length - HASHED_END; i += step) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    /**
     * A hash of all of {@code text} in four interleaved lanes, so that the processor works on four
     * characters at a time rather than waiting on each multiplication as {@link String#hashCode}
     * does (whose result a new string has not cached yet either).
     */
    private static int fullHash(String text, int length) {
        int h0 = length;
        int h1 = 0;
        int h2 = 0;
        int h3 = 0;
        int i = 0;
        for (int end = length - 3; i < end; i += 4) {
            h0 = 31 * h0 + text.charAt(i);
            h1 = 31 * h1 + text.charAt(i + 1);
            h2 = 31 * h2 + text.charAt(i + 2);
            h3 = 31 * h3 + text.charAt(i + 3);
        }
        for (; i < length; i++) {
            h0 = 31 * h0 + text.charAt(i);
        }
        return ((h0 * 31 + h1) * 31 + h2) * 31 + h3;
    }

    private static final class Entry {
        final int hash;
        final Source source;
        final Component component;
        final String name;
        final String text;
        /** Kept or found since the marks were last cleared ({@link #forgetRecentUse}). */
        boolean recentlyUsed = true;

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
