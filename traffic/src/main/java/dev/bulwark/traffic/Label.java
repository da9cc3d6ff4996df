package dev.bulwark.traffic;

import java.util.Locale;

/** What a corpus asserts about a request. */
public enum Label {
    /** Should be blocked; scored as a true positive when it is. */
    ATTACK,
    /** Must pass; scored as a false positive when blocked. */
    BENIGN,
    /** Asserted by its source only for one specific peer rule; reported, never scored. */
    NEUTRAL;

    /** The spelling used in the corpus files: {@code attack}, {@code benign}, {@code neutral}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the corpus spelling; {@code null} when it is none of them. */
    public static Label fromJson(String text) {
        for (Label label : values()) {
            if (label.jsonName().equals(text)) {
                return label;
            }
        }
        return null;
    }
}
