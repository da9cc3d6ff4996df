package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;
import dev.bulwark.core.Source;

/**
 * The plain names of recent query parameters, form fields, cookies and headers, each with its two
 * locations, so that a name seen before is neither decoded again nor given new locations. A
 * client sends the same names request after request ({@code page}, {@code session}, the fields of
 * a form), and a reused name also keeps its string hash: whatever hashes or compares the names of
 * a request's values (the clean-value cache of the deny rules, the check for repeated parameters)
 * finds it computed, and the same string where it kept one.
 *
 * <p>Only a plain name is kept: one without {@code %}, {@code +} or control characters, which
 * percent-decoding returns as it is with no flags, whatever the decoder's passes. So a name found
 * here decodes to itself, and nothing depends on the configuration.
 *
 * <p>Bounded: {@value #SLOTS} slots, each holding one name of at most {@value #MAX_LENGTH}
 * characters (at most 128 KiB of text in all), in a {@link PairTable}: many names sent once only
 * cost what decoding them costs anyway.
 */
final class PlainNames {

    /** Slots of the table, a power of two. */
    static final int SLOTS = 1024;
    /** Longest name kept, in characters. */
    static final int MAX_LENGTH = 64;

    private static final PairTable<Entry> TABLE = new PairTable<>(SLOTS);

    private PlainNames() {
    }

    /**
     * The entry of {@code raw} as a name at {@code source}; {@code null} when it is not kept. Takes
     * the string's own hash, which the shared header names compute once.
     */
    static Entry find(Source source, String raw) {
        if (raw.length() > MAX_LENGTH) {
            return null;
        }
        return probe(source, raw.hashCode() * 31 + source.ordinal(), raw, 0, raw.length());
    }

    /**
     * The entry of the name {@code text[from, to)} at {@code source}; {@code null} when it is not
     * kept. Read in place: a parser that finds the name here takes the entry's string for it and
     * cuts no string of its own out of the query or the {@code Cookie} field.
     */
    static Entry find(Source source, String text, int from, int to) {
        int length = to - from;
        if (length > MAX_LENGTH) {
            return null;
        }
        // String.hashCode of the name, so that the entry of a name kept from a whole string is found.
        int nameHash = 0;
        for (int i = from; i < to; i++) {
            nameHash = 31 * nameHash + text.charAt(i);
        }
        return probe(source, nameHash * 31 + source.ordinal(), text, from, length);
    }

    /** The entry of {@code text[from, from + length)} at {@code source} in the pair of slots of {@code hash}. */
    private static Entry probe(Source source, int hash, String text, int from, int length) {
        int slot = TABLE.slot(hash);
        Entry found = TABLE.at(slot);
        if (found != null && found.is(source, text, from, length, hash)) {
            return found;
        }
        found = TABLE.at(slot ^ 1);
        return found != null && found.is(source, text, from, length, hash) ? found : null;
    }

    /**
     * Keeps {@code name}, which decoding gave back as it was with no flags, and returns its entry;
     * {@code null} when it is not a plain name or too long.
     */
    static Entry keep(Source source, String name) {
        if (name.length() > MAX_LENGTH || !isPlain(name)) {
            return null;
        }
        int hash = name.hashCode() * 31 + source.ordinal();
        return TABLE.keep(TABLE.slot(hash), new Entry(source, name, hash));
    }

    private static boolean isPlain(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' || c == '+' || c < 0x20) {
                return false;
            }
        }
        return true;
    }

    /** One name with its locations. */
    static final class Entry {
        private final Source source;
        private final int hash;
        /** The name, as sent and as decoded. */
        final String name;
        final Location nameLocation;
        final Location valueLocation;

        private Entry(Source source, String name, int hash) {
            this.source = source;
            this.name = name;
            this.hash = hash;
            this.nameLocation = Location.name(source, name);
            this.valueLocation = Location.value(source, name);
        }

        /** Whether this is the name {@code text[from, from + length)}; a whole string that is the name answers on identity. */
        private boolean is(Source otherSource, String text, int from, int length, int otherHash) {
            return hash == otherHash && source == otherSource && name.length() == length
                    && (text == name || text.startsWith(name, from));
        }
    }
}
