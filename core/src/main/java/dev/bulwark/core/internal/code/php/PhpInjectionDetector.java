package dev.bulwark.core.internal.code.php;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.CodeLexer;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.TextProfile;
import dev.bulwark.core.internal.rules.UnescapedText;
import dev.bulwark.core.internal.rules.Unescaper;
import dev.bulwark.core.internal.rules.UploadNames;

/**
 * PHP code injection (rule key {@code PHP}; the OWASP CRS counterpart is the 933xxx group):
 * PHP open tags, stream wrappers ({@code php://filter}, {@code phar://}, {@code expect://}),
 * superglobals, calls of PHP functions by name, by variable and by folded expression (see
 * {@link PhpCallScanner}), a high-risk function's name given as the value (a callback), serialized
 * PHP objects (object injection), php.ini directives, and uploads of PHP scripts or session files
 * by file name.
 *
 * <p>HTML character references and backslash escapes ({@code \x73}) are decoded first
 * ({@link Unescaper}). Functions named by English words ({@code file}, {@code date},
 * {@code system}) count only in code context, so prose with parentheses stays clean. The
 * default level (STANDARD) enables all rules but two weak signals (php.ini directives named by
 * common words, serialized arrays) that need STRICT; BASIC keeps an open tag followed by code,
 * executing stream wrappers, and serialized objects that make up the value. A {@code <?} that ends
 * a value ({@code test<?}) is STANDARD: it opens a PHP block that the next field written to the
 * same file or log completes, and text hardly ends that way.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Code_Injection">OWASP: Code Injection</a>
 */
public final class PhpInjectionDetector extends RuleFamily {

    private static final Lexicon CODE_STATEMENTS = Lexicon.of("echo", "print", "eval", "system", "exec",
            "include", "require", "include_once", "require_once", "passthru", "assert", "die", "exit",
            "return", "if", "foreach", "for", "while", "function", "phpinfo", "shell_exec", "var_dump");

    public PhpInjectionDetector() {
        super(PhpRules.KEY, PhpRules.ALL);
    }

