package dev.bulwark.core.internal.sql;

import static dev.bulwark.core.internal.sql.SqlTokens.COMMA;
import static dev.bulwark.core.internal.sql.SqlTokens.COMMENT;
import static dev.bulwark.core.internal.sql.SqlTokens.DOT;
import static dev.bulwark.core.internal.sql.SqlTokens.LPAREN;
import static dev.bulwark.core.internal.sql.SqlTokens.NUM;
import static dev.bulwark.core.internal.sql.SqlTokens.OP;
import static dev.bulwark.core.internal.sql.SqlTokens.OP_ARITH;
import static dev.bulwark.core.internal.sql.SqlTokens.OP_ASSIGN;
import static dev.bulwark.core.internal.sql.SqlTokens.OP_CAST;
import static dev.bulwark.core.internal.sql.SqlTokens.OP_COMPARE;
import static dev.bulwark.core.internal.sql.SqlTokens.OP_JSON;
import static dev.bulwark.core.internal.sql.SqlTokens.OP_LOGIC;
import static dev.bulwark.core.internal.sql.SqlTokens.OP_NOT;
import static dev.bulwark.core.internal.sql.SqlTokens.OP_OTHER;
import static dev.bulwark.core.internal.sql.SqlTokens.OTHER;
import static dev.bulwark.core.internal.sql.SqlTokens.QIDENT;
import static dev.bulwark.core.internal.sql.SqlTokens.RPAREN;
import static dev.bulwark.core.internal.sql.SqlTokens.SEMI;
import static dev.bulwark.core.internal.sql.SqlTokens.STR;
import static dev.bulwark.core.internal.sql.SqlTokens.STR_OPEN;
import static dev.bulwark.core.internal.sql.SqlTokens.SYSVAR;
import static dev.bulwark.core.internal.sql.SqlTokens.VAR;
import static dev.bulwark.core.internal.sql.SqlTokens.WORD;

import dev.bulwark.core.internal.rules.Ascii;
import java.util.Arrays;

/**
 * Reads SQL tokens the way a permissive database would, MySQL first: {@code '..'} and
 * {@code ".."} strings with doubled quotes and backslash escapes, Oracle's {@code q'[..]'} and
 * PostgreSQL's {@code $$..$$} and {@code $tag$..$tag$} strings, backtick and bracket identifiers,
 * numbers (hexadecimal, binary, exponents, {@code 1.e}), {@code --}, {@code #} and block comments,
 * MySQL executable comments {@code /*!50000 ...*}{@code /} whose content is read as SQL, variables,
 * and multi-character operators.
 *
 * <p>Typographic quotes ({@code ‘ ’ ´ “ ”}) count as ASCII quotes: character-set conversion in
 * front of some databases turns them into real ones. A number glued to a keyword ({@code 1union})
 * is read as the two tokens a database would see. One pass, no backtracking; each character is
 * looked at a bounded number of times.
 */
final class SqlLexer {

    private static final int MAX_BRACKET_IDENTIFIER = 128;
    /** Longest dollar-quote tag, PostgreSQL's identifier limit; it bounds the search for the closing delimiter. */
    private static final int MAX_DOLLAR_TAG = 63;

    private SqlLexer() {}

