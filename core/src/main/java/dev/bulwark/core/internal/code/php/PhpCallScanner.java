package dev.bulwark.core.internal.code.php;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.CodeLexer;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.TextProfile;
import java.nio.CharBuffer;

/**
 * Finds PHP calls in a value by their shape, tolerant to the whitespace and comments PHP allows
 * between a callee and its argument list ({@code system /*x*}{@code / ("id")}):
 *
 * <ul>
 *   <li>calls of named built-in functions ({@link PhpNames#FUNCTIONS}, extension prefixes, and
 *       high-risk names as a suffix); functions named by English words ({@code file},
 *       {@code date}) only in code context: a whole-value call, or after {@code ;} / {@code @};
 *   <li>variable function calls: {@code $f(...)}, {@code $$f(...)}, {@code ${'f'}(...)},
 *       {@code $a['k'](...)}, {@code $o->$m(...)}, {@code ($f)(...)};
 *   <li>dynamic calls of an expression that folds to a function name: {@code "system"(...)},
 *       {@code ('sys'.'tem')(...)}, {@code (sy.(st).em)(...)}, {@code [system][0](...)}.
 * </ul>
 *
 * <p>The scanner keeps, per bracket depth, what the last expression was (a name, a foldable
 * string, a variable, something else). Depth and folded text are bounded, so it is one linear pass.
 */
final class PhpCallScanner {

    /** Receives the calls found. */
    interface Listener {
        void functionCall(int start, int end);

        void variableCall(int start, int end);

        void dynamicCall(int start, int end);
    }

    private static final int MAX_DEPTH = 32;
    /** Candidate marker: a PHP function called between two words of prose. */
    private static final int PROSE_CHECK = -1;
    private static final int FOLD_CAPACITY = 256;

    // What the last expression at a depth is.
    private static final int NONE = 0;
    private static final int NAME = 1;
    private static final int FOLD = 2;
    private static final int VAR = 3;
    private static final int OTHER = 4;

    // Kinds of open groups.
    private static final int PLAIN = 0;
    private static final int CALL = 1;
    private static final int SUBSCRIPT = 2;
    private static final int VAR_BRACE = 3;

    // First argument of a call awaiting context.
    private static final int ARG_UNSEEN = 0;
    private static final int ARG_CODE = 1;
    private static final int ARG_NUMBER = 2;
    private static final int ARG_WORD = 3;
    private static final int ARG_OTHER = 4;

    private final String s;
    /** Where reading starts. */
    private final int start;
    private final Listener listener;
    private final CodeLexer lex;

    private final char[] fold = new char[FOLD_CAPACITY];
    private int foldLength;

    // Per depth: the last expression.
    private final int[] kind = new int[MAX_DEPTH + 1];
    private final int[] foldFrom = new int[MAX_DEPTH + 1];
    private final int[] foldTo = new int[MAX_DEPTH + 1];
    private final boolean[] hasString = new boolean[MAX_DEPTH + 1];
    private final boolean[] fromBracket = new boolean[MAX_DEPTH + 1];
    private final boolean[] concatenated = new boolean[MAX_DEPTH + 1];
    private final boolean[] subscripted = new boolean[MAX_DEPTH + 1];
    private final int[] exprStart = new int[MAX_DEPTH + 1];
    private final boolean[] concat = new boolean[MAX_DEPTH + 1];
    private final boolean[] impure = new boolean[MAX_DEPTH + 1];

    // Per open group.
    private final int[] groupKind = new int[MAX_DEPTH + 1];
    private final char[] groupOpen = new char[MAX_DEPTH + 1];
    private final int[] groupFoldMark = new int[MAX_DEPTH + 1];
    private final int[] groupDollar = new int[MAX_DEPTH + 1];
    private final int[] savedKind = new int[MAX_DEPTH + 1];
    private final int[] savedFoldFrom = new int[MAX_DEPTH + 1];
    private final int[] savedFoldTo = new int[MAX_DEPTH + 1];
    private final boolean[] savedHasString = new boolean[MAX_DEPTH + 1];
    private final int[] savedStart = new int[MAX_DEPTH + 1];
    // Per open call group: a candidate named by an English word, waiting for context.
    private final int[] candidateFlags = new int[MAX_DEPTH + 1];
    private final int[] candidateStart = new int[MAX_DEPTH + 1];
    private final int[] candidateEnd = new int[MAX_DEPTH + 1];
    private final boolean[] candidateAtStart = new boolean[MAX_DEPTH + 1];
    private final boolean[] candidateInContext = new boolean[MAX_DEPTH + 1];
    private final boolean[] candidateSpaced = new boolean[MAX_DEPTH + 1];
    private final int[] candidateArg = new int[MAX_DEPTH + 1];

