package dev.bulwark.core.internal.engine;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Incident ids: 16 characters of Crockford base32 (80 random bits), unguessable enough that a
 * client cannot correlate other clients' incidents, short enough to read out on a support call.
 */
public final class IncidentIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private IncidentIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        char[] id = new char[16];
        for (int i = 0; i < 12; i++) {
            id[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 12; i < 16; i++) {
            id[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(id);
    }
}