    /**
     * Reads {@code text[from, to)} into {@code out} until the end or until {@code out} is full;
     * {@link SqlTokens#stoppedAt} tells where it stopped.
     */
    static void lex(char[] text, int from, int to, SqlTokens out) {
        out.reset();
        int executableDepth = 0;
        int i = from;
        while (i < to && !out.full()) {
            char c = text[i];
            if (c < 128) {
                // The commonest ASCII classes, which are disjoint, by table; the rest as below.
                byte kind = ASCII_KIND[c];
                if (kind == A_SPACE) {
                    i++;
                    continue;
                }
                if (kind == A_WORD) {
                    i = word(text, i, to, out);
                    continue;
                }
                if (kind == A_DIGIT) {
                    i = number(text, i, to, out);
                    continue;
                }
            }
            if (isSpace(c)) {
                i++;
                continue;
            }
            char quote = quoteKind(c);
            if (quote != 0) {
                i = string(text, i, i + 1, to, quote, out);
                continue;
            }
            if (isDigit(c) || (c == '.' && i + 1 < to && isDigit(text[i + 1]))) {
                i = number(text, i, to, out);
                continue;
            }
            if (isWordStart(c)) {
                i = word(text, i, to, out);
                continue;
            }
            char next = i + 1 < to ? text[i + 1] : 0;
            switch (c) {
                case '`' -> {
                    int j = i + 1;
                    while (j < to && text[j] != '`') {
                        j++;
                    }
                    j = Math.min(j + 1, to);
                    out.add(QIDENT, i, j, '`');
                    i = j;
                }
                case '[' -> i = bracket(text, i, to, out);
                case '(' -> out.add(LPAREN, i, ++i, 0);
                case ')' -> out.add(RPAREN, i, ++i, 0);
                case ',' -> out.add(COMMA, i, ++i, 0);
                case ';' -> out.add(SEMI, i, ++i, 0);
                case '.' -> out.add(DOT, i, ++i, 0);
                case '@' -> i = variable(text, i, to, out);
                case '#' -> i = lineComment(text, i, to, out);
                case '-' -> {
                    if (next == '-') {
                        i = lineComment(text, i, to, out);
                    } else if (next == '>') {
                        int len = i + 2 < to && text[i + 2] == '>' ? 3 : 2;
                        out.add(OP, i, i + len, OP_JSON);
                        i += len;
                    } else {
                        out.add(OP, i, ++i, OP_ARITH);
                    }
                }
                case '/' -> {
                    if (next == '*' && i + 2 < to && text[i + 2] == '!') {
                        if (out.executableCommentAt < 0) {
                            out.executableCommentAt = i;
                        }
                        executableDepth++;
                        i += 3;
                        int digits = 0;
                        while (i < to && digits < 6 && isDigit(text[i])) {
                            i++;
                            digits++;
                        }
                    } else if (next == '*') {
                        int j = i + 2;
                        while (j < to && !(text[j] == '*' && j + 1 < to && text[j + 1] == '/')) {
                            j++;
                        }
                        j = Math.min(j + 2, to);
                        out.add(COMMENT, i, j, '/');
                        i = j;
                    } else {
                        out.add(OP, i, ++i, OP_ARITH);
                    }
                }
                case '*' -> {
                    if (next == '/' && executableDepth > 0) {
                        executableDepth--;
                        i += 2;
                    } else {
                        out.add(OP, i, ++i, OP_ARITH);
                    }
                }
                case '=' -> i = op(out, i, next == '=' ? 2 : 1, OP_COMPARE);
                case '<' -> {
                    if (next == '=' && i + 2 < to && text[i + 2] == '>') {
                        i = op(out, i, 3, OP_COMPARE);
                    } else if (next == '<') {
                        i = op(out, i, 2, OP_ARITH);
                    } else {
                        i = op(out, i, next == '=' || next == '>' || next == '@' ? 2 : 1, OP_COMPARE);
                    }
                }
                case '>' -> {
                    if (next == '>') {
                        i = op(out, i, 2, OP_ARITH);
                    } else {
                        i = op(out, i, next == '=' ? 2 : 1, OP_COMPARE);
                    }
                }
                case '!' -> {
                    if (next == '=' || next == '<' || next == '>' || next == '~') {
                        i = op(out, i, 2, OP_COMPARE);
                    } else {
                        i = op(out, i, 1, OP_NOT);
                    }
                }
                case '|' -> i = op(out, i, next == '|' ? 2 : 1, next == '|' ? OP_LOGIC : OP_ARITH);
                case '&' -> i = op(out, i, next == '&' ? 2 : 1, next == '&' ? OP_LOGIC : OP_ARITH);
                case '+', '%', '^' -> i = op(out, i, 1, OP_ARITH);
                case '~' -> i = op(out, i, next == '*' ? 2 : 1, next == '*' ? OP_COMPARE : OP_NOT);
                case ':' -> {
                    if (next == '=') {
                        i = op(out, i, 2, OP_ASSIGN);
                    } else if (next == ':') {
                        i = op(out, i, 2, OP_CAST);
                    } else {
                        i = op(out, i, 1, OP_OTHER);
                    }
                }
                case '?' -> i = op(out, i, next == '|' || next == '&' ? 2 : 1,
                        next == '|' || next == '&' ? OP_COMPARE : OP_OTHER);
                case '\\' -> {
                    if (next == 'N' && (i + 2 >= to || !isWordPart(text[i + 2]))) {
                        out.add(NUM, i, i + 2, 0);
                        i += 2;
                    } else {
                        out.add(OTHER, i, ++i, c);
                    }
                }
                default -> out.add(OTHER, i, ++i, c);
            }
        }
        out.stoppedAt = i;
    }