    private int depth;
    private int overflow;
    private int tokenIndex;
    private boolean dollar;
    private int dollarStart;

    // The previous two significant tokens.
    private int prevType = CodeLexer.END;
    private char prevPunct;
    private int prevStart;
    private int prevEnd;
    private int prev2Type = CodeLexer.END;
    private char prev2Punct;
    private int prev2Start;
    private int prev2End;
    private int prev3Type = CodeLexer.END;

    PhpCallScanner(String s, Listener listener) {
        this(s, 0, listener);
    }

    /**
     * A scanner that reads {@code s} from {@code from} on, as code that starts there: the value read
     * after the quote that closes the string it was injected into ({@code ';system('id');//}).
     */
    PhpCallScanner(String s, int from, Listener listener) {
        this.s = s;
        this.listener = listener;
        this.start = from;
        this.lex = new CodeLexer(s, from, s.length(), CodeLexer.SLASH_COMMENTS | CodeLexer.HASH_COMMENTS);
    }

    void run() {
        while (lex.next() != CodeLexer.END) {
            noteFirstArgument();
            switch (lex.type) {
                case CodeLexer.IDENT -> ident();
                case CodeLexer.STRING -> string();
                case CodeLexer.NUMBER -> setValue(OTHER, lex.start);
                default -> punct(lex.punct);
            }
            prev3Type = prev2Type;
            prev2Type = prevType;
            prev2Punct = prevPunct;
            prev2Start = prevStart;
            prev2End = prevEnd;
            prevType = lex.type;
            prevPunct = lex.punct;
            prevStart = lex.start;
            prevEnd = lex.end;
            tokenIndex++;
        }
    }

    /** The first token inside a call's parentheses decides whether its argument looks like code. */
    private void noteFirstArgument() {
        if (depth == 0 || groupKind[depth - 1] != CALL || candidateFlags[depth - 1] <= 0
                || candidateArg[depth - 1] != ARG_UNSEEN) {
            return;
        }
        int g = depth - 1;
        int arg;
        if (lex.type == CodeLexer.STRING || (lex.type == CodeLexer.PUNCT && (lex.punct == '$' || lex.punct == ')'))) {
            arg = ARG_CODE;
        } else if (lex.type == CodeLexer.NUMBER) {
            arg = ARG_NUMBER;
        } else if (lex.type == CodeLexer.IDENT) {
            arg = ARG_WORD;
        } else {
            arg = ARG_OTHER;
        }
        candidateArg[g] = arg;
        if ((arg == ARG_CODE || arg == ARG_NUMBER) && (candidateFlags[g] & PhpNames.EXECUTES) != 0
                && (candidateAtStart[g] || candidateInContext[g])) {
            report(g);
        }
    }

    private void ident() {
        if (dollar) {
            dollar = false;
            setValue(VAR, dollarStart);
            return;
        }
        int level = depth;
        if (concat[level] && (kind[level] == NAME || kind[level] == FOLD) && foldTo[level] == foldLength) {
            kind[level] = appendFold(level, lex.start, lex.end) ? FOLD : OTHER;
            concatenated[level] = true;
            concat[level] = false;
            return;
        }
        startValue(level, lex.start);
        kind[level] = NAME;
        foldFrom[level] = foldLength;
        foldTo[level] = foldLength;
        hasString[level] = false;
        fromBracket[level] = false;
        concatenated[level] = false;
        if (!appendFold(level, lex.start, lex.end)) {
            kind[level] = OTHER;
        }
    }

    private void string() {
        dollar = false;
        int level = depth;
        int from = lex.stringContentStart();
        int to = lex.stringContentEnd();
        if (prevType == CodeLexer.IDENT && isIncludeKeyword(prevStart, prevEnd) && looksLikePath(from, to)
                && (prev2Type == CodeLexer.END || isStatementBoundary(prev2Type, prev2Punct))) {
            listener.functionCall(prevStart, lex.end);
        }
        if (concat[level] && (kind[level] == NAME || kind[level] == FOLD) && foldTo[level] == foldLength) {
            kind[level] = appendFold(level, from, to) ? FOLD : OTHER;
            hasString[level] = true;
            concatenated[level] = true;
            concat[level] = false;
            return;
        }
        startValue(level, lex.start);
        kind[level] = FOLD;
        foldFrom[level] = foldLength;
        foldTo[level] = foldLength;
        hasString[level] = true;
        fromBracket[level] = false;
        concatenated[level] = false;
        if (!appendFold(level, from, to)) {
            kind[level] = OTHER;
        }
    }

