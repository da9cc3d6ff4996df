package dev.bulwark.core.internal.rules;

/**
 * One pass over the identifiers of a value for the script-language detectors: which words of a
 * table occur, and each name with a double underscore (Python dunders, Django lookups,
 * {@code __js_function}) handed on to be judged. Each reading of a value is passed over once, with
 * {@link #WORDS}, for every family ({@link ScriptReading}).
 */
public final class ScriptWords {

    /** The flag of {@link #TRIGGERS}. */
    public static final int TRIGGER = 1;

    /**
     * Identifiers that make a value worth a token-level scan in any script language. The gate is
     * shared: each language's token scan runs on the same values, whichever language's word opened it.
     */
    public static final Lexicon TRIGGERS = Lexicon.of(TRIGGER, "process", "require", "module", "global",
            "globalThis", "console", "function", "eval", "execScript", "setTimeout", "setInterval",
            "setImmediate", "Function", "__import__", "while", "for", "qx", "open", "send", "child_process",
            "instance_eval", "class_eval", "module_eval", "instance_exec", "class_exec", "public_send", "__send__",
            "os", "subprocess", "commands", "pty", "posix", "nt", "builtins", "__builtins__", "__builtin__",
            "importlib", "pickle", "cPickle", "marshal", "shutil", "sys", "platform", "socket", "code", "runpy",
            "ctypes", "Kernel", "IO", "Open3", "PTY", "ObjectSpace", "ERB", "YAML", "Psych", "Shell");

    /** The flag of {@code constructor} in {@link #WORDS}. */
    public static final int CONSTRUCTOR = 2;
    /** The flag of {@code __proto__} in {@link #WORDS}. */
    public static final int PROTO = 4;
    /** The flag of {@code Object} in {@link #WORDS}. */
    public static final int OBJECT = 8;

    /**
     * The table of the word pass every family shares ({@link ScriptReading#words}): the
     * {@link #TRIGGERS}, and the words that open a prototype check ({@code constructor},
     * {@code __proto__}, {@code Object}).
     */
    public static final Lexicon WORDS = Lexicon.builder()
            .add(TRIGGER, TRIGGERS.words().toArray(String[]::new))
            .add(CONSTRUCTOR, "constructor")
            .add(PROTO, "__proto__")
            .add(OBJECT, "Object")
            .build();

    /** Judges a name with a double underscore after its first character, {@code s[from, to)}. */
    @FunctionalInterface
    public interface UnderscoreNames {
        void judge(String s, int from, int to);
    }

    private ScriptWords() {
    }

    /** Whether an identifier of {@code s} is one of {@link #TRIGGERS}. */
    public static boolean hasTrigger(String s) {
        return (scan(s, TRIGGERS, (text, from, to) -> { }) & TRIGGER) != 0;
    }

    /**
     * Walks the identifiers of {@code s} once, in linear time: returns the union of their flags in
     * {@code words}, and hands each longer than four characters that holds {@code __} to {@code names}.
     */
    public static int scan(String s, Lexicon words, UnderscoreNames names) {
        int n = s.length();
        int found = 0;
        int i = 0;
        while (i < n) {
            char first = s.charAt(i);
            if (!Ascii.isIdentPart(first)) {
                i++;
                continue;
            }
            // A run of identifier characters, whole: an identifier when it opens with a start, else
            // digits and what is glued to them, where no identifier starts.
            int j = i + 1;
            boolean doubleUnderscore = false;
            char previous = first;
            while (j < n) {
                char c = s.charAt(j);
                if (!Ascii.isIdentPart(c)) {
                    break;
                }
                doubleUnderscore |= c == '_' && previous == '_';
                previous = c;
                j++;
            }
            if (Ascii.isIdentStart(first)) {
                found |= words.flags(s, i, j);
                if (doubleUnderscore && j - i > 4) {
                    names.judge(s, i, j);
                }
            }
            i = j;
        }
        return found;
    }
}
