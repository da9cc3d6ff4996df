package dev.bulwark.core.internal.shell;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.CharPositions;
import dev.bulwark.core.internal.rules.CommandTable;
import dev.bulwark.core.internal.rules.TextProfile;

/**
 * Finds SQLite command-line shell dot-commands that an injection starts after ending the SQL
 * statement: {@code 1;.shell whoami}, {@code ;\n.import /etc/passwd t}, {@code 1;.sh id}. The
 * {@code sqlite3} shell runs a line that opens with a dot as one of its own commands, several of
 * which run a system command ({@code .shell}, {@code .system}) or read and write files
 * ({@code .import}, {@code .output}, {@code .load}).
 *
 * <p>What makes one: a {@code ;} or a line break (also the escapes {@code \n} and {@code \r}
 * written out, as a string carried inside a value has them), then blanks, a dot, optionally blanks
 * and quotes or backslashes hiding the name ({@code ."shell}), and a lowercase dot-command name
 * (the shell matches names case-sensitively) that ends the value or is followed by a blank, a quote
 * or a separator. A name followed by {@code (}, {@code -} or a letter is a method call or a CSS
 * class ({@code ;\n.open(url)}, {@code .output-area}), and a line holding a brace is a CSS rule
 * ({@code }\n.tables td {}), so neither counts.
 *
 * <p>One pass; each character is looked at a bounded number of times: linear in the text.
 */
final class SqliteDotCommands {

    /**
     * Dot-commands that run a program, read or write files, load code or reveal the databases and
     * their schema; {@code .sh} is the abbreviation the shell accepts for {@code .shell}.
     */
    private static final CommandTable NAMES = new CommandTable(
            "shell sh system import output once read open load backup save restore dump databases tables"
                    + " schema fullschema dbinfo dbconfig excel clone cd archive log recover indexes indices",
            1);

    /** The characters a separator starts with: {@code ;}, a line break, or the backslash of {@code \\n}. */
    private static final AsciiSet SEPARATOR_STARTS = AsciiSet.of(";\n\r\\");

    private SqliteDotCommands() {}

    /** The first dot-command after a separator in {@code text}, or null. */
    static ShellExpansions.Match find(String text) {
        return find(text, null);
    }

    /**
     * {@link #find(String)} in a text whose profile is {@code profile}, or {@code null} when there
     * is none: separators it does not hold are not searched for.
     */
    static ShellExpansions.Match find(String text, TextProfile profile) {
        int n = text.length();
        // Where the line of the last name looked at stops; names later on the same line share it,
        // so that "\\n" escapes, which do not end a line here, cannot make the scan quadratic.
        int lineStop = -1;
        // Only a separator's first character starts a match: go from one to the next.
        CharPositions separatorStarts = new CharPositions(text, SEPARATOR_STARTS, profile);
        for (int i = 0; i < n; i++) {
            i = separatorStarts.next(i);
            if (i < 0) {
                break;
            }
            int afterSeparator = separatorEnd(text, i);
            if (afterSeparator < 0) {
                continue;
            }
            int dot = skipBlanks(text, afterSeparator);
            if (dot >= n || text.charAt(dot) != '.') {
                // Separators among the blanks lead to the same place: look at none of them again.
                i = Math.max(i, dot - 1);
                continue;
            }
            int name = dot + 1;
            while (name < n && (text.charAt(name) == ' ' || text.charAt(name) == '\t' || isQuoting(text.charAt(name)))) {
                name++;
            }
            int end = name;
            while (end < n && end - name <= 12 && text.charAt(end) >= 'a' && text.charAt(end) <= 'z') {
                end++;
            }
            if (end > name && NAMES.get(text, name, end) != 0 && endsName(text, end)) {
                if (lineStop < end) {
                    lineStop = lineStop(text, end);
                }
                if (!isBrace(text, lineStop)) {
                    return new ShellExpansions.Match(i, end);
                }
            }
            i = dot;
        }
        return null;
    }

    /** End of the separator at {@code i}: {@code ;}, a line break, or a written-out {@code \n}; -1 if none. */
    private static int separatorEnd(String text, int i) {
        char c = text.charAt(i);
        if (c == ';' || c == '\n' || c == '\r') {
            return i + 1;
        }
        return escapedBreak(text, i) ? i + 2 : -1;
    }

    /** Blanks, line breaks and their written-out escapes from {@code i}. */
    private static int skipBlanks(String text, int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (escapedBreak(text, i) || (c == '\\' && i + 1 < n && text.charAt(i + 1) == 't')) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean escapedBreak(String text, int i) {
        if (text.charAt(i) != '\\' || i + 1 >= text.length()) {
            return false;
        }
        char e = text.charAt(i + 1);
        return e == 'n' || e == 'r';
    }

    private static boolean isQuoting(char c) {
        return c == '"' || c == '\'' || c == '\\';
    }

    /** The name ends the value, or a blank, quote, backslash or separator follows it. */
    private static boolean endsName(String text, int end) {
        if (end >= text.length()) {
            return true;
        }
        char c = text.charAt(end);
        return Ascii.isSpace(c) || isQuoting(c) || c == ';';
    }

    /**
     * Where the rest of the line from {@code from} first holds a brace (as a CSS rule's does), a
     * {@code ;} or a line break; the text's length if none.
     */
    private static int lineStop(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == ';' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    private static boolean isBrace(String text, int at) {
        return at < text.length() && (text.charAt(at) == '{' || text.charAt(at) == '}');
    }
}
