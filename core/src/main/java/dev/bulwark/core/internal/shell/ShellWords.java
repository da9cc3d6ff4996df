package dev.bulwark.core.internal.shell;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.CommandTable;
/**
 * Classifies de-obfuscated words: what an argument looks like (option, system path, URL, host)
 * and glob matching of obfuscated names such as {@code /???/c?t}. Pure functions over character
 * ranges; no allocation.
 */
final class ShellWords {

    /** {@code -x}. */
    static final int OPTION = 1;
    /** {@code --name}. */
    static final int LONG_OPTION = 1 << 1;
    /** {@code /x}, {@code ./x}, {@code ~/x}. */
    static final int PATH = 1 << 2;
    /** A path under a system directory, e.g. {@code /etc/passwd}, {@code /var/log/x}. */
    static final int SYSTEM_PATH = 1 << 3;
    /** {@code /dev/tcp/host/port}: bash's network redirection, the reverse-shell idiom. */
    static final int DEV_TCP = 1 << 4;
    /** {@code scheme://}. */
    static final int URL = 1 << 5;
    /** An IPv4 address, a domain name or {@code user@host}. */
    static final int HOST = 1 << 6;
    /** A redirection. */
    static final int REDIRECT = 1 << 7;
    /** A command substitution. */
    static final int SUBSTITUTION = 1 << 8;
    /** {@code -c}, {@code -e} or {@code -r} of an interpreter or shell: code follows. */
    static final int CODE_OPTION = 1 << 9;
    /** A Windows drive or UNC path: {@code C:\x}, {@code \\host\share}. */
    static final int WINDOWS_PATH = 1 << 10;
    /** A Windows switch: {@code /c}, {@code /E}. */
    static final int SWITCH = 1 << 11;
    /** A word with a variable: {@code $x}, {@code %x%}. */
    static final int VARIABLE = 1 << 12;
    /** Any other argument. */
    static final int PLAIN = 1 << 13;

    private static final CommandTable SYSTEM_DIRECTORIES = new CommandTable(
            "etc bin sbin usr var tmp dev proc sys root boot lib lib64 opt home srv mnt run", 1);

    private static final String[] SENSITIVE_PATHS = {
        "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/hosts", "/etc/issue", "/etc/sudoers",
        "/etc/hostname", "/etc/crontab", "/proc/self/environ", "/proc/version", "/etc",
        "/bin/sh", "/bin/bash", "/bin/nc", "/bin/cat", "/usr/bin/id", "/usr/bin/whoami",
    };

    private ShellWords() {}

