package dev.bulwark.core.internal.code.python;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.Base64Text;
import dev.bulwark.core.internal.rules.Lexicon;

/** Reads Python pickles, as text or as one base64 token, for an import of a module that runs commands. */
final class Pickles {

    /** Modules a pickle's GLOBAL opcode can import to run commands. */
    private static final Lexicon PICKLE_MODULES = Lexicon.of("os", "posix", "nt", "subprocess", "builtins",
            "__builtin__", "commands", "pty", "socket", "sys", "platform", "webbrowser", "shutil", "runpy",
            "code", "ctypes", "importlib", "eval", "exec");

    private Pickles() {
    }

    /**
     * Whether {@code s} is one base64 token (at least 12 characters, starting as the base64 of a
     * pickle's protocol header or of a GLOBAL opcode) that decodes to a pickle importing a command module.
     */
    static boolean isEncodedCommandPickle(String s) {
        if (!s.startsWith("gA") && !s.startsWith("Y2") && !s.startsWith("KG")) {
            return false;
        }
        char[] bytes = Base64Text.decodeWholeValue(s, 12);
        return bytes != null && bytes.length >= 4 && importsCommandModule(new String(bytes));
    }

    /**
     * A pickle GLOBAL opcode ({@code c<module>\n<name>\n}, then a MARK or memo opcode) or a
     * protocol 4 STACK_GLOBAL with short strings, importing from a module that runs commands.
     */
    static boolean importsCommandModule(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 'c' && (i == 0 || text.charAt(i - 1) < 0x20 || text.charAt(i - 1) == '(' || text.charAt(i - 1) >= 0x80)) {
                int nl = i + 1;
                while (nl < n && nl - i < 24 && text.charAt(nl) != '\n') {
                    nl++;
                }
                if (nl < n && text.charAt(nl) == '\n' && PICKLE_MODULES.contains(text, i + 1, nl)
                        && globalNameFollows(text, nl + 1)) {
                    return true;
                }
            } else if (c == '\u008c' && i + 1 < n) {
                int len = text.charAt(i + 1);
                if (i + 2 + len <= n && PICKLE_MODULES.contains(text, i + 2, i + 2 + len)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** After a GLOBAL's module line: an identifier line, then MARK {@code (} or a memo opcode. */
    private static boolean globalNameFollows(String text, int from) {
        int j = from;
        while (j < text.length() && j - from < 32 && (Ascii.isIdentPart(text.charAt(j)) || text.charAt(j) == '.')) {
            j++;
        }
        if (j == from || j + 1 >= text.length() || text.charAt(j) != '\n') {
            return false;
        }
        char op = text.charAt(j + 1);
        return op == '(' || op == 'q' || op == 'h' || (op == 'p' && j + 2 < text.length() && Ascii.isDigit(text.charAt(j + 2)));
    }
}
