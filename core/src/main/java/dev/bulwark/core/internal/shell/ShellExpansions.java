package dev.bulwark.core.internal.shell;

/**
 * Finds shell expansions that only a shell gives meaning to, so that they mark a value written for
 * a shell even without a command name: arithmetic expansion ({@code $((1+1))}, the old {@code
 * $[1+1]}), parameter expansion with an operator ({@code ${PATH#x}}, {@code ${x:-y}}, {@code
 * ${!x}}, {@code ${#x}}), directory-stack tilde expansion ({@code ~+}, {@code ~-2}) and history
 * expansion by offset ({@code !-1}).
 *
 * <p>What stays out, because other languages write it too: a plain {@code ${name}} (a placeholder
 * in Spring, JavaScript and Log4j), {@code ${a:b}} (a Spring default), {@code ${a/2}} and {@code
 * ${a%2}} (JavaScript template literals), and JSONPath's {@code $[0]}, {@code $[*]} and {@code
 * $[-1:]}.
 *
 * <p>One pass, each character looked at a bounded number of times: linear in the text.
 */
final class ShellExpansions {

    /** Longest name or operand looked at; longer ones are no expansion an attacker needs. */
    private static final int MAX_NAME = 64;

    private ShellExpansions() {}

    /** The first expansion in {@code text}, or null. */
    static Match find(String text) {
        int n = text.length();
        // Closers looked up once, so that many openers without one cost no rescans.
        int lastDoubleParen = text.lastIndexOf("))");
        int lastBrace = text.lastIndexOf('}');
        for (int i = 0; i + 1 < n; i++) {
            char c = text.charAt(i);
            if (c == '$') {
                char d = text.charAt(i + 1);
                int end = switch (d) {
                    case '(' -> arithmetic(text, i, lastDoubleParen);
                    case '[' -> oldArithmetic(text, i + 2);
                    case '{' -> parameter(text, i + 2, lastBrace);
                    default -> -1;
                };
                if (end > 0) {
                    return new Match(i, end);
                }
            } else if (c == '~') {
                int end = directoryStack(text, i);
                if (end > 0) {
                    return new Match(i, end);
                }
            } else if (c == '!' && text.charAt(i + 1) == '-') {
                int end = history(text, i);
                if (end > 0) {
                    return new Match(i, end);
                }
            }
        }
        return null;
    }

    /** Where an expansion was found, as offsets into the text. */
    record Match(int start, int end) {}

    /** {@code $((...))} closed somewhere later: the end of the opener, or -1. */
    private static int arithmetic(String text, int at, int lastDoubleParen) {
        if (at + 2 >= text.length() || text.charAt(at + 2) != '(') {
            return -1;
        }
        return lastDoubleParen >= at + 3 ? at + 3 : -1;
    }

    /** {@code $[]} or {@code $[a+1]}: operands joined by arithmetic operators, nothing else. */
    private static int oldArithmetic(String text, int from) {
        int n = text.length();
        int i = skipSpaces(text, from);
        if (i < n && text.charAt(i) == ']') {
            return i + 1;
        }
        int operands = 0;
        while (i < n) {
            int start = i;
            while (i < n && i - start < MAX_NAME && isNameChar(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                return -1;
            }
            operands++;
            i = skipSpaces(text, i);
            if (i >= n) {
                return -1;
            }
            char c = text.charAt(i);
            if (c == ']') {
                return operands >= 2 ? i + 1 : -1;
            }
            if (c != '+' && c != '-' && c != '*' && c != '/' && c != '%') {
                return -1;
            }
            i = skipSpaces(text, i + 1);
        }
        return -1;
    }

    /** {@code ${NAME<op>...}}, {@code ${!NAME}} or {@code ${#NAME}}, from after {@code ${}. */
    private static int parameter(String text, int from, int lastBrace) {
        int n = text.length();
        if (from >= n) {
            return -1;
        }
        char first = text.charAt(from);
        if (first == '!' || first == '#') {
            int end = nameEnd(text, from + 1);
            if (end == from + 1 || end >= n) {
                return -1;
            }
            char after = text.charAt(end);
            return after == '}' || (first == '!' && (after == '[' || after == '*' || after == '@')) ? end + 1 : -1;
        }
        int end = nameEnd(text, from);
        if (end == from || end + 1 >= n || lastBrace < end) {
            return -1;
        }
        char op = text.charAt(end);
        char next = text.charAt(end + 1);
        boolean operator = switch (op) {
            case '#' -> true;
            case '%' -> next == '%';
            case ':' -> next == '-' || next == '=' || next == '?' || next == '+';
            case '^' -> next == '^';
            case ',' -> next == ',';
            case '@' -> Character.isLetter(next) && end + 2 < n && text.charAt(end + 2) == '}';
            default -> false;
        };
        return operator ? end + 2 : -1;
    }

    /**
     * {@code ~+}, {@code ~-} and {@code ~+N}/{@code ~-N} ending the value or followed by a slash or
     * a separator, not by prose ({@code ~+ ok}) or decoration ({@code ~-~-~}).
     */
    private static int directoryStack(String text, int at) {
        int n = text.length();
        if (at > 0 && !isWordBoundary(text.charAt(at - 1))) {
            return -1;
        }
        if (at + 1 >= n || (text.charAt(at + 1) != '+' && text.charAt(at + 1) != '-')) {
            return -1;
        }
        int i = at + 2;
        while (i < n && i - at < 8 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == n) {
            return i;
        }
        char c = text.charAt(i);
        return c == '/' || c == ';' || c == '|' || c == '&' || c == '`' || c == ')' ? i : -1;
    }

    /** {@code !-2}: the command two lines back in the history, as a word of its own. */
    private static int history(String text, int at) {
        if (at > 0 && !isWordBoundary(text.charAt(at - 1))) {
            return -1;
        }
        int i = at + 2;
        int n = text.length();
        while (i < n && i - at < 8 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == at + 2) {
            return -1;
        }
        return i == n || text.charAt(i) == '!' || isWordBoundary(text.charAt(i)) ? i : -1;
    }

    private static boolean isWordBoundary(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&'
                || c == '=' || c == '`' || c == '(' || c == ')';
    }

    private static int nameEnd(String text, int from) {
        int i = from;
        int n = text.length();
        if (i < n && Character.isDigit(text.charAt(i))) {
            return i;
        }
        while (i < n && i - from < MAX_NAME && isNameChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