    /** Signals of an argument word in {@code c[from, to)}; for {@code key=value} also of the value. */
    static int argument(char[] c, int from, int to, boolean windows) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        int eq = assignment(c, from, to);
        if (eq > 0 && eq + 1 < to) {
            int value = argument(c, eq + 1, to, windows) & ~PLAIN;
            return value == 0 ? PLAIN : value;
        }
        char first = c[from];
        int signals = 0;
        if (first == '-' && n >= 2) {
            if (c[from + 1] == '-' && n >= 3 && Ascii.isLetter(c[from + 2])) {
                signals |= LONG_OPTION;
            } else if (Ascii.isLetter(c[from + 1]) && n <= 24) {
                signals |= OPTION;
            }
        } else if (first == '+' && n >= 2 && n <= 4 && Ascii.isLetter(c[from + 1])) {
            signals |= OPTION;
        }
        // Both needles start with a character that only matches itself: search from its first one.
        int slash = -1;
        int colon = -1;
        for (int i = from; i < to && (slash < 0 || colon < 0); i++) {
            if (c[i] == '/' && slash < 0) {
                slash = i;
            } else if (c[i] == ':' && colon < 0) {
                colon = i;
            }
        }
        if (slash >= 0 && socketPathAt(c, slash, to)) {
            signals |= DEV_TCP | PATH | SYSTEM_PATH;
        }
        if (colon >= 0 && indexOf(c, colon, to, "://") > 0) {
            signals |= URL;
        } else if (first == '/' && !windows) {
            signals |= path(c, from, to);
        } else if ((first == '.' || first == '~') && n >= 3 && (c[from + 1] == '/'
                || (c[from + 1] == '.' && c[from + 2] == '/'))) {
            signals |= PATH;
        } else if (isHost(c, from, to)) {
            signals |= HOST;
        }
        if (windows) {
            if (n >= 3 && Ascii.isLetter(first) && c[from + 1] == ':' && (c[from + 2] == '\\' || c[from + 2] == '/')) {
                signals |= WINDOWS_PATH;
            } else if (n == 2 && Ascii.isLetter(first) && c[from + 1] == ':') {
                // A drive on its own: "dir d:".
                signals |= WINDOWS_PATH;
            } else if (n >= 3 && first == '\\' && c[from + 1] == '\\') {
                signals |= WINDOWS_PATH;
            } else if (first == '/' && n >= 2 && n <= 16 && Ascii.isLetter(c[from + 1])) {
                signals |= SWITCH;
            }
        }
        return signals == 0 ? PLAIN : signals;
    }

    /** Bash's network paths, as a redirection's target or a command's argument: the reverse-shell idiom. */
    static final String[] SOCKET_PATHS = {"/dev/tcp/", "/dev/udp/"};

    /** Whether one of {@link #SOCKET_PATHS} stands in {@code c} from {@code from}, before {@code to}. */
    private static boolean socketPathAt(char[] c, int from, int to) {
        for (String path : SOCKET_PATHS) {
            if (indexOf(c, from, to, path) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The signals {@link #argument} gives a word for {@code /dev/tcp/} or {@code /dev/udp/}, which
     * are all a word adds to a command that is not known: {@code DEV_TCP | PATH | SYSTEM_PATH}
     * when it holds one, else 0.
     */
    static int devTcp(char[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (c[i] == '/') {
                return socketPathAt(c, i, to)
                        ? DEV_TCP | PATH | SYSTEM_PATH : 0;
            }
        }
        return 0;
    }

    private static int path(char[] c, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return PATH;
        }
        char second = c[from + 1];
        if (!(Ascii.isLetter(second) || second == '.' || second == '_' || second == '?' || second == '*'
                || second == '[' || Ascii.isDigit(second))) {
            return 0;
        }
        int segmentEnd = from + 1;
        while (segmentEnd < to && c[segmentEnd] != '/') {
            segmentEnd++;
        }
        int signals = PATH;
        boolean hasGlob = false;
        for (int i = from + 1; i < segmentEnd; i++) {
            if (c[i] == '?' || c[i] == '*' || c[i] == '[') {
                hasGlob = true;
                break;
            }
        }
        boolean system = hasGlob
                ? globMatchesAny(c, from + 1, segmentEnd, SYSTEM_DIRECTORIES)
                : SYSTEM_DIRECTORIES.get(c, from + 1, segmentEnd) != 0;
        if (system) {
            signals |= SYSTEM_PATH;
        }
        return signals;
    }

    /** Whether {@code c[from, to)} is an absolute path naming something below its top directory ({@code /tmp/x}). */
    static boolean isFileBelowDirectory(char[] c, int from, int to) {
        if (to - from < 4 || c[from] != '/') {
            return false;
        }
        for (int i = from + 2; i < to - 1; i++) {
            if (c[i] == '/') {
                return c[i + 1] != '/';
            }
        }
        return false;
    }

    /** Whether {@code c[from, to)} glob-matches a well-known sensitive file such as {@code /etc/passwd}. */
    static boolean isObfuscatedSensitivePath(char[] c, int from, int to) {
        if (to - from < 3 || c[from] != '/') {
            return false;
        }
        int literals = 0;
        boolean glob = false;
        for (int i = from; i < to; i++) {
            char x = c[i];
            if (x == '?' || x == '*' || x == '[') {
                glob = true;
            } else if (Ascii.isLetter(x)) {
                literals++;
            }
        }
        if (!glob || literals < 2) {
            return false;
        }
        for (String path : SENSITIVE_PATHS) {
            if (glob(c, from, to, path)) {
                return true;
            }
        }
        return false;
    }

    /** Number of letters outside bracket expressions: how much of a glob pattern is literal. */
    static int literalLetters(char[] b, int from, int to) {
        int n = 0;
        boolean inBracket = false;
        for (int i = from; i < to; i++) {
            char c = b[i];
            if (c == '[') {
                inBracket = true;
            } else if (c == ']') {
                inBracket = false;
            } else if (!inBracket && Ascii.isLetter(c)) {
                n++;
            }
        }
        return n;
    }

    private static boolean globMatchesAny(char[] c, int from, int to, CommandTable table) {
        String[] names = table.names();
        for (String name : names) {
            if (glob(c, from, to, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The flags of the strongest command in {@code table} that the glob pattern {@code c[from, to)}
     * matches, or 0. Used for command words such as {@code /???/??t} or {@code /bin/ca?}.
     */
    static int globCommand(char[] c, int from, int to, CommandTable table) {
        int best = 0;
        if (to - from > 24) {
            return 0;
        }
        for (int i = from; i < to; i++) {
            char x = c[i];
            if (!(Ascii.isLetter(x) || Ascii.isDigit(x) || x == '?' || x == '*' || x == '[' || x == ']' || x == '!'
                    || x == '-' || x == '_' || x == '^')) {
                return 0;
            }
        }
        String[] names = table.names();
        for (int slot = 0; slot < names.length; slot++) {
            String name = names[slot];
            int flags = table.flagsAt(slot);
            if ((flags & ShellCommands.STRENGTH) == 0 || !glob(c, from, to, name)) {
                continue;
            }
            if (rank(flags) > rank(best)) {
                best = flags;
            }
        }
        return best;
    }

    private static int rank(int flags) {
        if ((flags & ShellCommands.DISTINCT) != 0) {
            return 3;
        }
        if ((flags & ShellCommands.NAMED) != 0) {
            return 2;
        }
        return (flags & ShellCommands.WORD) != 0 ? 1 : 0;
    }

    /**
     * Shell glob match of pattern {@code p[from, to)} against {@code s}, case-insensitive:
     * {@code ?}, {@code *} and bracket expressions with ranges and negation. Greedy with one
     * backtrack point, so O(pattern x text) at worst; both are short.
     */
    static boolean glob(char[] p, int from, int to, String s) {
        int pi = from;
        int si = 0;
        int starP = -1;
        int starS = -1;
        int n = s.length();
        while (si < n) {
            if (pi < to) {
                char pc = p[pi];
                if (pc == '*') {
                    starP = ++pi;
                    starS = si;
                    continue;
                }
                if (pc == '?') {
                    pi++;
                    si++;
                    continue;
                }
                if (pc == '[') {
                    int close = bracketEnd(p, pi, to);
                    if (close > 0) {
                        if (bracketMatches(p, pi + 1, close, s.charAt(si))) {
                            pi = close + 1;
                            si++;
                            continue;
                        }
                    } else if (Ascii.lower(pc) == s.charAt(si)) {
                        pi++;
                        si++;
                        continue;
                    }
                } else if (Ascii.lower(pc) == s.charAt(si)) {
                    pi++;
                    si++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            pi = starP;
            si = ++starS;
        }
        while (pi < to && p[pi] == '*') {
            pi++;
        }
        return pi == to;
    }

    private static int bracketEnd(char[] p, int open, int to) {
        int i = open + 1;
        if (i < to && (p[i] == '!' || p[i] == '^')) {
            i++;
        }
        if (i < to && p[i] == ']') {
            i++;
        }
        while (i < to) {
            if (p[i] == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean bracketMatches(char[] p, int from, int close, char c) {
        boolean negate = false;
        int i = from;
        if (i < close && (p[i] == '!' || p[i] == '^')) {
            negate = true;
            i++;
        }
        boolean match = false;
        while (i < close) {
            char lo = Ascii.lower(p[i]);
            if (i + 2 < close && p[i + 1] == '-') {
                char hi = Ascii.lower(p[i + 2]);
                if (c >= lo && c <= hi) {
                    match = true;
                }
                i += 3;
            } else {
                if (lo == c) {
                    match = true;
                }
                i++;
            }
        }
        return match != negate;
    }

    /** IPv4 address, domain name with a letter TLD, or {@code user@host}. */
    static boolean isHost(char[] c, int from, int to) {
        int n = to - from;
        if (n < 4 || n > 100) {
            return false;
        }
        int dots = 0;
        int digitsOnly = 1;
        int lastDot = -1;
        for (int i = from; i < to; i++) {
            char x = c[i];
            if (x == '.') {
                if (i == from || i == to - 1 || c[i - 1] == '.') {
                    return false;
                }
                dots++;
                lastDot = i;
            } else if (x == '@') {
                if (i == from) {
                    return false;
                }
                digitsOnly = 0;
            } else if (x == ':' && i > from) {
                // host:port
                for (int j = i + 1; j < to; j++) {
                    if (!Ascii.isDigit(c[j])) {
                        return false;
                    }
                }
                to = i;
                break;
            } else if (Ascii.isDigit(x)) {
                continue;
            } else if (Ascii.isLetter(x) || x == '-' || x == '_') {
                digitsOnly = 0;
            } else {
                return false;
            }
        }
        if (dots == 0) {
            return false;
        }
        if (digitsOnly == 1) {
            return dots == 3;
        }
        // Letter TLD of two or more letters.
        int tld = 0;
        for (int i = lastDot + 1; i < to; i++) {
            if (!Ascii.isLetter(c[i])) {
                return false;
            }
            tld++;
        }
        return tld >= 2;
    }

    static int indexOf(char[] c, int from, int to, String needle) {
        int n = needle.length();
        outer:
        for (int i = from; i <= to - n; i++) {
            for (int j = 0; j < n; j++) {
                if (Ascii.lower(c[i + j]) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether the word has no upper-case ASCII letter. */
    static boolean isLowerCase(char[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c[from, to)} starts with {@code NAME=}; returns the index of '=' or -1. */
    static int assignment(char[] c, int from, int to) {
        if (from >= to || !(Ascii.isLetter(c[from]) || c[from] == '_')) {
            return -1;
        }
        for (int i = from + 1; i < to; i++) {
            char x = c[i];
            if (x == '=') {
                return i;
            }
            if (!(Ascii.isLetter(x) || Ascii.isDigit(x) || x == '_')) {
                return -1;
            }
        }
        return -1;
    }
}