    private static int op(SqlTokens out, int at, int length, int kind) {
        out.add(OP, at, at + length, kind);
        return at + length;
    }

    /** A string whose opening quote is at {@code open}; content starts at {@code from}. */
    private static int string(char[] text, int open, int from, int to, char quote, SqlTokens out) {
        int j = from;
        while (j < to) {
            char c = text[j];
            if (c < 128 && STRING_TEXT[c]) {
                // Neither an escape nor any kind of quote.
                j++;
                continue;
            }
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (quoteKind(c) == quote) {
                if (j + 1 < to && quoteKind(text[j + 1]) == quote) {
                    j += 2;
                    continue;
                }
                out.add(STR, open, j + 1, quote);
                return j + 1;
            }
            j++;
        }
        out.add(STR_OPEN, open, to, quote);
        return to;
    }

    private static int number(char[] text, int i, int to, SqlTokens out) {
        char c = text[i];
        if (c == '0' && i + 2 < to) {
            char kind = Ascii.lower(text[i + 1]);
            if (kind == 'x' || kind == 'b') {
                int j = i + 2;
                while (j < to && (kind == 'x' ? isHexDigit(text[j]) : isBinaryDigit(text[j]))) {
                    j++;
                }
                if (j > i + 2 && (j >= to || !isWordPart(text[j]))) {
                    out.add(NUM, i, j, kind);
                    return j;
                }
            }
        }
        int j = i;
        while (j < to && isDigit(text[j])) {
            j++;
        }
        boolean dot = false;
        if (j < to && text[j] == '.') {
            dot = true;
            j++;
            while (j < to && isDigit(text[j])) {
                j++;
            }
        }
        if (j < to && (text[j] == 'e' || text[j] == 'E')) {
            int k = j + 1;
            if (k < to && (text[k] == '+' || text[k] == '-')) {
                k++;
            }
            if (k < to && isDigit(text[k])) {
                while (k < to && isDigit(text[k])) {
                    k++;
                }
                j = k;
            } else if (dot && (j + 1 >= to || !isWordPart(text[j + 1]))) {
                j++; // MySQL reads "1.e" as a number: used in place of a space
            }
        }
        if (j < to && isWordPart(text[j])) {
            int w = j;
            while (w < to && isWordPart(text[w])) {
                w++;
            }
            int id = SqlVocabulary.find(text, j, w);
            char suffix = Ascii.lower(text[j]);
            if (id == 0 && (suffix == 'f' || suffix == 'd') && w - j > 2) {
                int rest = SqlVocabulary.find(text, j + 1, w);
                if (SqlVocabulary.is(rest, SqlVocabulary.GLUE)) {
                    // Oracle's binary float and double literals: 1f, 1d
                    out.add(NUM, i, j + 1, 0);
                    if (!out.full()) {
                        out.add(WORD, j + 1, w, rest);
                    }
                    return w;
                }
            }
            if (SqlVocabulary.is(id, SqlVocabulary.GLUE)) {
                out.add(NUM, i, j, 0);
                if (!out.full()) {
                    out.add(WORD, j, w, id);
                }
            } else {
                out.add(WORD, i, w, 0);
            }
            return w;
        }
        out.add(NUM, i, j, 0);
        return j;
    }

