package dev.bulwark.core.internal.rules;

/**
 * The {@code name=value} pairs of {@code application/x-www-form-urlencoded} text (a query string,
 * a form body, the query of a URL in a header), one after another, as offsets into the text: the
 * one splitting that the request parser and the detectors that read a URL's query both follow.
 *
 * <p>Pairs are separated by {@code &} only (not {@code ;}); empty pairs are skipped; the first
 * {@code =} of a pair splits name from value, and a pair without one is all name. The next
 * {@code =} is looked for only once the cursor has passed the last one found, so that pairs
 * without one do not each search the rest of the text: linear in all. Nothing is decoded.
 */
public final class FormPairs {

    private final String text;
    private final int limit;
    private int next;
    private int nextEquals;
    private int start;
    private int equals;
    private int end;

    /** The pairs of {@code text[from, to)}. */
    public FormPairs(String text, int from, int to) {
        this.text = text;
        this.limit = to;
        this.next = from;
        this.nextEquals = text.indexOf('=', from);
    }

    /** The pairs of all of {@code text}. */
    public FormPairs(String text) {
        this(text, 0, text.length());
    }

    /** Moves to the next pair that is not empty; {@code false} when there is none. */
    public boolean next() {
        while (next <= limit) {
            int to = text.indexOf('&', next);
            if (to < 0 || to > limit) {
                to = limit;
            }
            int from = next;
            next = to + 1;
            if (to > from) {
                if (nextEquals >= 0 && nextEquals < from) {
                    nextEquals = text.indexOf('=', from);
                }
                start = from;
                end = to;
                equals = nextEquals >= 0 && nextEquals < to ? nextEquals : -1;
                return true;
            }
        }
        return false;
    }

    /** Where the current pair starts. */
    public int start() {
        return start;
    }

    /** Where the current pair ends (exclusive). */
    public int end() {
        return end;
    }

    /** Whether the current pair has an {@code =}. */
    public boolean hasValue() {
        return equals >= 0;
    }

    /** Where the name of the current pair ends: at its {@code =}, or at its end. */
    public int nameEnd() {
        return equals >= 0 ? equals : end;
    }

    /** Where the value of the current pair starts: after its {@code =}, or at its end. */
    public int valueStart() {
        return equals >= 0 ? equals + 1 : end;
    }
}