    private void punct(char c) {
        int level = depth;
        switch (c) {
            case '$' -> {
                if (!dollar) {
                    dollarStart = lex.start;
                }
                dollar = true;
                return;
            }
            case '@', '\\' -> {
                return;
            }
            case '.' -> {
                dollar = false;
                if (kind[level] == NAME || kind[level] == FOLD) {
                    concat[level] = true;
                } else {
                    reset(level);
                }
                return;
            }
            case '(' -> {
                boolean wasDollar = dollar;
                dollar = false;
                if (!wasDollar) {
                    openParen(level);
                } else {
                    push(PLAIN, c);
                }
                return;
            }
            case '[', '{' -> {
                if (dollar && c == '{') {
                    dollar = false;
                    push(VAR_BRACE, c);
                    groupDollar[depth - 1] = dollarStart;
                    return;
                }
                dollar = false;
                if (endsValue() && kind[level] != NONE && kind[level] != OTHER) {
                    push(SUBSCRIPT, c);
                } else {
                    push(PLAIN, c);
                }
                return;
            }
            case ')', ']', '}' -> {
                dollar = false;
                close();
                return;
            }
            default -> {
                dollar = false;
                reset(level);
            }
        }
    }

    private void openParen(int level) {
        boolean valueEnd = endsValue();
        int k = kind[level];
        if (valueEnd && k == NAME && prevType == CodeLexer.IDENT) {
            namedCall(level);
            return;
        }
        if (valueEnd && k == VAR) {
            boolean tight = !lex.spaceBefore || lex.commentBefore;
            if (tight || (exprStart[level] == firstTokenStart() && argumentLooksLikeCode())) {
                listener.variableCall(exprStart[level], lex.end);
            }
            push(CALL, '(');
            return;
        }
        if (valueEnd && k == FOLD && (prevType == CodeLexer.STRING || prevType == CodeLexer.PUNCT)) {
            dynamicCall(level);
            push(CALL, '(');
            return;
        }
        push(PLAIN, '(');
    }

    private void namedCall(int level) {
        int start = prevStart;
        int end = prevEnd;
        int flags = functionFlags(start, end);
        boolean member = prev2Type == CodeLexer.PUNCT
                && ((prev2Punct == '.' && (prev3Type == CodeLexer.IDENT || prev3Type == CodeLexer.PUNCT))
                        || prev2Punct == '>' || prev2Punct == ':');
        boolean declaration = prev2Type == CodeLexer.IDENT && (Ascii.rangeEquals(s, prev2Start, prev2End, "function")
                || Ascii.rangeEquals(s, prev2Start, prev2End, "new") || Ascii.rangeEquals(s, prev2Start, prev2End, "fn")
                || Ascii.rangeEquals(s, prev2Start, prev2End, "def"));
        push(CALL, '(');
        int g = depth - 1;
        candidateFlags[g] = 0;
        if (flags == 0 || declaration || (member && (flags & PhpNames.HIGH_RISK) == 0) || ((flags & PhpNames.EXECUTES) == 0 && manPageSection(lex.end))) {
            return;
        }
        if ((flags & (PhpNames.FUNCTION | PhpNames.HIGH_RISK)) != 0 && (flags & PhpNames.WORD) == 0) {
            boolean afterWord = prev2Type == CodeLexer.IDENT && !isPhpKeyword(prev2Start, prev2End);
            if (afterWord && (flags & PhpNames.HIGH_RISK) == 0 && !lex.commentBefore) {
                // "you can call strlen() to get it": decided when the call closes.
                candidateFlags[g] = PROSE_CHECK;
                candidateStart[g] = start;
                candidateEnd[g] = lex.end;
                return;
            }
            listener.functionCall(start, lex.end);
            return;
        }
        boolean atStart = start == firstTokenStart();
        boolean inContext = prev2Type != CodeLexer.END && (isStatementBoundary(prev2Type, prev2Punct)
                || ((flags & PhpNames.EXECUTES) != 0 && prev2Type == CodeLexer.PUNCT
                        && (prev2Punct == '=' || prev2Punct == '(' || prev2Punct == ',')));
        if (!atStart && !inContext) {
            return;
        }
        candidateFlags[g] = flags;
        candidateStart[g] = start;
        candidateEnd[g] = lex.end;
        candidateAtStart[g] = atStart;
        candidateInContext[g] = inContext;
        candidateSpaced[g] = lex.spaceBefore && !lex.commentBefore;
        candidateArg[g] = ARG_UNSEEN;
    }

