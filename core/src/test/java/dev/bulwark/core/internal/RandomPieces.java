package dev.bulwark.core.internal;

import java.util.Random;

/**
 * Random values for the differential tests that hold a shortcut to the reading it replaces: a few
 * pieces, each chosen from the test's own list of the characters and words that matter to it.
 */
public final class RandomPieces {

    private RandomPieces() {
    }

    /** One to {@code maxPieces} of {@code pieces}, chosen with repetition and joined. */
    public static String join(Random random, String[] pieces, int maxPieces) {
        StringBuilder value = new StringBuilder();
        int count = 1 + random.nextInt(maxPieces);
        for (int p = 0; p < count; p++) {
            value.append(pieces[random.nextInt(pieces.length)]);
        }
        return value.toString();
    }
}
