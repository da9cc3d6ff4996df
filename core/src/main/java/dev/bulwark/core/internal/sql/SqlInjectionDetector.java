package dev.bulwark.core.internal.sql;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.FirstFindings;
import dev.bulwark.core.internal.rules.HtmlEntities;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Surrogates;
import dev.bulwark.core.internal.rules.TextProfile;
import java.util.Arrays;

/**
 * Detects SQL injection (rule key {@code SQL}) in single decoded values.
 *
 * <p>An injected value is read the three ways a database could read it once the application has
 * pasted it into a query: as it is (a number or a name), and after a single or a double quote, where
 * the value's first quote of that kind ends the application's string and the rest is SQL. Each
 * reading is tokenized by {@link SqlLexer} (strings, numbers, comments including MySQL executable
 * comments, operators, keywords) and judged by {@link SqlShapes} on the shape of the token stream:
 * a boolean condition or a comment right after the break, {@code UNION SELECT}, a stacked
 * statement, time-delay, file and error-based functions, system procedures and catalogs. Plain
 * prose with SQL words ("select your size", "1 or 2 items", "O'Brien") has none of these shapes.
 *
 * <p>Values without any character or word that SQL injection needs are passed after one cheap loop.
 * A value is also read the ways an application, a filter or the database may turn it into other
 * text first:
 * <ul>
 *   <li>with its {@code %XX} escapes decoded: headers, cookies and XML, JSON or multipart text, which
 *       the engine does not percent-decode, and values encoded more than once ({@code %2527}, up to
 *       {@value #MAX_DECODINGS} levels); IIS's {@code %u0027} and overlong UTF-8 ({@code %C0%A7})
 *       are read as the characters they spell, and a {@code %} that starts no escape is dropped as
 *       ASP drops it ({@code %S%E%L%E%C%T});
 *   <li>after a PostgreSQL dollar quote ({@code $$} or {@code $tag$}), which ends a dollar-quoted
 *       string as a quote ends a quoted one;
 *   <li>with HTML character references ({@code &#39;}, {@code &apos;}) decoded, and full-width forms
 *       ({@code ｏｒ １＝１}) read as ASCII;
 *   <li>JSON text carried in a value, with its <code>&#92;uXXXX</code> escapes decoded;
 *   <li>with spaces for {@code '+'}, when it still reads as form-encoded ({@link #stillFormEncoded});
 *   <li>joined to its parameter name ({@code name=value}) when that is a query, form or multipart
 *       name holding a quote, since the parser splits an unencoded {@code 'a', '1'='1} at its
 *       {@code =};
 *   <li>with a comment end that opens no comment of its own blanked, as an application that joins
 *       parameters into one query reads {@code a=1/*&b=*}{@code /select ...}.
 * </ul>
 * Time and memory are linear in the value's length: tokens are read in bounded runs that overlap
 * by {@value #OVERLAP} tokens.
 *
 * <p>Levels: {@code BASIC} rules fire on UNION SELECT, destructive stacked statements, time delays
 * and commented tautologies right after a break; {@code STANDARD} (the default) adds the other
 * structural rules; {@code STRICT} adds lone SQL fragments.
 *
 * @see <a href="https://owasp.org/www-community/attacks/SQL_Injection">OWASP: SQL Injection</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/89.html">CWE-89</a>
 */
public final class SqlInjectionDetector extends RuleFamily {

    /** Tokens read at once; longer values are read in overlapping runs of this many. */
    static final int MAX_TOKENS = 2048;
    /** Tokens shared by consecutive runs, more than any single check looks at. */
    static final int OVERLAP = 128;

    /** Levels of percent-encoding read through in a value that still holds escapes. */
    static final int MAX_DECODINGS = 3;

    /** Longest evidence reported, in characters. */
    private static final int MAX_EVIDENCE = 120;
    private static final boolean[] TRIGGERS = new boolean[128];
    private static final AsciiSet TRIGGER_SET = AsciiSet.of("'\"`;()=<>|&#@\\!~^*");
    /** First characters of the comment and cast pairs {@code --}, {@code /*} and {@code ::}. */
    private static final AsciiSet PAIR_STARTS = AsciiSet.of("-/:");
    /** Characters a known word needs: letters, unless the vocabulary has words without one. */
    private static final AsciiSet WORD_CHARS = SqlVocabulary.everyWordHasLetter() ? AsciiSet.LETTERS
            : AsciiSet.LETTERS.union(AsciiSet.DIGITS).union(AsciiSet.of("_$"));

