package dev.bulwark.core.internal.shell;

import dev.bulwark.core.internal.rules.Ascii;
import java.util.Locale;

/**
 * Splits one value into shell tokens the way a shell would, and undoes the tricks attackers use to
 * hide command names from pattern matching.
 *
 * <p>POSIX dialect: separators {@code ; | || & && newline}, command substitution {@code $(...)} and
 * backticks, process substitution {@code <(...)}, redirections, comments, single, double and
 * {@code $'...'} quoting, backslash escapes, parameter expansion ({@code $x}, {@code ${x}}, special
 * parameters such as {@code $@}, {@code ${IFS}} as a word break, {@code ${PATH:0:1}} substrings,
 * values of earlier assignments), brace expansion ({@code {cat,/etc/passwd}}) and glob characters.
 * Windows dialect: {@code & && | ||}, caret and PowerShell backtick escapes, {@code %VAR%} and
 * {@code %VAR:~n,m%} expansion, PowerShell {@code $(...)}; backslash is a path separator.
 *
 * <p>A pull tokenizer: {@link #next()} returns one token at a time and allocates nothing. A word
 * interrupted by a substitution ({@code pi$()ng}) is returned once, completed, after the tokens of
 * the substitution, which expands to nothing. Linear time: every input character is consumed once
 * (brace alternatives and variable values are copied at most a bounded number of times), and
 * words, nesting and variables are capped. Not thread-safe: one instance per scan.
 */
final class ShellTokenizer {

    /** The blanks {@link #next} skips between words: space, tab, CR, form feed, vertical tab and no-break space. */
    static boolean isWordGap(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b || c == 0xa0;
    }

    /**
     * The characters that end a command in {@link #next}'s reading, after which another one starts:
     * a line feed, {@code ;}, {@code |}, {@code &} and the parentheses of a group. Whatever judges a
     * value by where commands can start reads this, so that the two never disagree.
     */
    static final String COMMAND_SEPARATORS = "\n;|&()";

    /** Whether {@code c} is one of {@link #COMMAND_SEPARATORS}, without a search of that string for every character. */
    static boolean isCommandSeparator(char c) {
        return c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')';
    }

    // Token types.
    static final int END = 0;
    static final int WORD = 1;
    static final int SEPARATOR = 2;
    static final int OPEN = 3;
    static final int CLOSE = 4;
    static final int REDIRECT = 5;

    // Separator kinds.
    static final int SEMI = 1;
    static final int PIPE = 2;
    static final int OR = 3;
    static final int AMP = 4;
    static final int AND = 5;
    static final int NEWLINE = 6;

    // Open kinds.
    static final int SUBST = 1;
    static final int BACKTICK = 2;
    static final int PROCESS = 3;
    static final int PAREN = 4;
    static final int BRACE = 5;

    // Redirect kinds.
    static final int REDIR_OUT = 1;
    static final int REDIR_IN = 2;
    static final int REDIR_HERE_STRING = 3;
    static final int REDIR_DUP = 4;

    // Word flags.
    /** Some part was quoted. */
    static final int F_QUOTED = 1;
    /** Quotes inside the word next to unquoted text, e.g. {@code c'a't}. */
    static final int F_MID_QUOTE = 1 << 1;
    /** A backslash, caret or backtick escape. */
    static final int F_ESCAPE = 1 << 2;
    /** A command substitution inside the word. */
    static final int F_INNER_SUBST = 1 << 3;
    /** A variable expansion. */
    static final int F_VAR = 1 << 4;
    /** Unquoted glob characters {@code ? * [}. */
    static final int F_GLOB = 1 << 5;
    /** One alternative of a brace expansion. */
    static final int F_BRACE = 1 << 6;
    /** Split by an {@code $IFS} expansion. */
    static final int F_IFS = 1 << 7;
    /** Contains an ANSI-C {@code $'...'} string. */
    static final int F_ANSI = 1 << 8;
    /** Longer than the buffer kept per word. */
    static final int F_TRUNCATED = 1 << 9;
    /** A variable that expands to nothing known. */
    static final int F_UNKNOWN_VAR = 1 << 10;
    /** Starts with {@code ~}. */
    static final int F_TILDE = 1 << 11;
    /** The word's quote was never closed. */
    static final int F_UNTERMINATED = 1 << 12;
    /** Windows {@code %NAME%} or {@code !NAME!} left unexpanded. */
    static final int F_PERCENT_VAR = 1 << 13;

    /** Quote mode a scan starts in, for values injected inside a quoted argument. */
    static final int START_UNQUOTED = 0;
    static final int START_SINGLE = '\'';
    static final int START_DOUBLE = '"';

