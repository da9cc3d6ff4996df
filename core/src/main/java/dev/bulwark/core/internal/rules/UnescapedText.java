package dev.bulwark.core.internal.rules;

/**
 * A value after {@link Unescaper}, with a map from each of its characters back to the offset in
 * the value the detector was given, so that evidence is reported where it is in the original.
 */
public final class UnescapedText {

    public final String text;
    private final int[] origin;

    public UnescapedText(String text, int[] origin) {
        this.text = text;
        this.origin = origin;
    }

    /** Whether decoding changed anything. */
    public boolean changed() {
        return origin != null;
    }

    /** The offset in the original value of the decoded character at {@code index}. */
    public int originOf(int index) {
        if (origin == null) {
            return index;
        }
        if (origin.length == 0) {
            return 0;
        }
        return origin[Math.max(0, Math.min(index, origin.length - 1))];
    }
}
