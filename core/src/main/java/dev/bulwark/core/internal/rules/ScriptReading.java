package dev.bulwark.core.internal.rules;

import java.util.Arrays;

/**
 * One reading of a value for the script-language detectors ({@link ScriptPasses}): its text, its
 * {@link ScriptFeatures}, whether it is a name, and the one pass over its identifiers that every
 * family shares ({@link ScriptWords#WORDS}, and the names with a double underscore in the order
 * they occur), made when a family first asks for it.
 */
public final class ScriptReading {

    private static final int[] NO_NAMES = {};

    private final String text;
    private final int features;
    private final boolean isName;
    private boolean wordsRead;
    private int words;
    // [from, to) of each name with a double underscore, two entries per name.
    private int[] underscoreNames = NO_NAMES;
    private int underscoreNameCount;

    /** A reading of {@code text}, whose {@link ScriptFeatures} are {@code features}. */
    public ScriptReading(String text, int features, boolean isName) {
        this.text = text;
        this.features = features;
        this.isName = isName;
    }

    public String text() {
        return text;
    }

    /** The {@link ScriptFeatures} bits of {@link #text()}. */
    public int features() {
        return features;
    }

    /** Whether the reading is of a name (parameter or key); a base64-decoded reading never is. */
    public boolean isName() {
        return isName;
    }

    /** The union of the {@link ScriptWords#WORDS} flags of the identifiers of the text. */
    public int words() {
        readWords();
        return words;
    }

    /**
     * How many identifiers of the text are longer than four characters and hold {@code __}
     * (Python dunders, Django lookups, {@code __js_function}); each is
     * {@code [underscoreNameStart(k), underscoreNameEnd(k))}, in the order they occur.
     */
    public int underscoreNames() {
        readWords();
        return underscoreNameCount;
    }

    public int underscoreNameStart(int k) {
        return underscoreNames[2 * k];
    }

    public int underscoreNameEnd(int k) {
        return underscoreNames[2 * k + 1];
    }

    private void readWords() {
        if (!wordsRead) {
            wordsRead = true;
            words = ScriptWords.scan(text, ScriptWords.WORDS, this::addUnderscoreName);
        }
    }

    private void addUnderscoreName(String s, int from, int to) {
        if (2 * underscoreNameCount + 2 > underscoreNames.length) {
            underscoreNames = Arrays.copyOf(underscoreNames, Math.max(8, underscoreNames.length * 2));
        }
        underscoreNames[2 * underscoreNameCount] = from;
        underscoreNames[2 * underscoreNameCount + 1] = to;
        underscoreNameCount++;
    }
}