    /** Characters without which no PHP construct is found. */
    private static final AsciiSet CANDIDATES = AsciiSet.of("(<$:=[{`'\"");
    /** Characters that start an escape {@link Unescaper} decodes. */
    private static final AsciiSet ESCAPES = AsciiSet.of("%&\\");

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String value = target.text();
        boolean fileName = UploadNames.isFileName(target);
        Findings findings = null;
        if (fileName) {
            findings = findings(sink, value.length());
            scanFileName(value, findings);
        }
        int nameStart = callableNameStart(value);
        if (nameStart >= 0) {
            int nameEnd = callableNameEnd(value, nameStart);
            if (nameEnd > 0) {
                if (findings == null) {
                    findings = findings(sink, value.length());
                }
                findings.report(PhpRules.CALLABLE_NAME, nameStart, nameEnd);
            }
        }
        boolean candidates = target.profile().hasAny(CANDIDATES);
        boolean escapes = target.profile().hasAny(ESCAPES);
        if (!candidates && !escapes) {
            return;
        }
        if (findings == null) {
            findings = findings(sink, value.length());
        }
        String s = value;
        TextProfile profile = target.profile();
        if (escapes) {
            UnescapedText decoded = Unescaper.decode(value);
            if (decoded.changed()) {
                findings.mapThrough(decoded);
                s = decoded.text;
                profile = TextProfile.of(s);
            }
        }
        scanText(s, profile, findings);
    }

    /** Where the value's first word starts after blanks and quotes, or -1 when it opens with no letter. */
    private static int callableNameStart(String value) {
        int n = value.length();
        int i = 0;
        while (i < n && i < 8 && (Ascii.isSpace(value.charAt(i)) || value.charAt(i) == '\'' || value.charAt(i) == '"')) {
            i++;
        }
        return i < n && Ascii.isLetter(value.charAt(i)) ? i : -1;
    }

    /** Characters of code that may follow a callable name: a call, an assignment, a comment, a subscript. */
    private static final AsciiSet CODE_AFTER_NAME = AsciiSet.of("()[]{};=/#`\\&|$@<>");

    /**
     * The end of the high-risk function name at {@code from} (see {@link PhpNames#HIGH_RISK}), or -1.
     * The name is the whole value ({@code shell_exec}, {@code 'proc_open'}) or code follows it
     * ({@code ZlIb_DeCoDe=(...)}, case-insensitive as PHP is). Only names written as identifiers
     * count, with an underscore or a digit: {@code passthru} or {@code popen} may be a setting's
     * value, {@code system} an English word. Followed by a blank and a word, by a dot or by prose
     * punctuation, the name opens a sentence, a search or a file name ({@code base64_decode example},
     * {@code file_get_contents.md}).
     */
    private static int callableNameEnd(String value, int from) {
        int n = value.length();
        int end = from;
        boolean identifier = false;
        int limit = Math.min(n, from + PhpNames.FUNCTIONS.maxLength() + 1);
        while (end < limit && Ascii.isIdentPart(value.charAt(end))) {
            identifier |= value.charAt(end) == '_' || Ascii.isDigit(value.charAt(end));
            end++;
        }
        int flags = PhpNames.FUNCTIONS.flags(value, from, end);
        if (!identifier || (flags & PhpNames.HIGH_RISK) == 0 || (flags & PhpNames.WORD) != 0) {
            return -1;
        }
        int next = end;
        while (next < n && (Ascii.isSpace(value.charAt(next)) || value.charAt(next) == '\'' || value.charAt(next) == '"')) {
            next++;
        }
        if (next == n || (next == end && CODE_AFTER_NAME.contains(value.charAt(end)))) {
            return end;
        }
        return -1;
    }

    private static final AsciiSet BRACKETS = AsciiSet.of("[{");

    /** Scans {@code s}, whose profile is {@code profile}. */
    private static void scanText(String s, TextProfile profile, Findings findings) {
        boolean paren = profile.has('(');
        boolean lt = profile.has('<');
        boolean dollar = profile.has('$');
        boolean colon = profile.has(':');
        boolean equals = profile.has('=');
        boolean bracket = profile.hasAny(BRACKETS);
        if (lt) {
            scanOpenTags(s, findings);
        }
        if (bracket) {
            scanTemplateBlocks(s, findings);
        }
        if (colon) {
            // A wrapper's "://" needs a slash.
            if (profile.has('/')) {
                scanWrappers(s, findings);
            }
            scanSerialized(s, findings);
        }
        if (dollar) {
            scanVariables(s, findings);
        }
        if (equals) {
            scanIniDirectives(s, findings);
        }
        if (!paren) {
            scanIncludeStatements(s, findings);
        }
        if (paren && PhpCallScanner.mayHaveCalls(s, profile)) {
            PhpCallScanner.Listener calls = new PhpCallScanner.Listener() {
                @Override
                public void functionCall(int start, int end) {
                    findings.report(PhpRules.FUNCTION_CALL, start, end);
                }

                @Override
                public void variableCall(int start, int end) {
                    findings.report(PhpRules.VARIABLE_FUNCTION, start, end);
                }

                @Override
                public void dynamicCall(int start, int end) {
                    findings.report(PhpRules.DYNAMIC_CALL, start, end);
                }
            };
            new PhpCallScanner(s, calls).run();
            int closingQuote = closingQuoteEnd(s);
            if (closingQuote > 0) {
                new PhpCallScanner(s, closingQuote, calls).run();
            }
        }
    }

    /**
     * After the quote that opens the value by closing the string literal it was injected into,
     * or -1: a quote with at most one blank-free word before it ({@code ';system('id');$a='},
     * {@code 1"];eval($x);//}). Read from the start, the code after such a quote sits inside a
     * string; read from here it is what PHP runs.
     */
    private static int closingQuoteEnd(String s) {
        int n = Math.min(s.length(), 64);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                return i + 1;
            }
            if (Ascii.isSpace(c)) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * {@code include '/path/file.php';} without parentheses (with them, the call scanner sees it):
     * the keyword at the start of a statement, then a quoted path.
     */
    private static void scanIncludeStatements(String s, Findings findings) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c != 'i' && c != 'I' && c != 'r' && c != 'R') || (i > 0 && Ascii.isIdentPart(s.charAt(i - 1)))) {
                continue;
            }
            int end;
            if (Ascii.matchesAt(s, i, "include")) {
                end = i + 7;
            } else if (Ascii.matchesAt(s, i, "require")) {
                end = i + 7;
            } else {
                continue;
            }
            if (Ascii.matchesAt(s, end, "_once")) {
                end += 5;
            }
            int before = Ascii.skipSpacesBack(s, i - 1);
            if (before >= 0 && s.charAt(before) != ';' && s.charAt(before) != '{' && s.charAt(before) != '}'
                    && s.charAt(before) != '@' && s.charAt(before) != '>') {
                continue;
            }
            int q = Ascii.skipSpaces(s, end, n);
            if (q > end && q + 1 < n && s.charAt(q) == '$' && Ascii.isIdentStart(s.charAt(q + 1))) {
                findings.report(PhpRules.FUNCTION_CALL, i, q + 1);
                return;
            }
            if (q == end || q >= n || (s.charAt(q) != '\'' && s.charAt(q) != '"')) {
                continue;
            }
            int close = s.indexOf(s.charAt(q), q + 1);
            if (close < 0) {
                continue;
            }
            boolean path = false;
            for (int k = q + 1; k < close && !path; k++) {
                char p = s.charAt(k);
                path = p == '/' || p == '\\' || p == ':';
            }
            path |= close - q > 5 && Ascii.matchesAt(s, close - 4, ".php");
            int after = Ascii.skipSpaces(s, close + 1, n);
            if (path && (after >= n || s.charAt(after) == ';' || s.charAt(after) == '?')) {
                findings.report(PhpRules.FUNCTION_CALL, i, close + 1);
                return;
            }
        }
    }

    /** {@code <?php}, {@code <?=}, {@code <? code}, and {@code <?xml} not followed by a prolog. */
    private static void scanOpenTags(String s, Findings findings) {
        int n = s.length();
        for (int i = s.indexOf("<?"); i >= 0; i = s.indexOf("<?", i + 2)) {
            int j = i + 2;
            if (j >= n) {
                if (i > 0) {
                    findings.report(PhpRules.DANGLING_TAG, i, n);
                }
                continue;
            }
            char c = s.charAt(j);
            int codeStart;
            if (c == '=') {
                codeStart = j + 1;
            } else if (Ascii.matchesAt(s, j, "php")) {
                codeStart = j + 3;
            } else if (Ascii.isSpace(c)) {
                int k = Ascii.skipSpaces(s, j, n);
                if (Ascii.matchesAt(s, k, "php")) {
                    codeStart = k + 3;
                } else if (k < n && (Ascii.isIdentStart(s.charAt(k)) || s.charAt(k) == '$')
                        && followedByCode(s, k)) {
                    codeStart = k;
                } else {
                    continue;
                }
            } else if (Ascii.matchesAt(s, j, "xml")) {
                int k = Ascii.skipSpaces(s, j + 3, n);
                if (k >= n || Ascii.isLetter(s.charAt(k)) || Ascii.matchesAt(s, k, "?>")
                        || Ascii.matchesAt(s, k, ":namespace")
                        || (k == j + 3 && (s.charAt(k) == '-' || Ascii.isIdentPart(s.charAt(k))))) {
                    continue;
                }
                codeStart = k;
            } else {
                continue;
            }
            if (followedByCode(s, codeStart)) {
                findings.report(PhpRules.CODE_TAG, i, Math.min(n, codeStart));
            } else {
                findings.report(PhpRules.OPEN_TAG, i, Math.min(n, codeStart));
            }
        }
    }

    /** Whether PHP statements follow an open tag: a call, a variable, a backtick or a statement keyword. */
    private static boolean followedByCode(String s, int from) {
        int window = Math.min(s.length(), from + 256);
        CodeLexer lex = new CodeLexer(s, from, window, CodeLexer.SLASH_COMMENTS | CodeLexer.HASH_COMMENTS);
        int tokens = 0;
        int prevType = CodeLexer.END;
        while (lex.next() != CodeLexer.END && tokens < 64) {
            if ((lex.type == CodeLexer.PUNCT && lex.punct == '$') || (lex.type == CodeLexer.STRING && lex.punct == '`')) {
                return true;
            }
            if (lex.isPunct('(') && prevType == CodeLexer.IDENT) {
                return true;
            }
            if (lex.type == CodeLexer.IDENT && CODE_STATEMENTS.contains(s, lex.start, lex.end)) {
                return true;
            }
            prevType = lex.type;
            tokens++;
        }
        return false;
    }

    /** {@code [php]...[/php]} (bulletin boards) and {@code {php}...{/php}} (Smarty). */
    private static void scanTemplateBlocks(String s, Findings findings) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '[' && c != '{') {
                continue;
            }
            char close = c == '[' ? ']' : '}';
            int j = i + 1;
            if (j < n && (s.charAt(j) == '/' || s.charAt(j) == '\\')) {
                j++;
            }
            if (Ascii.matchesAt(s, j, "php") && j + 3 < n && s.charAt(j + 3) == close) {
                findings.report(PhpRules.OPEN_TAG, i, j + 4);
                return;
            }
        }
    }

    /** Stream wrappers: the scheme before each {@code ://}. */
    private static void scanWrappers(String s, Findings findings) {
        for (int at = s.indexOf("://"); at >= 0; at = s.indexOf("://", at + 3)) {
            int start = at;
            while (start > 0 && at - start < 16) {
                char c = s.charAt(start - 1);
                if (Ascii.isLetter(c) || Ascii.isDigit(c) || c == '.' || c == '+' || c == '-') {
                    start--;
                } else {
                    break;
                }
            }
            int flags = PhpNames.WRAPPERS.flags(s, start, at);
            if (flags == 0) {
                continue;
            }
            boolean executes = (flags & PhpNames.WRAPPER_EXECUTES) != 0
                    || Ascii.rangeEquals(s, start, at, "data")
                    || (Ascii.rangeEquals(s, start, at, "php")
                            && (Ascii.matchesAt(s, at + 3, "input") || Ascii.matchesAt(s, at + 3, "filter")));
            findings.report(executes ? PhpRules.EXECUTING_WRAPPER : PhpRules.STREAM_WRAPPER, start,
                    Math.min(s.length(), at + 3));
        }
    }

    /** Superglobals and variable variables. */
    private static void scanVariables(String s, Findings findings) {
        int n = s.length();
        for (int i = s.indexOf('$'); i >= 0 && i + 1 < n; i = s.indexOf('$', i + 1)) {
            char c = s.charAt(i + 1);
            if (Ascii.isIdentStart(c)) {
                int j = i + 1;
                while (j < n && Ascii.isIdentPart(s.charAt(j))) {
                    j++;
                }
                if (PhpNames.SUPERGLOBALS.contains(s, i + 1, j)) {
                    findings.report(PhpRules.SUPERGLOBAL, i, j);
                }
                continue;
            }
            int j = Ascii.skipSpaces(s, i + 1, n);
            if (j >= n || s.charAt(j) != '{') {
                continue;
            }
            int k = Ascii.skipSpaces(s, j + 1, n);
            if (k >= n) {
                continue;
            }
            char first = s.charAt(k);
            boolean spacedOut = j > i + 1;
            boolean dynamicName = first == '\'' || first == '"' || first == '$' || first == '@';
            if ((spacedOut && (dynamicName || Ascii.isIdentStart(first))) || dynamicName) {
                findings.report(PhpRules.VARIABLE_VARIABLE, i, k + 1);
            }
        }
    }

    /** {@code O:8:"stdClass":1:{...}}: a serialized object, and (STRICT) serialized arrays. */
    private static void scanSerialized(String s, Findings findings) {
        int n = s.length();
        int contentStart = 0;
        while (contentStart < n && (Ascii.isSpace(s.charAt(contentStart)) || s.charAt(contentStart) == '"'
                || s.charAt(contentStart) == '\'')) {
            contentStart++;
        }
        for (int i = s.indexOf(':'); i >= 1; i = s.indexOf(':', i + 1)) {
            char type = s.charAt(i - 1);
            boolean boundary = i - 1 == 0 || !Ascii.isIdentPart(s.charAt(i - 2));
            if (!boundary) {
                continue;
            }
            if (type == 'O' || type == 'C') {
                int end = serializedObjectHeader(s, i + 1);
                if (end > 0) {
                    boolean whole = i - 1 == contentStart || (i - 2 >= 0 && s.charAt(i - 2) == '|');
                    findings.report(whole ? PhpRules.SERIALIZED_OBJECT : PhpRules.SERIALIZED_EMBEDDED, i - 1, end);
                }
            } else if (type == 'a') {
                int j = digits(s, i + 1);
                if (j > i + 1 && j + 2 < n && s.charAt(j) == ':' && s.charAt(j + 1) == '{'
                        && (s.charAt(j + 2) == 'i' || s.charAt(j + 2) == 's') && j + 3 < n && s.charAt(j + 3) == ':') {
                    findings.report(PhpRules.SERIALIZED_ARRAY, i - 1, j + 2);
                }
            }
        }
    }

    /**
     * After {@code O:}: {@code <len>:"<Class>":<count>:{}; returns the end, or -1. Numbers may
     * carry a {@code +} sign, which {@code unserialize} accepts ({@code O:+8:"stdClass":0:{}}) and
     * filters looking for {@code O:<digits>} miss.
     */
    private static int serializedObjectHeader(String s, int from) {
        int n = s.length();
        from = skipPlus(s, from);
        int j = digits(s, from);
        if (j == from || j + 1 >= n || s.charAt(j) != ':' || s.charAt(j + 1) != '"') {
            return -1;
        }
        int k = j + 2;
        if (k >= n || !(Ascii.isIdentStart(s.charAt(k)) || s.charAt(k) == '\\')) {
            return -1;
        }
        int limit = Math.min(n, k + 256);
        while (k < limit && (Ascii.isIdentPart(s.charAt(k)) || s.charAt(k) == '\\')) {
            k++;
        }
        if (k + 1 >= n || s.charAt(k) != '"' || s.charAt(k + 1) != ':') {
            return -1;
        }
        int count = skipPlus(s, k + 2);
        int m = digits(s, count);
        if (m == count || m + 1 >= n || s.charAt(m) != ':' || s.charAt(m + 1) != '{') {
            return -1;
        }
        return m + 2;
    }

    private static int skipPlus(String s, int from) {
        return from < s.length() && s.charAt(from) == '+' ? from + 1 : from;
    }

    private static int digits(String s, int from) {
        int j = from;
        while (j < s.length() && j - from < 10 && Ascii.isDigit(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** {@code allow_url_include=On}, {@code opcache.jit=...} at the start of a line or statement. */
    private static void scanIniDirectives(String s, Findings findings) {
        int n = s.length();
        int lineStart = Ascii.skipSpaces(s, 0, n);
        int i = lineStart;
        while (i < n) {
            int nameEnd = i;
            while (nameEnd < n && (Ascii.isIdentPart(s.charAt(nameEnd)) || s.charAt(nameEnd) == '.')) {
                nameEnd++;
            }
            if (nameEnd > i) {
                int eq = nameEnd;
                while (eq < n && (s.charAt(eq) == ' ' || s.charAt(eq) == '\t')) {
                    eq++;
                }
                if (eq < n && s.charAt(eq) == '=' && (eq + 1 >= n || s.charAt(eq + 1) != '=')) {
                    judgeIniDirective(s, i, nameEnd, i == lineStart && lineEnd(s, eq) == n, findings);
                }
            }
            int next = lineEnd(s, nameEnd);
            if (next >= n) {
                return;
            }
            i = Ascii.skipSpaces(s, next + 1, n);
        }
    }

    private static int lineEnd(String s, int from) {
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\n' || c == '\r' || c == ';') {
                return j;
            }
        }
        return s.length();
    }

    private static void judgeIniDirective(String s, int from, int to, boolean wholeValue, Findings findings) {
        int flags = PhpNames.INI_DIRECTIVES.flags(s, from, to);
        if ((flags & 1) != 0) {
            findings.report(PhpRules.INI_DIRECTIVE, from, to);
            return;
        }
        int dot = -1;
        for (int j = from; j < to; j++) {
            if (s.charAt(j) == '.') {
                dot = j;
                break;
            }
        }
        if (dot > from && dot + 1 < to && PhpNames.INI_SECTIONS.contains(s, from, dot)) {
            findings.report(PhpRules.INI_DIRECTIVE, from, to);
        } else if ((flags & PhpNames.INI_WORD) != 0 && wholeValue) {
            findings.report(PhpRules.INI_WORD_DIRECTIVE, from, to);
        }
    }

    /** PHP scripts and PHP session files uploaded by name. */
    private static void scanFileName(String name, Findings findings) {
        if (UploadNames.hasExtension(name, PhpNames::isScriptExtension, true)) {
            findings.report(PhpRules.SCRIPT_UPLOAD, UploadNames.baseNameStart(name), name.length());
        }
        int base = UploadNames.baseNameStart(name);
        if (Ascii.matchesAt(name, base, "sess_")) {
            int j = base + 5;
            while (j < name.length() && (Ascii.isLetter(name.charAt(j)) || Ascii.isDigit(name.charAt(j))
                    || name.charAt(j) == ',' || name.charAt(j) == '-')) {
                j++;
            }
            if (j == name.length() && j - base - 5 >= 16) {
                findings.report(PhpRules.SESSION_FILE_UPLOAD, base, j);
            }
        }
    }
}