    static {
        for (char c : "'\"`;()=<>|&#@\\!~^*".toCharArray()) {
            TRIGGERS[c] = true;
        }
    }

    private static final int TRIGGER_CLASSES = SqlVocabulary.LOGIC | SqlVocabulary.STATEMENT
            | SqlVocabulary.CATALOG | SqlVocabulary.SYSTEM | SqlVocabulary.TIME | SqlVocabulary.ERROR
            | SqlVocabulary.QUALIFIER | SqlVocabulary.COMPARE;

    public SqlInjectionDetector() {
        super(SqlRules.KEY, SqlRules.ALL);
    }

    private static final char[] QUOTES = {'\'', '"', '`'};

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String value = target.text();
        Source source = target.source();
        TextProfile profile = target.profile();
        boolean sql = mayHoldSql(value, profile);
        boolean escaped = profile.has('%');
        boolean plus = profile.has('+') && ((source == Source.PATH || source == Source.PATH_SEGMENT)
                || stillFormEncoded(value));
        boolean json = profile.has('\\') && looksLikeJson(value);
        boolean split = profile.has('*') && commentInsideWord(value, 0) >= 0;
        String unopened = profile.has('*') && profile.has('/') ? withoutUnopenedCommentEnds(value) : null;
        String entities = profile.has('&') ? HtmlEntities.decode(value) : value;
        boolean referenced = !entities.equals(value);
        String folded = profile.hasNonAscii() ? fullWidthFolded(value) : null;
        if (!sql && !escaped && !plus && !json && !split && unopened == null && !referenced && folded == null) {
            return;
        }
        Scratch scratch = SCRATCH.get();
        FirstFindings findings = scratch.findings;
        try {
            if (sql) {
                judge(value, profile, findings);
                probe(value, findings);
            }
            if (escaped) {
                // each level of a value encoded up to MAX_DECODINGS times (%252527 is a quote three levels down)
                String decoded = value;
                for (int level = 0; level < MAX_DECODINGS && decoded.indexOf('%') >= 0; level++) {
                    decoded = percentDecoded(decoded);
                    if (decoded == null) {
                        break;
                    }
                    if (plus) {
                        decoded = decoded.replace('+', ' ');
                    }
                    if (mayHoldSql(decoded)) {
                        judge(decoded, null, findings);
                    }
                }
            }
            String unpercented = escaped ? withoutStrayPercents(value) : null;
            if (unpercented != null && mayHoldSql(unpercented)) {
                // ASP drops a '%' that starts no escape: %S%E%L%E%C%T reaches the query as SELECT
                judge(unpercented, null, findings);
            }
            if (plus) {
                // Some servers decode '+' in paths as a space, as in query strings; and form-encoded
                // text that reached a place where nothing decodes '+' is read the way it was meant.
                String spaced = value.replace('+', ' ');
                if (mayHoldSql(spaced)) {
                    judge(spaced, null, findings);
                }
            }
            if (json) {
                String unescaped = jsonUnescaped(value);
                if (unescaped != null && mayHoldSql(unescaped)) {
                    judge(unescaped, null, findings);
                }
                String joined = unescaped == null ? null : Surrogates.withoutUnpaired(unescaped);
                if (joined != null && mayHoldSql(joined)) {
                    // An escaped lone surrogate inside UNION, in JSON read as text (a multipart part):
                    // an application that parses it and drops what it cannot encode reads UNION
                    judge(joined, null, findings);
                }
            }
            if (referenced && mayHoldSql(entities)) {
                // &#39; or 1=1-- from a form or template that HTML-encoded the payload before it is decoded again
                judge(entities, null, findings);
            }
            if (folded != null && mayHoldSql(folded)) {
                // SQL Server's best-fit conversion to a code page reads full-width ｏｒ as or
                judge(folded, null, findings);
            }
            if (unopened != null && mayHoldSql(unopened)) {
                // a comment opened in an earlier parameter ends here: a=1/*&b=*/select ...
                judge(unopened, null, findings);
            }
            if (split) {
                // Filters and applications that strip comments join DR/**/OP into DROP.
                splitKeyword(value, findings);
            }
            if (target.component() == Component.VALUE && source.isParameter() && holdsQuote(target.name())) {
                // a=b' or '1'='1 sent unencoded: the parser splits the payload at its '=', name and value
                pairWithName(target.name(), value, findings);
            }
            if (source == Source.HEADER && isNegotiationHeader(target.name())) {
                // Media ranges such as */* are the grammar of Accept headers, not a comment fragment.
                findings.remove(SqlRules.index(SqlRules.FRAGMENT));
            }
            if (!findings.isEmpty()) {
                // Evidence is bounded for the log line: a long statement is shown by its start.
                findings.reportTo((rule, offset, length) ->
                        sink.report(rule, offset, Math.max(0, Math.min(length, MAX_EVIDENCE))));
            }
        } finally {
            findings.clear();
            scratch.large = null;
        }
    }

    /**
     * Where the next block comment at or after {@code from} starts that sits inside a word (an
     * ASCII letter right before its {@code /*} and right after its closing {@code *}{@code /}), or -1.
     */
    static int commentInsideWord(String value, int from) {
        int open = value.indexOf("/*", from);
        while (open >= 0) {
            int close = value.indexOf("*/", open + 2);
            if (close < 0) {
                return -1;
            }
            int after = close + 2;
            if (open > 0 && Ascii.isLetter(value.charAt(open - 1)) && after < value.length()
                    && Ascii.isLetter(value.charAt(after))) {
                return open;
            }
            open = value.indexOf("/*", after);
        }
        return -1;
    }

    /** Word classes whose words, split by a comment, can only be SQL hidden from a keyword filter. */
    private static final int SPLIT_CLASSES = SqlVocabulary.RESERVED | SqlVocabulary.STATEMENT | SqlVocabulary.LOGIC
            | SqlVocabulary.TIME | SqlVocabulary.SYSTEM | SqlVocabulary.CATALOG | SqlVocabulary.ERROR;

    private static boolean isSplitKeyword(String text, int from, int to) {
        return SqlVocabulary.any(SqlVocabulary.find(text, from, to), SPLIT_CLASSES);
    }

    /**
     * Reads {@code value} with every block comment inside a word removed, as a comment-stripping
     * filter leaves it: a keyword that only appears when its pieces are joined is reported, and the
     * joined text is judged like any other reading.
     */
    private static void splitKeyword(String value, FirstFindings findings) {
        StringBuilder joined = new StringBuilder(value.length());
        int[] joins = new int[8];
        int[] comments = new int[8];
        int count = 0;
        int copied = 0;
        for (int open = commentInsideWord(value, 0); open >= 0; open = commentInsideWord(value, copied)) {
            joined.append(value, copied, open);
            if (count == joins.length) {
                joins = Arrays.copyOf(joins, count * 2);
                comments = Arrays.copyOf(comments, count * 2);
            }
            joins[count] = joined.length();
            comments[count++] = open;
            copied = value.indexOf("*/", open + 2) + 2;
        }
        joined.append(value, copied, value.length());
        String text = joined.toString();
        int wordEnd = 0;
        for (int j = 0; j < count && !findings.has(SqlRules.index(SqlRules.SPLIT_KEYWORD)); j++) {
            int at = joins[j];
            // The two pieces this comment joins (a later comment may stand for a space: DR/**/OP/*x*/t),
            int left = at;
            while (left > (j > 0 ? joins[j - 1] : 0) && Ascii.isLetter(text.charAt(left - 1))) {
                left--;
            }
            int right = at;
            int rightLimit = j + 1 < count ? joins[j + 1] : text.length();
            while (right < rightLimit && Ascii.isLetter(text.charAt(right))) {
                right++;
            }
            boolean keyword = isSplitKeyword(text, left, right);
            // and the whole word all comments in it join (U/**/NI/**/ON), read once per word.
            if (!keyword && at >= wordEnd) {
                int start = at;
                while (start > wordEnd && Ascii.isLetter(text.charAt(start - 1))) {
                    start--;
                }
                wordEnd = at;
                while (wordEnd < text.length() && Ascii.isLetter(text.charAt(wordEnd))) {
                    wordEnd++;
                }
                keyword = isSplitKeyword(text, start, wordEnd);
            }
            if (keyword) {
                int from = comments[j];
                findings.add(SqlRules.index(SqlRules.SPLIT_KEYWORD), from, value.indexOf("*/", from + 2) + 2);
            }
        }
        if (mayHoldSql(text)) {
            judge(text, null, findings);
        }
    }

    /**
     * Reports a value that is only a probe scanners send to learn whether and how a value reaches a
     * query: a word at most and then a single and a double quote in either order ({@code 1'"},
     * {@code "'}), which breaks a string of either kind; or a server variable ({@code @@version}).
     * Blanks around it are ignored.
     */
    static void probe(String value, FirstFindings findings) {
        int from = 0;
        int to = value.length();
        while (from < to && SqlLexer.isSpace(value.charAt(from))) {
            from++;
        }
        while (to > from && SqlLexer.isSpace(value.charAt(to - 1))) {
            to--;
        }
        if (to - from >= 3 && value.startsWith("@@", from) && Ascii.isLetter(value.charAt(from + 2))) {
            for (int i = from + 3; i < to; i++) {
                char c = value.charAt(i);
                if (!(Ascii.isLetter(c) || Ascii.isDigit(c) || c == '_' || c == '.')) {
                    return;
                }
            }
            findings.add(SqlRules.index(SqlRules.PROBE), from, to);
            return;
        }
        if (to - from < 2) {
            return;
        }
        char first = value.charAt(to - 2);
        char second = value.charAt(to - 1);
        if (!(first == '\'' && second == '"' || first == '"' && second == '\'')) {
            return;
        }
        for (int i = from; i < to - 2; i++) {
            char c = value.charAt(i);
            if (!(Ascii.isLetter(c) || Ascii.isDigit(c) || c == '_' || c == '-')) {
                return;
            }
        }
        findings.add(SqlRules.index(SqlRules.PROBE), from, to);
    }

    private static boolean holdsQuote(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (quoteOf(name.charAt(i)) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Judges {@code name=value} as one text, the way the client wrote it, and reports what it finds
     * within the value. Read only for names that hold a quote, which parameter names do not.
     */
    private static void pairWithName(String name, String value, FirstFindings findings) {
        String pair = name + '=' + value;
        if (!mayHoldSql(pair)) {
            return;
        }
        FirstFindings joined = new FirstFindings(SqlRules.ALL);
        judge(pair, null, joined);
        int shift = name.length() + 1;
        joined.reportTo((rule, offset, length) -> {
            int from = Math.min(value.length(), Math.max(0, offset - shift));
            findings.add(rule, from, Math.max(from, Math.min(value.length(), offset + length - shift)));
        });
    }

    /**
     * The value with each {@code *}{@code /} that closes no comment of its own replaced by blanks,
     * or null if there is none. Such an end closes a comment that an earlier parameter opened, when
     * the application joins parameters into one query, and leaves the SQL after it to run.
     */
    static String withoutUnopenedCommentEnds(String value) {
        char[] chars = null;
        boolean inComment = false;
        for (int i = 0; i + 1 < value.length(); i++) {
            char c = value.charAt(i);
            char d = value.charAt(i + 1);
            if (!inComment && c == '/' && d == '*') {
                inComment = true;
                i++;
            } else if (c == '*' && d == '/') {
                if (!inComment) {
                    if (chars == null) {
                        chars = value.toCharArray();
                    }
                    chars[i] = ' ';
                    chars[i + 1] = ' ';
                }
                inComment = false;
                i++;
            }
        }
        return chars == null ? null : new String(chars);
    }

    /**
     * The value with its full-width ASCII forms (U+FF01 to U+FF5E) and the ideographic space read as
     * the ASCII characters they stand for, as a conversion from Unicode to a legacy code page and
     * NFKC normalisation read them; null if it has none.
     */
    static String fullWidthFolded(String value) {
        char[] chars = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E' || c == '\u3000') {
                if (chars == null) {
                    chars = value.toCharArray();
                }
                chars[i] = c == '\u3000' ? ' ' : (char) (c - 0xFEE0);
            }
        }
        return chars == null ? null : new String(chars);
    }

    /** Accept and its Accept-* relatives carry media ranges and weights ({@code *}{@code /*;q=0.8}). */
    private static boolean isNegotiationHeader(String name) {
        return name.regionMatches(true, 0, "accept", 0, 6);
    }

    /**
     * Token buffers of the largest size, the judge and the findings of a value, reused by each
     * thread's scans; the judge lets go of each value when its readings are done.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final SqlTokens tokens = new SqlTokens(MAX_TOKENS);
        final SqlShapes shapes = new SqlShapes();
        final FirstFindings findings = new FirstFindings(SqlRules.ALL);
        /** The value's characters for the lexer, for values up to {@link #SCRATCH_CHARS}; all zeros between values. */
        char[] chars = new char[0];
        /**
         * The characters of longer values, shared by the readings of one {@link #scan} (a value is
         * judged once per decoded form); null outside a scan, so no thread keeps a large array.
         */
        char[] large;
    }

    /**
     * Longest value, in characters, that the lexer reads from the thread's buffer instead of a new
     * array: 8,192, so the buffer stays at 16 KiB a thread while most values need no array.
     */
    static final int SCRATCH_CHARS = 8192;

    /** Reads {@code value} as SQL in each context; {@code profile} is its profile, or null when unknown. */
    private static void judge(String value, TextProfile profile, FirstFindings findings) {
        int capacity = Math.min(MAX_TOKENS, value.length() + 1);
        Scratch scratch = SCRATCH.get();
        SqlTokens tokens = scratch.tokens;
        tokens.limit(capacity);
        SqlShapes shapes = scratch.shapes;
        // The lexer reads an array, which is quicker than String.charAt for every character of every reading.
        int n = value.length();
        boolean buffered = n <= SCRATCH_CHARS;
        if (buffered && scratch.chars.length < n) {
            scratch.chars = new char[Math.min(SCRATCH_CHARS, Math.max(n, 2 * scratch.chars.length))];
        }
        if (!buffered && (scratch.large == null || scratch.large.length < n)) {
            scratch.large = new char[n];
        }
        char[] chars = buffered ? scratch.chars : scratch.large;
        value.getChars(0, n, chars, 0);
        shapes.start(value, findings);
        try {
            readAll(value, chars, profile, tokens, shapes);
        } finally {
            shapes.finish();
            if (buffered) {
                // no value's text stays behind in the thread's buffer
                Arrays.fill(chars, 0, n, (char) 0);
            }
        }
    }

    /** Reads {@code value}, whose characters are {@code chars[0, value.length())}, in each context. */
    private static void readAll(String value, char[] chars, TextProfile profile, SqlTokens tokens,
            SqlShapes shapes) {
        read(chars, value.length(), 0, SqlShapes.UNQUOTED, (char) 0, tokens, shapes);
        for (char quote : QUOTES) {
            if (profile != null && !mayHoldQuote(profile, quote)) {
                continue;
            }
            int tail = breakAfter(value, quote);
            if (tail > 0 && tail < value.length()) {
                read(chars, value.length(), tail, SqlShapes.QUOTED, quote, tokens, shapes);
            }
            int escapedTail = tail > 0 && (profile == null || profile.has('\\')) ? breakAfterEscapes(value, quote) : -1;
            if (escapedTail > 0 && escapedTail != tail && escapedTail < value.length()) {
                read(chars, value.length(), escapedTail, SqlShapes.QUOTED, quote, tokens, shapes);
            }
        }
        int dollarTail = profile == null || profile.has('$') ? breakAfterDollarQuote(chars, value.length()) : -1;
        if (dollarTail > 0 && dollarTail < value.length()) {
            read(chars, value.length(), dollarTail, SqlShapes.QUOTED, '$', tokens, shapes);
        }
    }

    /**
     * Where the SQL starts when the value sits inside a PostgreSQL dollar-quoted string
     * ({@code $$...$$} or {@code $tag$...$tag$}), which has no escapes: after the value's first
     * {@code $$} or {@code $tag$}, the delimiter as {@link SqlLexer#dollarQuoteEnd} reads it. -1
     * when there is none. The value is {@code value[0, n)}.
     */
    static int breakAfterDollarQuote(char[] value, int n) {
        for (int dollar = 0; dollar < n; dollar++) {
            if (value[dollar] == '$') {
                int end = SqlLexer.dollarQuoteEnd(value, dollar, n);
                if (end > 0) {
                    return end;
                }
            }
        }
        return -1;
    }

    /** Reads {@code chars[from, length)} as SQL in one context, in overlapping runs of tokens. */
    private static void read(char[] chars, int length, int from, int readAs, char quote, SqlTokens tokens,
            SqlShapes shapes) {
        int position = from;
        boolean first = true;
        while (true) {
            SqlLexer.lex(chars, position, length, tokens);
            shapes.judge(tokens, readAs, quote, from, first);
            if (tokens.stoppedAt >= length || tokens.count <= OVERLAP) {
                return;
            }
            position = tokens.start[tokens.count - OVERLAP];
            first = false;
        }
    }

    /**
     * Where the SQL starts when the value sits inside a string quoted with {@code quote}: after the
     * first such quote that is not doubled. -1 when there is none.
     */
    static int breakAfter(String value, char quote) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (quoteOf(value.charAt(i)) == quote) {
                if (i + 1 < n && quoteOf(value.charAt(i + 1)) == quote) {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * {@link #breakAfter}, read the way MySQL reads strings: a backslash escapes the character after
     * it, so {@code \\'} stays inside the string. The payload {@code x\\''or'1} breaks out there, not
     * in a dialect where the backslash is plain text. -1 when there is no such quote.
     */
    static int breakAfterEscapes(String value, char quote) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (quoteOf(c) == quote) {
                if (i + 1 < n && quoteOf(value.charAt(i + 1)) == quote) {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Whether a value with this profile can hold a quote of this kind: the ASCII character, or for
     * single and double quotes a typographic form outside ASCII ({@link SqlLexer#quoteKind}).
     */
    private static boolean mayHoldQuote(TextProfile profile, char quote) {
        return profile.has(quote) || (quote != '`' && profile.hasNonAscii());
    }

    private static char quoteOf(char c) {
        return c == '`' ? '`' : SqlLexer.quoteKind(c);
    }

    /** {@link #mayHoldSql(String)}, answered from the value's profile when it can be. */
    private static boolean mayHoldSql(String value, TextProfile profile) {
        if (profile.hasAny(TRIGGER_SET)) {
            return true;
        }
        if (!profile.hasNonAscii() && !profile.hasAny(PAIR_STARTS) && !profile.hasAny(WORD_CHARS)) {
            return false;
        }
        return mayHoldSql(value);
    }

    /** The quick reject: whether the value has a character or a word that SQL injection needs. */
    static boolean mayHoldSql(String value) {
        int n = value.length();
        int wordStart = -1;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 128) {
                if (TRIGGERS[c]) {
                    return true;
                }
                if ((c == '-' || c == '/' || c == ':') && i + 1 < n
                        && value.charAt(i + 1) == (c == '-' ? '-' : c == '/' ? '*' : ':')) {
                    return true;
                }
                if (c == '.' && i >= 3 && (value.charAt(i - 1) | 0x20) == 'e' && value.charAt(i - 2) == '.'
                        && SqlLexer.isDigit(value.charAt(i - 3))) {
                    // MySQL's 1.e. in place of a space: 1.e.tables
                    return true;
                }
            } else if (SqlLexer.quoteKind(c) != 0) {
                return true;
            }
            if (SqlLexer.isWordPart(c)) {
                if (wordStart < 0) {
                    wordStart = i;
                }
            } else if (wordStart >= 0) {
                if (isTriggerWord(value, wordStart, i)) {
                    return true;
                }
                wordStart = -1;
            }
        }
        return wordStart >= 0 && isTriggerWord(value, wordStart, n);
    }

    private static boolean isTriggerWord(String value, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        int id = SqlVocabulary.find(value, from, to);
        return SqlVocabulary.any(id, TRIGGER_CLASSES) || id == SqlVocabulary.UNION || id == SqlVocabulary.ORDER
                || id == SqlVocabulary.GROUP || id == SqlVocabulary.HAVING || id == SqlVocabulary.LIMIT
                || id == SqlVocabulary.INTO || id == SqlVocabulary.PROCEDURE || id == SqlVocabulary.CASE;
    }

    /**
     * Whether the value reads as form-encoded text that nothing decoded: {@code '+'} for spaces, no
     * space or other blank inside (a line end after it is fine), and a character that base64 (which has {@code '+'} too) has not, or an
     * {@code '='} before its end.
     */
    static boolean stillFormEncoded(String value) {
        int n = value.length();
        while (n > 0 && SqlLexer.isSpace(value.charAt(n - 1))) {
            n--;
        }
        int from = 0;
        while (from < n && SqlLexer.isSpace(value.charAt(from))) {
            from++;
        }
        boolean foreign = false;
        for (int i = from; i < n; i++) {
            char c = value.charAt(i);
            if (SqlLexer.isSpace(c)) {
                return false;
            }
            if (c == '=') {
                foreign |= i + 2 < n && value.charAt(i + 1) != '=';
            } else if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/'))) {
                foreign = true;
            }
        }
        return foreign;
    }

    /** Whether the value is JSON text: it starts with a brace or bracket, after spaces. */
    static boolean looksLikeJson(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!SqlLexer.isSpace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /**
     * JSON's <code>&#92;uXXXX</code> escapes decoded, or null if there are none. A JSON value that
     * the application parses reaches its query with the escaped quote (<code>&#92;u0027</code>) as a
     * real one. Other escapes stay as they are, so a {@code \"} inside a string still reads as escaped.
     */
    static String jsonUnescaped(String value) {
        int n = value.length();
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < n && value.charAt(i + 1) == '\\') {
                if (out != null) {
                    out.append(c).append(c);
                }
                i++;
            } else if (c == '\\' && i + 5 < n && value.charAt(i + 1) == 'u' && hex4(value, i + 2) >= 0) {
                if (out == null) {
                    out = new StringBuilder(n);
                    out.append(value, 0, i);
                }
                out.append((char) hex4(value, i + 2));
                i += 5;
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? null : out.toString();
    }

    private static int hex4(String value, int from) {
        int code = 0;
        for (int k = from; k < from + 4; k++) {
            int digit = Ascii.hexValue(value.charAt(k));
            if (digit < 0) {
                return -1;
            }
            code = code * 16 + digit;
        }
        return code;
    }

    /**
     * {@code %XX} escapes decoded, each byte as the Latin-1 character, or null if there are none.
     * Two readings of lenient decoders are kept too: IIS's {@code %uXXXX} escapes, and overlong
     * UTF-8 pairs ({@code %C0%A7}) read as the ASCII character they spell, as decoders that do not
     * check for the shortest form do.
     */
    static String percentDecoded(String value) {
        int n = value.length();
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            int code = c == '%' ? escapedByte(value, i) : -1;
            int unicode = c == '%' && code < 0 && i + 5 < n && (value.charAt(i + 1) | 0x20) == 'u'
                    ? hex4(value, i + 2) : -1;
            if (code < 0 && unicode < 0) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
                out.append(value, 0, i);
            }
            if (unicode >= 0) {
                out.append((char) unicode);
                i += 5;
                continue;
            }
            int next = (code & 0xFE) == 0xC0 && i + 5 < n && value.charAt(i + 3) == '%' ? escapedByte(value, i + 3) : -1;
            if (next >= 0x80 && next <= 0xBF) {
                out.append((char) ((code & 0x01) << 6 | next & 0x3F));
                i += 5;
            } else {
                out.append((char) code);
                i += 2;
            }
        }
        return out == null ? null : out.toString();
    }

    /** The byte that the {@code %XX} escape at {@code at} stands for, or -1 when there is none there. */
    private static int escapedByte(String value, int at) {
        if (at + 2 >= value.length()) {
            return -1;
        }
        int hi = Ascii.hexValue(value.charAt(at + 1));
        int lo = Ascii.hexValue(value.charAt(at + 2));
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    /**
     * The value with each {@code %} that starts no {@code %XX} escape removed, or null if there is
     * none: ASP drops such a sign, so {@code %S%E%L%E%C%T} reaches the query as {@code SELECT}.
     */
    static String withoutStrayPercents(String value) {
        StringBuilder out = null;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean stray = c == '%' && escapedByte(value, i) < 0;
            if (stray && out == null) {
                out = new StringBuilder(n);
                out.append(value, 0, i);
            }
            if (!stray && out != null) {
                out.append(c);
            }
        }
        return out == null ? null : out.toString();
    }
}