    private static final int MAX_DEPTH = 12;
    private static final int MAX_WORD = 200;
    private static final int MAX_VARS = 16;
    private static final int MAX_ALTERNATIVES = 8;
    private static final int VAR_ARENA = 2048;

    private final boolean windows;

    private String text;
    private int pos;
    private int end;

    // Current token.
    int type;
    int kind;
    int tokenStart;
    int tokenEnd;
    boolean spaceBefore;
    /** Depth of the token: 0 at top level, one more inside each substitution or group. */
    int depth;
    final char[] buf = new char[MAX_DEPTH * MAX_WORD * 2 + 4 * MAX_WORD];
    int wordFrom;
    int wordTo;
    int flags;

    // Word under construction.
    private boolean inWord;
    private int len;
    private int quote;
    private int rawStart;
    private boolean resetPending;
    private int braceOpen;
    private int braceClose;
    private int braceLevel;
    private final int[] commas = new int[MAX_ALTERNATIVES];
    private int commaCount;
    private boolean pendingIfsBreak;

    // Brace alternatives being emitted.
    private int altIndex = -1;
    private int altBaseFrom;
    private int altBaseLen;
    private int altFlags;
    private int altOpen;
    private int altClose;
    private int altCount;
    private final int[] altCommas = new int[MAX_ALTERNATIVES];

    // Nesting.
    private final char[] closer = new char[MAX_DEPTH + 1];
    private final boolean[] savedInWord = new boolean[MAX_DEPTH + 1];
    private final int[] savedFrom = new int[MAX_DEPTH + 1];
    private final int[] savedLen = new int[MAX_DEPTH + 1];
    private final int[] savedFlags = new int[MAX_DEPTH + 1];
    private final int[] savedQuote = new int[MAX_DEPTH + 1];
    private final int[] savedRawStart = new int[MAX_DEPTH + 1];

    // Variables assigned earlier in the value.
    private final char[] arena = new char[VAR_ARENA];
    private int arenaLen;
    private final int[] varNameFrom = new int[MAX_VARS];
    private final int[] varNameLen = new int[MAX_VARS];
    private final int[] varValueFrom = new int[MAX_VARS];
    private final int[] varValueLen = new int[MAX_VARS];
    private int varCount;

    ShellTokenizer(boolean windows) {
        this.windows = windows;
    }

    /** Starts on {@code text} in the given quote mode, forgetting earlier state. */
    void reset(String text, int startQuote) {
        this.text = text;
        this.pos = 0;
        this.end = text.length();
        this.depth = 0;
        this.inWord = false;
        this.len = 0;
        this.quote = startQuote;
        this.resetPending = false;
        this.altIndex = -1;
        this.varCount = 0;
        this.arenaLen = 0;
        this.pendingIfsBreak = false;
        this.closer[0] = 0;
        if (startQuote != START_UNQUOTED) {
            beginWord(0);
            inWord = true;
            flags |= F_QUOTED;
        }
    }

    /** The current word's de-obfuscated text, for messages and tests. */
    String word() {
        return new String(buf, wordFrom, wordTo - wordFrom);
    }

    /** Reads the next token; returns its type. */
    int next() {
        if (altIndex >= 0) {
            return nextAlternative();
        }
        if (resetPending) {
            len = wordFrom;
            resetPending = false;
        }
        if (inWord) {
            return continueWord();
        }
        spaceBefore = false;
        while (pos < end) {
            char c = text.charAt(pos);
            if (isWordGap(c)) {
                spaceBefore = true;
                pos++;
                continue;
            }
            break;
        }
        if (pos >= end) {
            type = END;
            tokenStart = tokenEnd = end;
            return END;
        }
        tokenStart = pos;
        char c = text.charAt(pos);
        switch (c) {
            case '\n':
                pos++;
                return separator(NEWLINE);
            case ';':
                pos++;
                if (pos < end && text.charAt(pos) == ';') {
                    pos++;
                }
                return separator(SEMI);
            case '|':
                pos++;
                if (pos < end && text.charAt(pos) == '|') {
                    pos++;
                    return separator(OR);
                }
                if (pos < end && text.charAt(pos) == '&') {
                    pos++;
                }
                return separator(PIPE);
            case '&':
                if (pos + 1 < end && text.charAt(pos + 1) == '>') {
                    return redirect();
                }
                pos++;
                if (pos < end && text.charAt(pos) == '&') {
                    pos++;
                    return separator(AND);
                }
                return separator(AMP);
            case '(':
                pos++;
                return open(PAREN, ')');
            case ')':
                pos++;
                return close(')');
            case '<':
            case '>':
                if (pos + 1 < end && text.charAt(pos + 1) == '(' && !windows) {
                    pos += 2;
                    return open(PROCESS, ')');
                }
                return redirect();
            case '`':
                if (!windows) {
                    pos++;
                    if (closer[depth] == '`') {
                        return close('`');
                    }
                    return open(BACKTICK, '`');
                }
                break;
            case '#':
                if (!windows) {
                    while (pos < end && text.charAt(pos) != '\n') {
                        pos++;
                    }
                    return next();
                }
                break;
            case '{':
                if (!windows && (pos + 1 >= end || isBlank(text.charAt(pos + 1)))) {
                    pos++;
                    return open(BRACE, '}');
                }
                break;
            case '}':
                if (!windows && closer[depth] == '}') {
                    pos++;
                    return close('}');
                }
                break;
            case '\\':
                if (!windows && pos + 1 < end && text.charAt(pos + 1) == 'n'
                        && (pos + 2 >= end || !Ascii.isAlnum(text.charAt(pos + 2)))) {
                    // A literal "\n" where a command would start: written for a layer that
                    // turns it into a line break.
                    pos += 2;
                    return separator(NEWLINE);
                }
                break;
            default:
                if (c >= '0' && c <= '9' && isFdRedirect()) {
                    return redirect();
                }
                if (c < 128 && PLAIN[c] && quote == 0) {
                    return plainWord();
                }
                break;
        }
        beginWord(pos);
        return continueWord();
    }