    private static int word(char[] text, int i, int to, SqlTokens out) {
        int j = i + 1;
        int delimiterEnd = text[i] == '$' ? dollarQuoteEnd(text, i, to) : -1;
        if (delimiterEnd > 0) {
            return dollarQuoted(text, i, delimiterEnd, to, out);
        }
        while (j < to && isWordPartFast(text[j])) {
            j++;
        }
        int id = SqlVocabulary.find(text, i, j);
        if (j < to) {
            char quote = quoteKind(text[j]);
            if (quote == '\'' && j + 1 < to && !isSpace(text[j + 1]) && isAlternativeQuotePrefix(text, i, j)) {
                return alternativeQuote(text, i, j + 1, to, out);
            }
            if (quote != 0 && SqlVocabulary.is(id, SqlVocabulary.STRING_PREFIX)) {
                return string(text, i, j + 1, to, quote, out);
            }
            if (text[j] == '&' && j - i == 1 && (text[i] == 'u' || text[i] == 'U')
                    && j + 1 < to && quoteKind(text[j + 1]) != 0) {
                return string(text, i, j + 2, to, quoteKind(text[j + 1]), out);
            }
        }
        out.add(WORD, i, j, id);
        return j;
    }

    /**
     * Where the PostgreSQL dollar-quote delimiter that starts at {@code at} ends: {@code $$}, or
     * {@code $tag$} with a tag of a letter or underscore and then letters, digits or underscores
     * ({@code $1$} is a crypt hash prefix, not a delimiter). -1 when none starts there. The lexer
     * reads dollar-quoted strings with it, and the detector finds the break out of one with it.
     */
    static int dollarQuoteEnd(char[] text, int at, int to) {
        if (at + 1 >= to || text[at] != '$') {
            return -1;
        }
        int j = at + 1;
        char c = text[j];
        if (Ascii.isLetter(c) || c == '_') {
            int limit = Math.min(to, j + MAX_DOLLAR_TAG);
            j++;
            while (j < limit && (Ascii.isLetter(text[j]) || isDigit(text[j]) || text[j] == '_')) {
                j++;
            }
        }
        return j < to && text[j] == '$' ? j + 1 : -1;
    }

    /**
     * A dollar-quoted string whose delimiter is {@code text[open, delimiterEnd)}: it has no escapes
     * and ends at the same delimiter; one left open runs to the end, as any other string.
     */
    private static int dollarQuoted(char[] text, int open, int delimiterEnd, int to, SqlTokens out) {
        int close = dollarQuoteClose(text, open, delimiterEnd, to);
        if (close >= 0) {
            int end = close + delimiterEnd - open;
            out.add(STR, open, end, '$');
            return end;
        }
        out.add(STR_OPEN, open, to, '$');
        return to;
    }

    /**
     * Where the first repeat of the delimiter {@code text[open, delimiterEnd)} after it starts, when
     * it ends by {@code to}; -1 otherwise. Compares in place, without copying the delimiter; the
     * delimiter is at most {@value #MAX_DOLLAR_TAG} + 2 characters, so the search stays linear.
     */
    static int dollarQuoteClose(char[] text, int open, int delimiterEnd, int to) {
        int length = delimiterEnd - open;
        for (int at = delimiterEnd; at + length <= to; at++) {
            if (text[at] == '$' && Arrays.equals(text, at, at + length, text, open, delimiterEnd)) {
                return at;
            }
        }
        return -1;
    }

    /** Whether {@code text[from, to)} is {@code q} or {@code nq}, Oracle's prefixes of alternative quoting. */
    private static boolean isAlternativeQuotePrefix(char[] text, int from, int to) {
        int length = to - from;
        return (length == 1 || length == 2 && Ascii.lower(text[from]) == 'n')
                && Ascii.lower(text[to - 1]) == 'q';
    }

    /**
     * Oracle's alternative quoting {@code q'[...]'}: the character after the quote opens the string
     * and its closing bracket ({@code ] } ) >}, or the same character) followed by a quote ends it, so
     * quotes inside stay text. {@code delimiter} is where that character is; the prefix starts at
     * {@code open}. A string left open runs to the end, as any other.
     */
    private static int alternativeQuote(char[] text, int open, int delimiter, int to, SqlTokens out) {
        char first = text[delimiter];
        char closing = switch (first) {
            case '[' -> ']';
            case '{' -> '}';
            case '(' -> ')';
            case '<' -> '>';
            default -> first;
        };
        for (int k = delimiter + 1; k + 1 < to; k++) {
            if (text[k] == closing && quoteKind(text[k + 1]) == '\'') {
                out.add(STR, open, k + 2, '\'');
                return k + 2;
            }
        }
        out.add(STR_OPEN, open, to, '\'');
        return to;
    }

