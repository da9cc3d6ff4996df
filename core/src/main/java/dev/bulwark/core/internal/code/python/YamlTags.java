package dev.bulwark.core.internal.code.python;

import dev.bulwark.core.internal.rules.Ascii;

/** YAML tags that instantiate objects on load (PyYAML, Psych, SnakeYAML). */
final class YamlTags {

    private YamlTags() {
    }

    /** Where the first object tag in {@code s} starts ({@code !!python/}, {@code !ruby/}, {@code !!java.}), or -1. */
    static int indexOfObjectTag(String s) {
        int tag = s.indexOf("!!python/");
        if (tag < 0) {
            tag = s.indexOf("!ruby/");
        }
        if (tag < 0) {
            tag = javaTag(s);
        }
        return tag;
    }

    /** SnakeYAML global tags naming a JDK or gadget-library class ({@code !!javax.script.X}). */
    private static int javaTag(String s) {
        for (int i = s.indexOf("!!"); i >= 0; i = s.indexOf("!!", i + 2)) {
            if (Ascii.matchesAt(s, i + 2, "java.") || Ascii.matchesAt(s, i + 2, "javax.")
                    || Ascii.matchesAt(s, i + 2, "com.sun.") || Ascii.matchesAt(s, i + 2, "org.")
                    || Ascii.matchesAt(s, i + 2, "com.")) {
                return i;
            }
        }
        return -1;
    }
}