    /**
     * A word that starts with a plain character, in one step when the plain run makes the whole
     * word, as most words of prose do: the run ends at a blank or the end of the value, where
     * {@link #continueWord()} would finish the word with nothing else to do. Otherwise the word
     * goes on from the end of the run.
     */
    private int plainWord() {
        beginWord(pos);
        takePlainRun();
        if (pos < end) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0b && c != 0xa0) {
                return continueWord();
            }
        }
        return finishWord();
    }

    /** Records {@code NAME=VALUE} so later {@code $NAME} expands to the value. */
    void assign(int nameFrom, int nameTo, int valueFrom, int valueTo) {
        int nameLen = nameTo - nameFrom;
        int valueLen = Math.min(valueTo - valueFrom, MAX_WORD);
        if (varCount >= MAX_VARS || arenaLen + nameLen + valueLen > VAR_ARENA) {
            return;
        }
        varNameFrom[varCount] = arenaLen;
        varNameLen[varCount] = nameLen;
        System.arraycopy(buf, nameFrom, arena, arenaLen, nameLen);
        arenaLen += nameLen;
        varValueFrom[varCount] = arenaLen;
        varValueLen[varCount] = valueLen;
        System.arraycopy(buf, valueFrom, arena, arenaLen, valueLen);
        arenaLen += valueLen;
        varCount++;
    }

    /** After a CLOSE: whether the word that the substitution interrupted goes on. */
    boolean resumingWord() {
        return inWord;
    }

    /** Where the raw input stands, for evidence offsets. */
    int position() {
        return pos;
    }

    private int separator(int sepKind) {
        type = SEPARATOR;
        kind = sepKind;
        tokenEnd = pos;
        return type;
    }

    private int open(int openKind, char close) {
        if (depth >= MAX_DEPTH) {
            // Too deep to track: treat as a separator so scanning stays linear and bounded.
            return separator(SEMI);
        }
        depth++;
        closer[depth] = close;
        savedInWord[depth] = false;
        savedLen[depth] = len;
        savedQuote[depth] = START_UNQUOTED;
        type = OPEN;
        kind = openKind;
        tokenEnd = pos;
        return type;
    }

    private int close(char c) {
        type = CLOSE;
        tokenEnd = pos;
        if (depth > 0 && closer[depth] == c) {
            kind = c;
            popLevel();
        } else {
            kind = 0;
        }
        return type;
    }

    private void popLevel() {
        int d = depth;
        depth--;
        len = savedLen[d];
        quote = savedQuote[d];
        if (savedInWord[d]) {
            inWord = true;
            wordFrom = savedFrom[d];
            flags = savedFlags[d] | F_INNER_SUBST;
            rawStart = savedRawStart[d];
        }
    }

    /** Opens a substitution in the middle of a word; the word resumes after it closes. */
    private int interrupt(int openKind, char close) {
        if (depth >= MAX_DEPTH) {
            return -1;
        }
        int d = depth + 1;
        savedInWord[d] = true;
        savedFrom[d] = wordFrom;
        savedLen[d] = len;
        savedFlags[d] = flags;
        savedQuote[d] = quote;
        savedRawStart[d] = rawStart;
        depth = d;
        closer[d] = close;
        inWord = false;
        quote = START_UNQUOTED;
        type = OPEN;
        kind = openKind;
        tokenStart = pos;
        tokenEnd = pos;
        spaceBefore = false;
        return type;
    }

    private boolean isFdRedirect() {
        int p = pos;
        while (p < end && p - pos < 3 && text.charAt(p) >= '0' && text.charAt(p) <= '9') {
            p++;
        }
        return p < end && (text.charAt(p) == '>' || text.charAt(p) == '<')
                && (p + 1 >= end || text.charAt(p + 1) != '(');
    }

    private int redirect() {
        while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        char c = text.charAt(pos);
        int redirKind;
        if (c == '&') {
            pos += 2;
            redirKind = REDIR_OUT;
            if (pos < end && text.charAt(pos) == '>') {
                pos++;
            }
        } else if (c == '<') {
            pos++;
            redirKind = REDIR_IN;
            if (pos < end && text.charAt(pos) == '<') {
                pos++;
                redirKind = REDIR_IN;
                if (pos < end && text.charAt(pos) == '<') {
                    pos++;
                    redirKind = REDIR_HERE_STRING;
                } else if (pos < end && text.charAt(pos) == '-') {
                    pos++;
                }
            } else if (pos < end && text.charAt(pos) == '>') {
                pos++;
            } else if (pos < end && text.charAt(pos) == '&') {
                pos++;
                redirKind = REDIR_DUP;
            }
        } else {
            pos++;
            redirKind = REDIR_OUT;
            if (pos < end && (text.charAt(pos) == '>' || text.charAt(pos) == '|')) {
                pos++;
            } else if (pos < end && text.charAt(pos) == '&') {
                pos++;
                redirKind = REDIR_DUP;
            }
        }
        if (redirKind == REDIR_DUP) {
            while (pos < end && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
                pos++;
            }
        }
        type = REDIRECT;
        kind = redirKind;
        tokenEnd = pos;
        return type;
    }

    private void beginWord(int at) {
        inWord = true;
        wordFrom = len;
        flags = 0;
        rawStart = at;
        braceOpen = -1;
        braceClose = -1;
        braceLevel = 0;
        commaCount = 0;
        if (at < end && text.charAt(at) == '~') {
            flags |= F_TILDE;
        }
    }

    private void append(char c) {
        if (len - wordFrom >= MAX_WORD || len >= buf.length - MAX_WORD) {
            flags |= F_TRUNCATED;
            return;
        }
        buf[len++] = c;
    }

    private void append(char[] source, int from, int count) {
        for (int i = 0; i < count; i++) {
            append(source[from + i]);
        }
    }

    private void append(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            append(s.charAt(i));
        }
    }

    /** {@link #append(char)} of each character of {@code text[from, to)}, at once. */
    private void appendText(int from, int to) {
        int room = Math.min(MAX_WORD - (len - wordFrom), buf.length - MAX_WORD - len);
        int count = to - from;
        if (count > room) {
            flags |= F_TRUNCATED;
            count = Math.max(0, room);
        }
        text.getChars(from, from + count, buf, len);
        len += count;
    }

    /**
     * Takes the run of characters at {@code pos} that an unquoted word takes as they are, copying
     * while it scans: {@link #appendText} of the run, in one pass, which matters for the short
     * words of prose. The character at {@code pos} must be plain.
     */
    private void takePlainRun() {
        String s = text;
        char[] out = buf;
        int limit = end;
        int i = pos;
        int n = len;
        int room = Math.min(wordFrom + MAX_WORD, out.length - MAX_WORD);
        while (i < limit) {
            char c = s.charAt(i);
            if (c >= 128 || !PLAIN[c]) {
                break;
            }
            if (n < room) {
                out[n++] = c;
            }
            i++;
        }
        if (i - pos > n - len) {
            flags |= F_TRUNCATED;
        }
        len = n;
        pos = i;
    }

    /**
     * End of the run of characters from {@code from} that a double-quoted string takes as they are:
     * up to its closing quote, an escape or an expansion.
     */
    private int doubleQuotedRunEnd(int from) {
        String s = text;
        int limit = end;
        int i = from;
        while (i < limit) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '$' || c == '`' || c == '%') {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * ASCII characters that an unquoted word appends and does nothing else with, in both
     * dialects: letters, digits and punctuation without meaning to either shell.
     */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            PLAIN[c] = true;
            PLAIN[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            PLAIN[c] = true;
        }
        for (char c : "._:/=@+-".toCharArray()) {
            PLAIN[c] = true;
        }
    }

    /** Builds the current word until it ends; returns WORD or an interrupting OPEN/CLOSE. */
    private int continueWord() {
        while (pos < end) {
            char c = text.charAt(pos);
            if (quote == '\'') {
                // Everything up to the closing quote is taken as it is.
                int close = text.indexOf('\'', pos);
                int stop = close < 0 ? end : close;
                appendText(pos, stop);
                pos = stop;
                if (stop < end) {
                    pos++;
                    quote = 0;
                    markQuoteEnd();
                }
                continue;
            }
            if (quote == '"') {
                int stop = doubleQuotedRunEnd(pos);
                if (stop > pos) {
                    appendText(pos, stop);
                    pos = stop;
                    continue;
                }
                if (c == '"') {
                    pos++;
                    quote = 0;
                    markQuoteEnd();
                    continue;
                }
                if (!windows && c == '\\' && pos + 1 < end) {
                    char n = text.charAt(pos + 1);
                    if (n == '$' || n == '`' || n == '"' || n == '\\') {
                        append(n);
                        pos += 2;
                        flags |= F_ESCAPE;
                        continue;
                    }
                    if (n == '\n') {
                        pos += 2;
                        continue;
                    }
                }
                int r = expansionOrSubstitution(c, true);
                if (r > 0) {
                    return r;
                }
                if (r == 0) {
                    continue;
                }
                append(c);
                pos++;
                continue;
            }
            // Unquoted.
            if (c < 128 && PLAIN[c]) {
                takePlainRun();
                continue;
            }
            if (isWordEnd(c)) {
                break;
            }
            if (c == '\'' || c == '"') {
                pos++;
                markQuoteStart();
                quote = c;
                continue;
            }
            if (windows) {
                if (c == '^' && pos + 1 < end) {
                    pos++;
                    char n = text.charAt(pos);
                    if (n == '\n') {
                        pos++;
                        continue;
                    }
                    append(n);
                    pos++;
                    flags |= F_ESCAPE;
                    continue;
                }
                if (c == '`' && pos + 1 < end && Ascii.isAlnum(text.charAt(pos + 1))) {
                    pos++;
                    flags |= F_ESCAPE;
                    continue;
                }
            } else {
                if (c == '\\') {
                    if (pos + 1 >= end) {
                        append(c);
                        pos++;
                        continue;
                    }
                    if (text.charAt(pos + 1) == 'n' && len > wordFrom
                            && (pos + 2 >= end || !Ascii.isAlnum(text.charAt(pos + 2)))) {
                        // A literal "\n" after a word, as next() reads one before a command:
                        // the line break of a layer that turns it into one (";id\n").
                        break;
                    }
                    char n = text.charAt(pos + 1);
                    pos += 2;
                    if (n != '\n') {
                        append(n);
                        flags |= F_ESCAPE;
                    }
                    continue;
                }
                if (c == '`') {
                    if (closer[depth] == '`') {
                        break;
                    }
                    pos++;
                    int r = interrupt(BACKTICK, '`');
                    if (r > 0) {
                        return r;
                    }
                    continue;
                }
                if ((c == '<' || c == '>') && pos + 1 < end && text.charAt(pos + 1) == '(') {
                    pos += 2;
                    int r = interrupt(PROCESS, ')');
                    if (r > 0) {
                        return r;
                    }
                    continue;
                }
                if (c == '?' || c == '*' || c == '[') {
                    flags |= F_GLOB;
                } else if (c == '{') {
                    braceLevel++;
                    if (braceLevel == 1 && braceOpen < 0) {
                        braceOpen = len;
                        commaCount = 0;
                    }
                } else if (c == ',' && braceLevel == 1 && braceOpen >= 0 && braceClose < 0) {
                    if (commaCount < MAX_ALTERNATIVES - 1) {
                        commas[commaCount++] = len;
                    }
                } else if (c == '}' && braceLevel > 0) {
                    braceLevel--;
                    if (braceLevel == 0 && braceOpen >= 0 && braceClose < 0) {
                        braceClose = len;
                    }
                }
            }
            int r = expansionOrSubstitution(c, false);
            if (r > 0) {
                return r;
            }
            if (r == 0) {
                if (pendingIfsBreak) {
                    pendingIfsBreak = false;
                    if (len > wordFrom) {
                        flags |= F_IFS;
                        return finishWord();
                    }
                    rawStart = pos;
                    flags |= F_IFS;
                }
                continue;
            }
            append(c);
            pos++;
        }
        if (quote != 0) {
            flags |= F_UNTERMINATED;
            quote = 0;
        }
        return finishWord();
    }

    private boolean isWordEnd(char c) {
        switch (c) {
            case ' ', '\t', '\n', '\r', '\f', 0x0b, 0xa0, ';', '|', '&', '(', ')', '<', '>':
                if ((c == '<' || c == '>') && !windows && pos + 1 < end && text.charAt(pos + 1) == '(') {
                    return false;
                }
                return true;
            case '}':
                return closer[depth] == '}' && braceLevel == 0;
            default:
                return false;
        }
    }

    private void markQuoteStart() {
        flags |= F_QUOTED;
        if (len > wordFrom) {
            flags |= F_MID_QUOTE;
        }
    }

    private void markQuoteEnd() {
        if (pos < end && Ascii.isAlnum(text.charAt(pos))) {
            flags |= F_MID_QUOTE;
        }
    }

    /**
     * Handles {@code $...} (POSIX) or {@code %...%} (Windows) at {@code pos}. Returns a token type
     * when a substitution opens, 0 when something was consumed, -1 when {@code c} is plain.
     */
    private int expansionOrSubstitution(char c, boolean inDoubleQuotes) {
        if (windows) {
            if (c == '%') {
                return percentVariable();
            }
            if (c == '$' && pos + 1 < end && text.charAt(pos + 1) == '(') {
                pos += 2;
                int r = interrupt(SUBST, ')');
                return r > 0 ? r : 0;
            }
            return -1;
        }
        if (c == '`' && inDoubleQuotes) {
            pos++;
            int r = interrupt(BACKTICK, '`');
            return r > 0 ? r : 0;
        }
        if (c != '$' || pos + 1 >= end) {
            return -1;
        }
        char n = text.charAt(pos + 1);
        if (n == '(') {
            pos += 2;
            int r = interrupt(SUBST, ')');
            return r > 0 ? r : 0;
        }
        if (n == '{') {
            pos += 2;
            braced(inDoubleQuotes);
            return 0;
        }
        if (n == '[') {
            // Old arithmetic expansion $[...]: skip, it yields a number.
            pos += 2;
            int level = 1;
            while (pos < end && level > 0) {
                char x = text.charAt(pos++);
                if (x == '[') {
                    level++;
                } else if (x == ']') {
                    level--;
                }
            }
            flags |= F_VAR;
            return 0;
        }
        if (n == '\'' && !inDoubleQuotes) {
            pos += 2;
            ansiC();
            return 0;
        }
        if (n == '"' && !inDoubleQuotes) {
            pos += 2;
            markQuoteStart();
            quote = '"';
            return 0;
        }
        if (n == '_' && pos + 2 < end && isNameChar(text.charAt(pos + 2))) {
            // "$_" (last argument) glued to letters, as attackers write it: c$_at.
            pos += 2;
            flags |= F_VAR | F_UNKNOWN_VAR;
            return 0;
        }
        if (isNameStart(n)) {
            int from = pos + 1;
            int to = from;
            while (to < end && isNameChar(text.charAt(to))) {
                to++;
            }
            pos = to;
            expandName(from, to, inDoubleQuotes);
            return 0;
        }
        if (isSpecialParameter(n)) {
            pos += 2;
            flags |= F_VAR | F_UNKNOWN_VAR;
            return 0;
        }
        return -1;
    }

    private static boolean isSpecialParameter(char c) {
        return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!'
                || (c >= '0' && c <= '9');
    }

    private void expandName(int from, int to, boolean inDoubleQuotes) {
        flags |= F_VAR;
        if (to - from == 3 && text.regionMatches(from, "IFS", 0, 3)) {
            if (inDoubleQuotes) {
                append(' ');
            } else {
                pendingIfsBreak = true;
            }
            return;
        }
        int v = findVar(from, to);
        if (v >= 0) {
            appendValue(arena, null, varValueFrom[v], varValueLen[v]);
            return;
        }
        String known = environment(from, to);
        if (known != null) {
            append(known, 0, known.length());
            return;
        }
        flags |= F_UNKNOWN_VAR;
    }

    /**
     * Values a target's environment very likely has, so that {@code ${PATH:0:1}} yields '/' and
     * {@code $SHELL} or {@code $BASH} name a shell.
     */
    private String environment(int from, int to) {
        int n = to - from;
        if (n == 4 && text.regionMatches(from, "PATH", 0, 4)) {
            return "/usr/local/bin:/usr/bin:/bin";
        }
        if (n == 4 && text.regionMatches(from, "HOME", 0, 4)) {
            return "/root";
        }
        if (n == 3 && text.regionMatches(from, "PWD", 0, 3)) {
            return "/";
        }
        if (n == 6 && text.regionMatches(from, "OLDPWD", 0, 6)) {
            return "/";
        }
        if (n == 5 && text.regionMatches(from, "SHELL", 0, 5)) {
            return "/bin/sh";
        }
        if (n == 4 && text.regionMatches(from, "BASH", 0, 4)) {
            return "/bin/bash";
        }
        return null;
    }

    private int findVar(int from, int to) {
        int n = to - from;
        for (int v = varCount - 1; v >= 0; v--) {
            if (varNameLen[v] == n) {
                int a = varNameFrom[v];
                boolean same = true;
                for (int i = 0; i < n; i++) {
                    if (arena[a + i] != text.charAt(from + i)) {
                        same = false;
                        break;
                    }
                }
                if (same) {
                    return v;
                }
            }
        }
        return -1;
    }

    /** {@code ${...}} starting after the brace. */
    private void braced(boolean inDoubleQuotes) {
        flags |= F_VAR;
        int start = pos;
        int level = 1;
        int close = -1;
        while (pos < end) {
            char x = text.charAt(pos++);
            if (x == '{') {
                level++;
            } else if (x == '}') {
                if (--level == 0) {
                    close = pos - 1;
                    break;
                }
            }
        }
        int stop = close < 0 ? end : close;
        int nameFrom = start;
        int nameTo = start;
        if (nameTo < stop && text.charAt(nameTo) == '!') {
            flags |= F_UNKNOWN_VAR;
            return;
        }
        while (nameTo < stop && isNameChar(text.charAt(nameTo))) {
            nameTo++;
        }
        if (nameTo == nameFrom) {
            flags |= F_UNKNOWN_VAR;
            return;
        }
        if (nameTo - nameFrom == 3 && text.regionMatches(nameFrom, "IFS", 0, 3) && nameTo == stop) {
            if (inDoubleQuotes) {
                append(' ');
            } else {
                pendingIfsBreak = true;
            }
            return;
        }
        int v = findVar(nameFrom, nameTo);
        char[] valueChars = null;
        String valueString = null;
        int valueFrom = 0;
        int valueLen = 0;
        if (v >= 0) {
            valueChars = arena;
            valueFrom = varValueFrom[v];
            valueLen = varValueLen[v];
        } else {
            valueString = environment(nameFrom, nameTo);
            if (valueString != null) {
                valueLen = valueString.length();
            }
        }
        boolean known = v >= 0 || valueString != null;
        if (nameTo < stop && text.charAt(nameTo) == ':' && nameTo + 1 < stop
                && isOffsetStart(text.charAt(nameTo + 1))) {
            // Substring ${NAME:offset:length}.
            int p = nameTo + 1;
            long[] parsed = new long[2];
            p = parseNumber(p, stop, parsed, 0);
            int offset = (int) parsed[0];
            int length = valueLen;
            if (p < stop && text.charAt(p) == ':') {
                parseNumber(p + 1, stop, parsed, 1);
                length = (int) parsed[1];
            }
            if (!known) {
                flags |= F_UNKNOWN_VAR;
                return;
            }
            if (offset < 0) {
                offset = Math.max(0, valueLen + offset);
            }
            offset = Math.min(offset, valueLen);
            if (length < 0) {
                length = Math.max(0, valueLen - offset + length);
            }
            length = Math.min(length, valueLen - offset);
            appendValue(valueChars, valueString, valueFrom + offset, length);
            return;
        }
        if (known) {
            appendValue(valueChars, valueString, valueFrom, valueLen);
            return;
        }
        flags |= F_UNKNOWN_VAR;
        // ${x:-default} and ${x-default} yield the default when x is unset.
        int p = nameTo;
        if (p < stop && text.charAt(p) == ':') {
            p++;
        }
        if (p < stop && (text.charAt(p) == '-' || text.charAt(p) == '=')) {
            append(text, p + 1, stop);
        }
    }

    private static boolean isOffsetStart(char c) {
        return (c >= '0' && c <= '9') || c == ' ' || c == '-';
    }

    private int parseNumber(int p, int stop, long[] out, int slot) {
        while (p < stop && text.charAt(p) == ' ') {
            p++;
        }
        boolean negative = false;
        if (p < stop && text.charAt(p) == '-') {
            negative = true;
            p++;
        }
        long value = 0;
        while (p < stop && Character.isDigit(text.charAt(p))) {
            value = Math.min(value * 10 + (text.charAt(p) - '0'), 100_000);
            p++;
        }
        out[slot] = negative ? -value : value;
        return p;
    }

    private void appendValue(char[] chars, String string, int from, int count) {
        if (count <= 0) {
            return;
        }
        int start = len;
        if (chars != null) {
            append(chars, from, count);
        } else {
            append(string, from, from + count);
        }
        for (int i = start; i < len; i++) {
            char c = buf[i];
            if (c == '?' || c == '*' || c == '[') {
                flags |= F_GLOB;
                break;
            }
        }
    }

    /** ANSI-C quoting {@code $'...'}, after the opening quote. */
    private void ansiC() {
        flags |= F_ANSI | F_QUOTED;
        if (len > wordFrom) {
            flags |= F_MID_QUOTE;
        }
        while (pos < end) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                markQuoteEnd();
                return;
            }
            if (c != '\\' || pos >= end) {
                append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'x' -> append((char) hex(2));
                case 'u' -> append((char) hex(4));
                case 'U' -> append((char) hex(8));
                case 'n' -> append('\n');
                case 't' -> append('\t');
                case 'r' -> append('\r');
                case 'e', 'E' -> append((char) 27);
                case 'a' -> append((char) 7);
                case 'b' -> append('\b');
                case 'f' -> append('\f');
                case 'v' -> append((char) 11);
                case 'c' -> {
                    if (pos < end) {
                        append((char) (text.charAt(pos++) & 0x1f));
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int i = 0; i < 2 && pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '7'; i++) {
                            value = value * 8 + (text.charAt(pos++) - '0');
                        }
                        append((char) (value & 0xff));
                    } else {
                        append(e);
                    }
                }
            }
        }
        flags |= F_UNTERMINATED;
    }

    private int hex(int maxDigits) {
        int value = 0;
        int digits = 0;
        while (digits < maxDigits && pos < end && Character.digit(text.charAt(pos), 16) >= 0) {
            value = value * 16 + Character.digit(text.charAt(pos++), 16);
            digits++;
        }
        return value & 0xffff;
    }

    /** Windows {@code %NAME%} and {@code %NAME:~offset,length%}. */
    private int percentVariable() {
        int close = -1;
        for (int p = pos + 1; p < end && p - pos < 64; p++) {
            char x = text.charAt(p);
            if (x == '%') {
                close = p;
                break;
            }
            if (x == ' ' || x == '\n' || x == '"' || x == '&' || x == '|') {
                break;
            }
        }
        if (close < 0 || close == pos + 1) {
            return -1;
        }
        int nameFrom = pos + 1;
        int nameTo = nameFrom;
        while (nameTo < close && text.charAt(nameTo) != ':') {
            nameTo++;
        }
        String value = windowsEnvironment(nameFrom, nameTo);
        if (value == null) {
            flags |= F_PERCENT_VAR;
            return -1;
        }
        flags |= F_VAR;
        int offset = 0;
        int length = value.length();
        if (nameTo < close && nameTo + 1 < close && text.charAt(nameTo + 1) == '~') {
            long[] parsed = new long[2];
            int p = parseNumber(nameTo + 2, close, parsed, 0);
            offset = (int) parsed[0];
            if (offset < 0) {
                offset = Math.max(0, value.length() + offset);
            }
            offset = Math.min(offset, value.length());
            length = value.length() - offset;
            if (p < close && text.charAt(p) == ',') {
                parseNumber(p + 1, close, parsed, 1);
                int l = (int) parsed[1];
                length = l < 0 ? Math.max(0, value.length() - offset + l) : Math.min(l, length);
            }
        }
        append(value, offset, offset + length);
        pos = close + 1;
        return 0;
    }

    private String windowsEnvironment(int from, int to) {
        String name = text.substring(from, to).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "comspec" -> "C:\\Windows\\system32\\cmd.exe";
            case "systemroot", "windir" -> "C:\\Windows";
            case "systemdrive", "homedrive" -> "C:";
            case "programfiles" -> "C:\\Program Files";
            case "psmodulepath" -> "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules";
            default -> null;
        };
    }

    private int finishWord() {
        inWord = false;
        type = WORD;
        kind = 0;
        tokenStart = rawStart;
        tokenEnd = pos;
        wordFrom = Math.min(wordFrom, len);
        wordTo = len;
        if (!windows && braceClose > braceOpen && braceOpen >= 0 && commaCount > 0
                && (flags & F_TRUNCATED) == 0) {
            altBaseFrom = wordFrom;
            altBaseLen = len;
            altFlags = flags | F_BRACE;
            altOpen = braceOpen;
            altClose = braceClose;
            altCount = commaCount;
            System.arraycopy(commas, 0, altCommas, 0, commaCount);
            altIndex = 0;
            return nextAlternative();
        }
        resetPending = true;
        return WORD;
    }

    /** Emits {@code prefix + alternative + suffix} for each alternative of a brace expansion. */
    private int nextAlternative() {
        if (altIndex > altCount) {
            altIndex = -1;
            len = altBaseFrom;
            wordFrom = altBaseFrom;
            resetPending = false;
            return next();
        }
        int from = altIndex == 0 ? altOpen + 1 : altCommas[altIndex - 1] + 1;
        int to = altIndex == altCount ? altClose : altCommas[altIndex];
        int out = altBaseLen;
        out = copy(altBaseFrom, altOpen, out);
        out = copy(from, to, out);
        out = copy(altClose + 1, altBaseLen, out);
        altIndex++;
        type = WORD;
        kind = 0;
        wordFrom = altBaseLen;
        wordTo = out;
        flags = altFlags;
        if (altIndex > 1) {
            spaceBefore = true;
        }
        len = altBaseLen;
        return WORD;
    }

    private int copy(int from, int to, int out) {
        for (int i = from; i < to && out < buf.length; i++) {
            buf[out++] = buf[i];
        }
        return out;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
