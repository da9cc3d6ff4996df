package dev.bulwark.core.internal.rules;

import java.util.Locale;

/**
 * Immutable case-insensitive map from ASCII command names to an {@code int} of flags, looked up
 * straight from a character range so that scanning allocates nothing.
 *
 * <p>Open addressing with linear probing; built once from data tables.
 */
public final class CommandTable {

    private final String[] keys;
    private final int[] values;
    private final int mask;
    /**
     * Per pair of lower-case ASCII first and last characters (hashed into {@link #endsSlot}), a bit
     * per length (up to 40) that some name with those ends has.
     */
    private final long[] lengthsByEnds = new long[1024];

    /** Builds a table from {@code "name flags"} pairs: each name gets the flags it is listed with. */
    public CommandTable(Object... namesAndFlags) {
        int count = 0;
        for (Object o : namesAndFlags) {
            if (o instanceof String s) {
                count += s.split(" ").length;
            }
        }
        int size = Integer.highestOneBit(Math.max(16, count * 3)) << 1;
        keys = new String[size];
        values = new int[size];
        mask = size - 1;
        for (int i = 0; i < namesAndFlags.length; i += 2) {
            String names = (String) namesAndFlags[i];
            int flags = (Integer) namesAndFlags[i + 1];
            for (String name : names.trim().split("\\s+")) {
                put(name.toLowerCase(Locale.ROOT), flags);
            }
        }
        compact();
    }

    private void put(String key, int flags) {
        int slot = hash(key, 0, key.length()) & mask;
        while (keys[slot] != null && !keys[slot].equals(key)) {
            slot = (slot + 1) & mask;
        }
        values[slot] |= flags;
        keys[slot] = key;
        if (!key.isEmpty() && key.charAt(0) < 128 && key.charAt(key.length() - 1) < 128 && key.length() <= 40) {
            lengthsByEnds[endsSlot(key.charAt(0), key.charAt(key.length() - 1))] |= 1L << key.length();
        }
    }

    /**
     * Whether no name of {@code length} characters starts with {@code first} and ends with
     * {@code last}, both ASCII: most ranges are rejected here, without hashing the whole range.
     */
    private boolean absent(char first, char last, int length) {
        return first < 128 && last < 128
                && (lengthsByEnds[endsSlot(Ascii.lower(first), Ascii.lower(last))] & (1L << length)) == 0;
    }

    private int endsSlot(char first, char last) {
        return (first * 31 + last) & (lengthsByEnds.length - 1);
    }

    /** The flags of the name in {@code chars[from, to)} compared case-insensitively, or 0. */
    public int get(char[] chars, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 40 || absent(chars[from], chars[to - 1], len)) {
            return 0;
        }
        int slot = hash(chars, from, to) & mask;
        String key;
        while ((key = keys[slot]) != null) {
            if (key.length() == len && equalsIgnoreCase(key, chars, from)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    /** The flags of the name in {@code s[from, to)} compared case-insensitively, or 0. */
    public int get(String s, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 40 || absent(s.charAt(from), s.charAt(to - 1), len)) {
            return 0;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + Ascii.lower(s.charAt(i));
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String key;
        while ((key = keys[slot]) != null) {
            if (key.length() == len && key.regionMatches(0, s, from, len)) {
                return values[slot];
            }
            if (key.length() == len && equalsIgnoreCase(key, s, from)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    /** The flags of {@code name}, or 0. */
    public int get(String name) {
        return get(name, 0, name.length());
    }

    /** Every name, in no particular order, for glob matching. */
    public String[] names() {
        return names;
    }

    /** The flags of {@code names()[i]}. */
    public int flagsAt(int i) {
        return flags[i];
    }

    private String[] names;
    private int[] flags;

    private void compact() {
        int n = 0;
        for (String k : keys) {
            if (k != null) {
                n++;
            }
        }
        names = new String[n];
        flags = new int[n];
        int i = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                names[i] = keys[slot];
                flags[i++] = values[slot];
            }
        }
    }

    private static boolean equalsIgnoreCase(String key, String s, int from) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != Ascii.lower(s.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCase(String key, char[] chars, int from) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != Ascii.lower(chars[from + i])) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] chars, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + Ascii.lower(chars[i]);
        }
        return h ^ (h >>> 16);
    }

    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 16);
    }
}