    private static int variable(char[] text, int i, int to, SqlTokens out) {
        int j = i + 1;
        if (j < to && text[j] == '>') {
            out.add(OP, i, i + 2, OP_COMPARE);
            return i + 2;
        }
        int type = VAR;
        if (j < to && text[j] == '@') {
            type = SYSVAR;
            j++;
        }
        if (j < to && (quoteKind(text[j]) != 0 || text[j] == '`')) {
            char close = text[j] == '`' ? '`' : quoteKind(text[j]);
            int k = j + 1;
            while (k < to && (close == '`' ? text[k] != '`' : quoteKind(text[k]) != close)) {
                k++;
            }
            j = Math.min(k + 1, to);
        } else {
            while (j < to && (isWordPart(text[j]) || text[j] == '.' && type == SYSVAR)) {
                j++;
            }
        }
        out.add(type, i, j, 0);
        return j;
    }

    private static int bracket(char[] text, int i, int to, SqlTokens out) {
        int limit = Math.min(to, i + MAX_BRACKET_IDENTIFIER);
        for (int j = i + 1; j < limit; j++) {
            char c = text[j];
            if (c == ']') {
                if (j > i + 1) {
                    out.add(QIDENT, i, j + 1, '[');
                    return j + 1;
                }
                break;
            }
            if (c == '[' || c == '\n' || c == '\r' || quoteKind(c) != 0) {
                break;
            }
        }
        out.add(OTHER, i, i + 1, '[');
        return i + 1;
    }

    private static int lineComment(char[] text, int i, int to, SqlTokens out) {
        int j = i + 1;
        while (j < to && text[j] != '\n' && text[j] != '\r') {
            j++;
        }
        out.add(COMMENT, i, j, text[i]);
        return j;
    }

    private static final byte A_OTHER = 0;
    private static final byte A_SPACE = 1;
    private static final byte A_WORD = 2;
    private static final byte A_DIGIT = 3;
    /** Class of each ASCII character: space, word start, digit, or other (see {@link #lex}). */
    private static final byte[] ASCII_KIND = new byte[128];
    /** Whether an ASCII character is a word part. */
    private static final boolean[] ASCII_WORD_PART = new boolean[128];
    /** Whether an ASCII character inside a string is plain text: neither an escape nor a quote. */
    private static final boolean[] STRING_TEXT = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            if (isSpace(c)) {
                ASCII_KIND[c] = A_SPACE;
            } else if (isDigit(c)) {
                ASCII_KIND[c] = A_DIGIT;
            } else if (isWordStart(c)) {
                ASCII_KIND[c] = A_WORD;
            } else {
                ASCII_KIND[c] = A_OTHER;
            }
            ASCII_WORD_PART[c] = isWordPart(c);
            STRING_TEXT[c] = c != '\\' && c != '\'' && c != '"';
        }
    }

    private static boolean isWordPartFast(char c) {
        return c < 128 ? ASCII_WORD_PART[c] : isWordPart(c);
    }

    /** The ASCII quote that {@code c} stands for, or 0. */
    static char quoteKind(char c) {
        return switch (c) {
            case '\'', '\u2018', '\u2019', '\u00b4', '\u02bc', '\uff07' -> '\'';
            case '"', '\u201c', '\u201d', '\uff02' -> '"';
            default -> 0;
        };
    }

    static boolean isSpace(char c) {
        return c <= ' ' || c == '\u00a0' || c == '\ufffd' || c == '\u0085' || (c >= '\u2000' && c <= '\u200b')
                || c == '\u2028' || c == '\u2029' || c == '\u3000' || c == '\ufeff' || c == '\u180e';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isBinaryDigit(char c) {
        return c == '0' || c == '1';
    }

    static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'
                || (c >= 128 && !isSpace(c) && quoteKind(c) == 0 && Character.isLetter(c));
    }

    static boolean isWordPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$'
                || (c >= 128 && !isSpace(c) && quoteKind(c) == 0 && Character.isLetterOrDigit(c));
    }
}