    private void dynamicCall(int level) {
        int from = foldFrom[level];
        int to = foldTo[level];
        while (from < to && Ascii.isSpace(fold[from])) {
            from++;
        }
        while (to > from && Ascii.isSpace(fold[to - 1])) {
            to--;
        }
        if (to <= from) {
            return;
        }
        CharSequence name = CharBuffer.wrap(fold, 0, FOLD_CAPACITY);
        int flags = PhpNames.FUNCTIONS.flags(name, from, to);
        if (flags == 0 && hasExtensionPrefix(name, from, to)) {
            flags = PhpNames.FUNCTION;
        }
        if (flags == 0) {
            return;
        }
        boolean spaced = lex.spaceBefore && !lex.commentBefore;
        if (spaced && !concatenated[level] && !subscripted[level]) {
            return;
        }
        if (!hasString[level]) {
            boolean markdownLink = fromBracket[level] && prevType == CodeLexer.PUNCT && prevPunct == ']';
            if (markdownLink || (spaced && !subscripted[level]) || (flags & (PhpNames.FUNCTION | PhpNames.HIGH_RISK)) == 0) {
                return;
            }
        }
        listener.dynamicCall(exprStart[level], lex.end);
    }

    private void close() {
        if (overflow > 0) {
            overflow--;
            return;
        }
        if (depth == 0) {
            reset(0);
            return;
        }
        int inner = depth;
        depth--;
        int g = depth;
        int level = depth;
        int innerKind = kind[inner];
        boolean innerPure = !impure[inner];
        int innerFrom = foldFrom[inner];
        int innerTo = foldTo[inner];
        boolean innerString = hasString[inner];
        switch (groupKind[g]) {
            case SUBSCRIPT -> {
                foldLength = groupFoldMark[g];
                kind[level] = savedKind[g];
                foldFrom[level] = savedFoldFrom[g];
                foldTo[level] = savedFoldTo[g];
                hasString[level] = savedHasString[g];
                exprStart[level] = savedStart[g];
                fromBracket[level] = false;
                subscripted[level] = true;
                concat[level] = false;
            }
            case VAR_BRACE -> {
                foldLength = groupFoldMark[g];
                startValue(level, groupDollar[g]);
                kind[level] = VAR;
            }
            case CALL -> {
                foldLength = groupFoldMark[g];
                finishCandidate(g);
                int start = exprStart[level];
                kind[level] = OTHER;
                exprStart[level] = start;
                concat[level] = false;
            }
            default -> {
                boolean folds = innerPure && (innerKind == NAME || innerKind == FOLD);
                if (folds && concat[level] && (kind[level] == NAME || kind[level] == FOLD)
                        && foldTo[level] == groupFoldMark[g]) {
                    int n = innerTo - innerFrom;
                    System.arraycopy(fold, innerFrom, fold, groupFoldMark[g], n);
                    foldLength = groupFoldMark[g] + n;
                    foldTo[level] = foldLength;
                    kind[level] = FOLD;
                    hasString[level] |= innerString;
                    fromBracket[level] = false;
                    concatenated[level] = true;
                    concat[level] = false;
                } else if (folds) {
                    int n = innerTo - innerFrom;
                    int mark = groupFoldMark[g];
                    System.arraycopy(fold, innerFrom, fold, mark, n);
                    foldLength = mark + n;
                    int openedAt = savedStart[g];
                    startValue(level, openedAt);
                    kind[level] = FOLD;
                    foldFrom[level] = mark;
                    foldTo[level] = foldLength;
                    hasString[level] = innerString;
                    concatenated[level] = concatenated[inner];
                    subscripted[level] = subscripted[inner];
                    fromBracket[level] = groupOpen[g] == '[';
                } else if (innerPure && innerKind == VAR) {
                    foldLength = groupFoldMark[g];
                    startValue(level, savedStart[g]);
                    kind[level] = VAR;
                } else {
                    foldLength = groupFoldMark[g];
                    startValue(level, savedStart[g]);
                    kind[level] = OTHER;
                }
            }
        }
    }

    /**
     * Whether the parentheses opened before {@code from} hold only a manual section, as in
     * {@code chmod(2)} or {@code printf(3p)}: prose naming a page of the manual, not a call.
     */
    private boolean manPageSection(int from) {
        int n = s.length();
        if (from >= n || s.charAt(from) < '1' || s.charAt(from) > '9') {
            return false;
        }
        int i = from + 1;
        while (i < n && i - from <= 3 && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
            i++;
        }
        return i < n && s.charAt(i) == ')';
    }

    /** A call named by an English word is reported once its context and arguments are known. */
    private void finishCandidate(int g) {
        int flags = candidateFlags[g];
        if (flags == 0) {
            return;
        }
        candidateFlags[g] = 0;
        if (flags == PROSE_CHECK) {
            int next = Ascii.skipSpaces(s, lex.end, s.length());
            boolean wordFollows = next > lex.end && next < s.length() && Ascii.isLetter(s.charAt(next));
            if (!wordFollows) {
                listener.functionCall(candidateStart[g], candidateEnd[g]);
            }
            return;
        }
        int arg = candidateArg[g];
        boolean codeArg = arg == ARG_CODE;
        boolean executes = (flags & PhpNames.EXECUTES) != 0;
        boolean numberArg = arg == ARG_NUMBER && (executes || (flags & PhpNames.FORMULA) == 0);
        if (candidateAtStart[g] && wholeStatementEndsHere()) {
            // "exec (x)" is a call; "System (optional)", "list (2)" and "max(price)" are labels and formulas.
            boolean spaced = candidateSpaced[g];
            boolean lowerCaseName = Character.isLowerCase(s.charAt(candidateStart[g]));
            boolean call = executes
                    ? !spaced || codeArg || numberArg || (arg == ARG_WORD && lowerCaseName)
                    : codeArg || (numberArg && !spaced);
            if (call) {
                listener.functionCall(candidateStart[g], candidateEnd[g]);
            }
        } else if (candidateInContext[g] && (codeArg || (executes && numberArg))) {
            listener.functionCall(candidateStart[g], candidateEnd[g]);
        }
    }

    private void report(int g) {
        listener.functionCall(candidateStart[g], candidateEnd[g]);
        candidateFlags[g] = 0;
    }

    /** After a closing parenthesis: only whitespace, then the end or a statement separator. */
    private boolean wholeStatementEndsHere() {
        int i = Ascii.skipSpaces(s, lex.end, s.length());
        return i >= s.length() || s.charAt(i) == ';' || s.charAt(i) == '?';
    }

    private boolean argumentLooksLikeCode() {
        int i = Ascii.skipSpaces(s, lex.end, s.length());
        if (i >= s.length()) {
            return true;
        }
        char c = s.charAt(i);
        return c == ')' || c == '$' || c == '\'' || c == '"' || Ascii.isDigit(c);
    }

    private int firstTokenStart() {
        int i = start;
        while (i < s.length() && (Ascii.isSpace(s.charAt(i)) || s.charAt(i) == '@' || s.charAt(i) == '\\')) {
            i++;
        }
        return i;
    }

    private boolean endsValue() {
        return prevType == CodeLexer.IDENT || prevType == CodeLexer.STRING
                || (prevType == CodeLexer.PUNCT && (prevPunct == ')' || prevPunct == ']' || prevPunct == '}'));
    }

    private static boolean isStatementBoundary(int type, char punct) {
        return type == CodeLexer.PUNCT && (punct == ';' || punct == '@' || punct == '{' || punct == '}');
    }

    /** Keywords that precede a call in PHP statements, unlike the words of a sentence. */
    private boolean isPhpKeyword(int from, int to) {
        return PHP_KEYWORDS.contains(s, from, to);
    }

    private static final Lexicon PHP_KEYWORDS = Lexicon.of("echo", "print", "return", "and", "or", "xor",
            "else", "case", "yield", "throw", "include", "require", "include_once", "require_once", "clone");

    private boolean isIncludeKeyword(int from, int to) {
        return Ascii.rangeEquals(s, from, to, "include") || Ascii.rangeEquals(s, from, to, "include_once")
                || Ascii.rangeEquals(s, from, to, "require") || Ascii.rangeEquals(s, from, to, "require_once");
    }

    private boolean looksLikePath(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\' || c == ':') {
                return true;
            }
        }
        return to - from > 4 && Ascii.matchesAt(s, to - 4, ".php");
    }

    /**
     * Whether any {@code (} in the value could be a call this scanner reports: preceded by a
     * known function name, a variable, a closing bracket or a string. Comments make it give up
     * and answer yes. Lets the caller skip the full scan for prose with parentheses. {@code profile}
     * is the profile of {@code s}: comment marks it does not hold are not searched for.
     */
    static boolean mayHaveCalls(String s, TextProfile profile) {
        if (profile.has('#') || profile.has('/') && (s.indexOf("//") >= 0 || s.indexOf("/*") >= 0)) {
            return true;
        }
        for (int paren = s.indexOf('('); paren >= 0; paren = s.indexOf('(', paren + 1)) {
            int i = paren - 1;
            while (i >= 0 && Ascii.isSpace(s.charAt(i))) {
                i--;
            }
            if (i < 0) {
                continue;
            }
            char c = s.charAt(i);
            if (c == ')' || c == ']' || c == '}' || c == '\'' || c == '"' || c == '`') {
                return true;
            }
            int end = i + 1;
            int start = end;
            while (start > 0 && end - start < 64 && Ascii.isIdentPart(s.charAt(start - 1))) {
                start--;
            }
            if (start < end && ((start > 0 && s.charAt(start - 1) == '$') || functionFlags(s, start, end) != 0)) {
                return true;
            }
        }
        return false;
    }

    private int functionFlags(int from, int to) {
        return functionFlags(s, from, to);
    }

    /** Flags of a called name: the table, an extension prefix, or a high-risk suffix. */
    static int functionFlags(String s, int from, int to) {
        int flags = PhpNames.FUNCTIONS.flags(s, from, to);
        if (flags != 0) {
            return flags;
        }
        if (hasExtensionPrefix(s, from, to)) {
            return PhpNames.FUNCTION;
        }
        int lowest = Math.max(from + 1, to - PhpNames.FUNCTIONS.maxLength());
        for (int start = lowest; start <= to - 7; start++) {
            if ((PhpNames.FUNCTIONS.flags(s, start, to) & PhpNames.HIGH_RISK) != 0) {
                return PhpNames.HIGH_RISK;
            }
        }
        return 0;
    }

    private static boolean hasExtensionPrefix(CharSequence name, int from, int to) {
        int limit = Math.min(to - 1, from + 20);
        for (int i = from + 1; i < limit; i++) {
            if (name.charAt(i) == '_') {
                return PhpNames.EXTENSION_PREFIXES.contains(name, from, i + 1);
            }
        }
        return false;
    }

    private void push(int groupType, char open) {
        if (depth >= MAX_DEPTH) {
            overflow++;
            return;
        }
        int level = depth;
        int g = depth;
        groupKind[g] = groupType;
        groupOpen[g] = open;
        groupFoldMark[g] = foldLength;
        savedKind[g] = kind[level];
        savedFoldFrom[g] = foldFrom[level];
        savedFoldTo[g] = foldTo[level];
        savedHasString[g] = hasString[level];
        savedStart[g] = groupType == SUBSCRIPT ? exprStart[level] : lex.start;
        if (groupType != CALL) {
            candidateFlags[g] = 0;
        }
        if (groupType == SUBSCRIPT) {
            groupFoldMark[g] = Math.max(foldLength, foldTo[level]);
        }
        depth++;
        int inner = depth;
        kind[inner] = NONE;
        concat[inner] = false;
        impure[inner] = false;
        hasString[inner] = false;
        fromBracket[inner] = false;
        concatenated[inner] = false;
        foldFrom[inner] = foldLength;
        foldTo[inner] = foldLength;
    }

    /** A new expression starts at this depth; a second one makes an enclosing group impure. */
    private void startValue(int level, int start) {
        if (kind[level] != NONE && !concat[level]) {
            impure[level] = true;
        }
        subscripted[level] = false;
        exprStart[level] = start;
        concat[level] = false;
    }

    private void setValue(int k, int start) {
        dollar = false;
        startValue(depth, start);
        kind[depth] = k;
    }

    private void reset(int level) {
        if (kind[level] != NONE) {
            impure[level] = true;
        }
        kind[level] = NONE;
        concat[level] = false;
    }

    /** Appends source text to the fold of {@code level}; false when the fold buffer is full. */
    private boolean appendFold(int level, int from, int to) {
        if (foldLength + (to - from) > FOLD_CAPACITY) {
            return false;
        }
        for (int i = from; i < to; i++) {
            fold[foldLength++] = s.charAt(i);
        }
        foldTo[level] = foldLength;
        return true;
    }
}
