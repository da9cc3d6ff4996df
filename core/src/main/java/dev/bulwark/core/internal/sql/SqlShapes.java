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
import static dev.bulwark.core.internal.sql.SqlTokens.OTHER;
import static dev.bulwark.core.internal.sql.SqlTokens.QIDENT;
import static dev.bulwark.core.internal.sql.SqlTokens.RPAREN;
import static dev.bulwark.core.internal.sql.SqlTokens.SEMI;
import static dev.bulwark.core.internal.sql.SqlTokens.STR;
import static dev.bulwark.core.internal.sql.SqlTokens.STR_OPEN;
import static dev.bulwark.core.internal.sql.SqlTokens.SYSVAR;
import static dev.bulwark.core.internal.sql.SqlTokens.VAR;
import static dev.bulwark.core.internal.sql.SqlTokens.WORD;
import static dev.bulwark.core.internal.sql.SqlVocabulary.any;
import static dev.bulwark.core.internal.sql.SqlVocabulary.is;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.FirstFindings;

/**
 * Judges the shape of a token stream read in one injection context. The decisions are structural:
 * which kind of token follows which, whether an expression has a comparison, what its operands are
 * (constants, SQL function calls, subqueries, plain words). Word classes come from
 * {@link SqlVocabulary}.
 *
 * <p>Two families of checks run. <em>Lead</em> checks read the start of the value as the end of a
 * number or string that the application put in a query, and ask what the value appends to it: a
 * boolean condition, a comment, a second statement, a clause. <em>Anywhere</em> checks look for
 * structures that no legitimate value holds wherever they are: {@code UNION SELECT}, a whole
 * {@code SELECT ... FROM}, time-delay and file functions, system procedures and catalogs.
 *
 * <p>Every check looks at a bounded number of tokens around its position and skips parenthesised
 * groups in one step (their matching parenthesis is precomputed), so a scan is linear in the
 * number of tokens.
 */
final class SqlShapes {

    /** The value is pasted into the query as it is, e.g. a number. */
    static final int UNQUOTED = 0;
    /** The value is pasted inside a string: its first quote (of this kind) closes that string. */
    static final int QUOTED = 1;

    // Kinds of operand.
    private static final int K_NUM = 1;
    private static final int K_STR = 2;
    private static final int K_STR_OPEN = 3;
    private static final int K_VAR = 4;
    private static final int K_WORD = 5;
    private static final int K_CALL = 6;
    private static final int K_PAREN = 7;
    private static final int K_LITERAL = 8;
    private static final int K_QIDENT = 9;
    private static final int K_CASE = 10;
    private static final int K_SUBQUERY = 11;
    /** SQL-only syntax: an ODBC escape {@code {fn now()}}, {@code {d '2020-01-01'}}, or MATCH ... AGAINST (..). */
    private static final int K_SYNTAX = 12;

    private static final int MAX_STEPS = 64;
    private static final String SP_PASSWORD = "sp_password";
    private static final int MAX_SUB_VALUES = 8;
    private static final int MAX_IMPLICIT_WORD = 24;
    private static final int MAX_ARGUMENT_TOKENS = 48;

    // Rule numbers, in the order of SqlRules.ALL.
    private static final int UNION_AFTER_BREAK = SqlRules.index(SqlRules.UNION_AFTER_BREAK);
    private static final int STACKED_DESTRUCTIVE = SqlRules.index(SqlRules.STACKED_DESTRUCTIVE);
    private static final int TIME_AFTER_BREAK = SqlRules.index(SqlRules.TIME_AFTER_BREAK);
    private static final int TAUTOLOGY_COMMENT = SqlRules.index(SqlRules.TAUTOLOGY_COMMENT);
    private static final int UNION = SqlRules.index(SqlRules.UNION);
    private static final int BOOLEAN = SqlRules.index(SqlRules.BOOLEAN);
    private static final int TAUTOLOGY = SqlRules.index(SqlRules.TAUTOLOGY);
    private static final int COMMENT_TRUNCATION = SqlRules.index(SqlRules.COMMENT_TRUNCATION);
    private static final int STACKED = SqlRules.index(SqlRules.STACKED);
    private static final int STATEMENT = SqlRules.index(SqlRules.STATEMENT);
    private static final int ADMIN_STATEMENT = SqlRules.index(SqlRules.ADMIN_STATEMENT);
    private static final int TRACE_HIDING = SqlRules.index(SqlRules.TRACE_HIDING);
    private static final int TIME = SqlRules.index(SqlRules.TIME);
    private static final int FILE = SqlRules.index(SqlRules.FILE);
    private static final int SYSTEM = SqlRules.index(SqlRules.SYSTEM);
    private static final int CATALOG = SqlRules.index(SqlRules.CATALOG);
    private static final int ERROR_FUNCTION = SqlRules.index(SqlRules.ERROR_FUNCTION);
    private static final int CLAUSE = SqlRules.index(SqlRules.CLAUSE);
    private static final int EXECUTABLE_COMMENT = SqlRules.index(SqlRules.EXECUTABLE_COMMENT);
    private static final int FUNCTION = SqlRules.index(SqlRules.FUNCTION);
    private static final int ENCODED_STRING = SqlRules.index(SqlRules.ENCODED_STRING);
    private static final int CONDITIONAL = SqlRules.index(SqlRules.CONDITIONAL);
    private static final int FRAGMENT = SqlRules.index(SqlRules.FRAGMENT);
    private static final int IMPLICIT = SqlRules.index(SqlRules.IMPLICIT);
    private static final int TRAILING_COMMENT = SqlRules.index(SqlRules.TRAILING_COMMENT);
    private static final int OPEN_CALL = SqlRules.index(SqlRules.OPEN_CALL);
    private static final int KEYWORD_AFTER_QUOTE = SqlRules.index(SqlRules.KEYWORD_AFTER_QUOTE);
    private static final int OPERATOR_FRAGMENT = SqlRules.index(SqlRules.OPERATOR_FRAGMENT);
    private static final int PROBE = SqlRules.index(SqlRules.PROBE);

    private String text;
    private FirstFindings findings;

    private int n;
    private int[] type;
    private int[] start;
    private int[] end;
    private int[] detail;
    private int[] match;
    private int context;
    /** Quoted context: the quote character, and where the SQL starts (after that quote). */
    private char quote;
    private int breakAt;
    private final int prefixFrom = 0;

    // What the last operand() read.
    private int kind;
    private int operandAt;
    /** The index after the last operand, so two operands can be compared as text. */
    private int operandEnd;
    private int callId;

    // What the last expression() read.
    private int exprFirstKind;
    private int exprLastKind;
    private int exprLastAt;
    private int exprOperands;
    private boolean exprCompare;
    private boolean exprTautology;
    private boolean exprSqlish;
    private boolean exprAllWords;
    private boolean exprAnyWord;
    /** The expression ends the value with an operator that has no right operand: {@code or x <}. */
    private boolean exprDangling;
    private int cmpLeftKind;
    private int cmpRightKind;

    /** The unquoted lead when it is a single constant or parenthesised group: its tokens, else -1. */
    private int leadFrom = -1;
    private int leadTo = -1;

    // What the last binop() read.
    private boolean opCompare;
    private boolean opBetween;

    /** A judge with no value yet: {@link #start} readies it for each value. */
    SqlShapes() {
    }

    /**
     * Readies this judge for the readings of a new value, in the state a new instance has, so one
     * instance can serve a thread's scans. Every field that a reading changes is set here.
     */
    void start(String value, FirstFindings found) {
        text = value;
        findings = found;
        n = 0;
        type = null;
        start = null;
        end = null;
        detail = null;
        match = null;
        context = 0;
        quote = 0;
        breakAt = 0;
        kind = 0;
        operandAt = 0;
        operandEnd = 0;
        callId = 0;
        exprFirstKind = 0;
        exprLastKind = 0;
        exprLastAt = 0;
        exprOperands = 0;
        clearExpressionFindings();
        leadFrom = -1;
        leadTo = -1;
        opCompare = false;
        opBetween = false;
    }

    /** Lets go of the value, its findings and the token buffers, so that a scratch instance keeps none alive. */
    void finish() {
        start(null, null);
    }

    /**
     * Judges one run of tokens.
     *
     * @param tokens the tokens, parentheses matched
     * @param readAs {@link #UNQUOTED} or {@link #QUOTED}
     * @param quoteChar quoted context: the quote that ends the application's string
     * @param sqlStart quoted context: where the SQL starts, just after that quote
     * @param atValueStart whether the run starts where the value (or, quoted, the string) ends
     */
    void judge(SqlTokens tokens, int readAs, char quoteChar, int sqlStart, boolean atValueStart) {
        quote = quoteChar;
        breakAt = sqlStart;
        n = tokens.count;
        type = tokens.type;
        start = tokens.start;
        end = tokens.end;
        detail = tokens.detail;
        match = tokens.match;
        context = readAs;
        if (tokens.executableCommentAt >= 0) {
            findings.add(EXECUTABLE_COMMENT, tokens.executableCommentAt, tokens.executableCommentAt + 3);
        }
        if (atValueStart) {
            lead();
        }
        int first = atValueStart ? next(0) : -1;
        for (int i = 0; i < n; i++) {
            anywhere(i, i == first);
        }
        if (atValueStart && context == UNQUOTED) {
            statementBehindOperators(0);
        }
    }

    /**
     * A statement glued behind slashes or angle brackets that open the value or a {@code name=}
     * value inside it ({@code >SET @a}, {@code /CREATE TABLE t}, {@code a=>SET @b}): no word or text reads before it, so they end the application's
     * expression as a semicolon would. The statement must still have its own shape.
     */
    private void statementBehindOperators(int from) {
        int i = from;
        while (i < n && type[i] == OP && slashesOrAngles(start[i], end[i])) {
            i++;
        }
        if (i > from && i < n && (from == 0 ? start[0] == 0 : start[from] == end[from - 1])
                && type[i] == WORD && start[i] == end[i - 1] && is(detail[i], SqlVocabulary.STATEMENT)) {
            statement(i, true, true);
        }
    }

    // ---------------------------------------------------------------- lead checks

    private void lead() {
        if (context == QUOTED) {
            leadQuoted();
            return;
        }
        leadUnquoted(next(0), true);
        placeholderList();
        // name=value pairs inside the value: each value may be a payload of its own
        int subValues = 0;
        for (int i = 0; i + 2 < n && subValues < MAX_SUB_VALUES; i++) {
            // the lexer reads a lone '=' as an operator only, so most words are passed on their type
            if (type[i] == WORD && type[i + 1] == OP && isChar(i + 1, '=')
                    && (i == 0 || isChar(i - 1, '&') || isChar(i - 1, '?'))) {
                int s = next(i + 2);
                if (s < n) {
                    leadUnquoted(s, false);
                    statementBehindOperators(i + 2);
                    subValues++;
                }
            }
        }
    }

    /** The value read as it is: a number or name that the rest of the value continues. */
    private void leadUnquoted(int s, boolean valueStart) {
        if (s >= n) {
            return;
        }
        int c;
        int leadKind;
        boolean leadCompare = false;
        boolean leadConstants = false;
        boolean leadHasWord = false;
        leadFrom = -1;
        if (isWord(s, SqlVocabulary.VALUES)) {
            startingClause(s);
            return;
        }
        if (type[s] == RPAREN || isLogic(s)) {
            c = s;
            leadKind = K_PAREN;
            openedComparison(s);
        } else {
            c = expression(s, false);
            if (c < 0) {
                startingClause(s);
                if (valueStart) {
                    openCall(s);
                    loneFragment(s);
                }
                return;
            }
            leadKind = exprFirstKind;
            leadCompare = exprCompare;
            leadConstants = isConstant(cmpLeftKind) && isConstant(cmpRightKind);
            leadHasWord = exprAnyWord;
            if (exprOperands == 1 && (isConstant(exprFirstKind) || exprFirstKind == K_PAREN)) {
                leadFrom = s;
                leadTo = c;
            }
            if (exprFirstKind == K_SUBQUERY && type[s] == LPAREN && match[s] < 0 && n - s <= 4) {
                findings.add(STATEMENT, start[s], end[n - 1]);
            }
            if (valueStart) {
                openCall(s);
            }
        }
        int closes = 0;
        while (true) {
            int k = next(c);
            if (k < n && type[k] == RPAREN) {
                c = k + 1;
                closes++;
            } else {
                break;
            }
        }
        boolean wordLead = (leadKind == K_WORD || leadKind == K_QIDENT) && closes == 0;
        int s2 = next(c);
        if (s2 >= n) {
            if (c < n && realComment(c) && !wordLead && !leadHasWord && leadKind != K_STR_OPEN
                    && (c != s + 1 || leadKind != K_NUM || bareComment(c))) {
                findings.add(TRAILING_COMMENT, start[s], end[c]);
            } else if (c >= n && leadCompare && leadConstants && closes == 0 && valueStart
                    && !spacedArithmetic(s, n)) {
                findings.add(TAUTOLOGY, start[s], end[n - 1]);
            }
            return;
        }
        if (isLogic(s2)) {
            int after = s2 + 1;
            if (leadCompare && leadConstants && closes == 0 && after < n && realComment(after) && bareComment(after)
                    && next(after) >= n) {
                // 1='1' or-- : a condition left open for a comment to cut off the rest of the query
                findings.add(TRAILING_COMMENT, start[s], end[after]);
            }
            booleanAfter(s2, false, wordLead, closes);
            return;
        }
        if (type[s2] == SEMI && !wordLead && !leadHasWord && leadKind != K_STR_OPEN && s2 + 1 < n
                && realComment(s2 + 1) && next(s2 + 1) >= n) {
            // 1;-- ends the statement and comments out the rest of the query
            findings.add(TRAILING_COMMENT, start[s], end[s2 + 1]);
            return;
        }
        if (type[s2] != WORD) {
            return;
        }
        if (closes > 0 && leadKind == K_PAREN && c == s + closes) {
            if (is(detail[s2], SqlVocabulary.COMPARE) && next(s2 + 1) < n) {
                findings.add(BOOLEAN, start[s], end[s2]);
            } else if (detail[s2] == SqlVocabulary.WHEN) {
                int j = expression(next(s2 + 1), true);
                if (j >= 0 && isWord(next(j), SqlVocabulary.THEN)) {
                    findings.add(CONDITIONAL, start[s2], end[next(j)]);
                }
            }
        }
        if (detail[s2] == SqlVocabulary.UNION && !wordLead) {
            int u = next(s2 + 1);
            if (isWord(u, SqlVocabulary.ALL) || isWord(u, SqlVocabulary.DISTINCT)) {
                u = next(u + 1);
            }
            if (u >= n || type[u] == NUM || type[u] == LPAREN || type[u] == VAR || (s2 + 1 < n && realComment(s2 + 1))) {
                findings.add(UNION, start[s2], end[s2]);
            }
            return;
        }
        clauseAfter(s2, false, wordLead);
    }

    /**
     * A value that opens with {@code &&} or {@code ||} glued to a parenthesis and a comparison in
     * it, the comparison glued to what follows ({@code ||(c===}, {@code &&(id>0}, {@code &&(a="}):
     * it goes on with the application's condition. Prose does not open with these operators, a
     * lone one stays a fragment, and code a person types spaces the comparison ({@code ||(a == b)}).
     */
    private void openedComparison(int s) {
        int p = s + 1;
        if (type[s] != OP || detail[s] != OP_LOGIC || p >= n || type[p] != LPAREN || start[p] != end[s]) {
            return;
        }
        int left = operand(p + 1);
        int k = left < 0 ? n : next(left);
        if (k < n && type[k] == OP && detail[k] == OP_COMPARE && !spacedAfter(end[k])) {
            findings.add(BOOLEAN, start[s], end[k]);
        }
    }

    /** Whether a blank follows the operator characters ({@code =<>!}) that run on from {@code at}. */
    private boolean spacedAfter(int at) {
        int k = at;
        while (k < text.length() && "=<>!".indexOf(text.charAt(k)) >= 0) {
            k++;
        }
        return k < text.length() && SqlLexer.isSpace(text.charAt(k));
    }

    /**
     * Whether the tail opens with one word glued to a quote, as prose quotes a word ({@code 'print'
     * the doc}): the break and that quote enclose the word, so it reads as a quoted name, not a
     * statement run without a semicolon.
     */
    private boolean quotedWord(int s) {
        int q = s + 1;
        return s == 0 && q < n && (type[q] == STR || type[q] == STR_OPEN) && start[q] == end[s];
    }

    /** Quoted context: the tail after the quote that ends the application's string. */
    private void leadQuoted() {
        int c = afterCast();
        boolean tailOperator = false;
        boolean tailComparison = false;
        int k = next(c);
        if (k < n && binop(k, false) >= 0) {
            int j = continueExpression(k);
            if (j > k) {
                tailOperator = true;
                tailComparison = exprCompare && isConstant(cmpRightKind);
                judgeTailOperator(k, j);
                c = j;
            }
        }
        implicitConversion();
        comparisonProbe();
        jsonMemberProbe();
        listProbe();
        if (!tailOperator) {
            rowTruncation(c);
        }
        int closes = 0;
        while (true) {
            int r = next(c);
            if (r < n && type[r] == RPAREN) {
                c = r + 1;
                closes++;
            } else {
                break;
            }
        }
        if (c < n && type[c] == COMMENT && !tailOperator && realComment(c)) {
            // x'-- and '::int--: the string ends (cast or not) and a comment cuts off the rest of the query
            findings.add(COMMENT_TRUNCATION, start[c], end[c]);
        }
        int s = next(c);
        if (s >= n) {
            return;
        }
        if (type[s] == SEMI) {
            int after = s + 1;
            if (!tailOperator) {
                if (after < n && realComment(after)) {
                    findings.add(COMMENT_TRUNCATION, start[s], end[after]);
                } else if (next(after) >= n) {
                    findings.add(oneWord(prefixFrom, breakAt - 1) && breakAt > 0 ? COMMENT_TRUNCATION : FRAGMENT,
                            start[s], end[s]);
                } else if (after + 2 == n && realComment(after + 1) && bareComment(after + 1)
                        && backslashesOrBlank(prefixFrom, breakAt - 1)) {
                    // ';@@#-- : a probe that ends the statement, tries one token and cuts off the rest
                    findings.add(COMMENT_TRUNCATION, start[s], end[after + 1]);
                }
            }
            int st = next(after);
            if (st < n) {
                statement(st, true, true);
            }
            return;
        }
        if (isLogic(s)) {
            if (tailComparison && closes > unclosedParentheses(prefixFrom, breakAt - 1)) {
                // x` < 0) AND: the string compared, the application's parenthesis closed, a condition added;
                // (size 10" < 12) or: the value closes its own parenthesis, as prose does
                findings.add(BOOLEAN, breakAt, end[s]);
            }
            logicAfterQuote(s);
            int after = s + 1;
            if (type[s] == WORD && after < n && realComment(after) && bareComment(after) && next(after) >= n) {
                // x' or-- : the string ends, a condition opens and a comment cuts off the rest of the query
                findings.add(COMMENT_TRUNCATION, start[s], end[after]);
            }
            booleanAfter(s, true, false, closes);
            return;
        }
        if (type[s] == WORD) {
            operatorAfterQuote(s);
            clauseAfter(s, true, false);
            if (is(detail[s], SqlVocabulary.STATEMENT) && !quotedWord(s)) {
                statement(s, true, true);
            }
            keywordAfterQuote(s);
        }
    }

    /**
     * A value that is only a quote and a comparison with a constant: {@code `>65}, {@code '=1}, a
     * probe that ends a string or quoted name and tests it. A lone {@code <} is left to prose
     * ({@code '<3}); a name compared is only taken after a backtick, which quotes names. Quotes of
     * other kinds may come first for the other two probes: a product of numbers ({@code "2562*23},
     * {@code "` * 123}) or an operator that a comment cuts off ({@code ' = #}).
     */
    private void comparisonProbe() {
        if (!quotesBackslashesOrBlank(prefixFrom, breakAt - 1)) {
            return;
        }
        boolean comparison = n == 2 && type[0] == OP && detail[0] == OP_COMPARE && !isChar(0, '<')
                && (type[1] == NUM || type[1] == WORD && quote == '`' && detail[1] == 0)
                && backslashesOrBlank(prefixFrom, breakAt - 1);
        // "2562*23 and "` * 123: a product the database is asked to compute, to see whether it does
        boolean product = n == 2 && isChar(0, '*') && type[1] == NUM
                || n == 3 && type[0] == NUM && isChar(1, '*') && type[2] == NUM;
        // ' = # and '? #: an operator left for the comment to cut off the rest of the query; a comment
        // with words in it is prose's number sign ('? # of rows)
        boolean cutOperator = n == 2 && type[0] == OP && detail[0] != OP_CAST && realComment(1) && bareComment(1);
        if (comparison || product || cutOperator) {
            findings.add(PROBE, Math.max(0, breakAt - 1), end[n - 1]);
        }
    }

    /**
     * A value that is only a double quote, a colon and a number, perhaps in quotes or brackets, with
     * no blank ({@code ":60}, {@code ":["00}): a probe that ends a JSON string the application builds by
     * pasting the value in (JSON columns are often written so) and supplies a member's value.
     */
    private void jsonMemberProbe() {
        if (quote != '"' || breakAt >= text.length() || text.charAt(breakAt) != ':'
                || !backslashesOrBlank(prefixFrom, breakAt - 1)) {
            return;
        }
        int limit = Math.min(text.length(), breakAt + 8);
        for (int k = breakAt + 1; k < limit; k++) {
            char c = text.charAt(k);
            if (SqlLexer.isDigit(c)) {
                // compact as a probe is: prose after a quote and colon has blanks (": 5 stars)
                if (!hasBlank(breakAt, text.length())) {
                    findings.add(PROBE, breakAt - 1, k + 1);
                }
                return;
            }
            if (c != '"' && c != '[') {
                return;
            }
        }
    }

    private boolean hasBlank(int from, int to) {
        for (int k = from; k < to; k++) {
            if (SqlLexer.isSpace(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value that is only a quote and a list of numbers after it: {@code ', 2, 1} ends the string
     * and goes on with the values of the row the query builds, probing how many columns it has.
     */
    private void listProbe() {
        if (n < 4 || !backslashesOrBlank(prefixFrom, breakAt - 1)) {
            return;
        }
        for (int k = 0; k < n; k += 2) {
            if (type[k] != COMMA || k + 1 >= n || type[k + 1] != NUM) {
                return;
            }
        }
        findings.add(PROBE, Math.max(0, breakAt - 1), end[n - 1]);
    }

    /**
     * The tail closes the row of values the string is in, perhaps adds rows of its own, and cuts off
     * the rest of the query: {@code x', 1, 1)-- -}, {@code x'), ('admin','pass')--}. Each value is a
     * constant; the row's closing parenthesis must come before the comment or semicolon.
     */
    private void rowTruncation(int from) {
        int k = from;
        int values = 0;
        int rows = 0;
        int closes = 0;
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            k = skipInnerComments(k);
            if (k >= n) {
                return;
            }
            if (type[k] == COMMA && closes == 0) {
                int v = skipInnerComments(k + 1);
                if (v >= n || !isRowValue(v)) {
                    return;
                }
                values++;
                k = v + 1;
            } else if (type[k] == RPAREN && rows == 0) {
                closes++;
                k++;
            } else if (type[k] == COMMA && closes > 0) {
                int open = skipInnerComments(k + 1);
                if (open >= n || type[open] != LPAREN || match[open] < 0 || !rowOfValues(open)) {
                    return;
                }
                rows++;
                k = match[open] + 1;
            } else {
                break;
            }
        }
        if (k >= n) {
            return;
        }
        boolean ends = type[k] == COMMENT && realComment(k) && next(k) >= n
                || type[k] == SEMI && (next(k + 1) >= n || realComment(k + 1));
        if (ends && closes > 0 && values + rows > 0) {
            findings.add(COMMENT_TRUNCATION, start[from], end[k]);
        }
    }

    /** The first token at or after {@code k} that is not a comment, or the first of the comments that end the value. */
    private int skipInnerComments(int k) {
        int after = next(k);
        return after < n ? after : k;
    }

    /** Whether the parenthesis at {@code open} holds only constants separated by commas. */
    private boolean rowOfValues(int open) {
        boolean value = false;
        for (int v = next(open + 1); v < match[open]; v = next(v + 1)) {
            if (value ? type[v] != COMMA : !isRowValue(v)) {
                return false;
            }
            value = !value;
        }
        return value;
    }

    private boolean isRowValue(int v) {
        return type[v] == NUM || type[v] == STR || type[v] == SYSVAR || type[v] == VAR
                || type[v] == WORD && is(detail[v], SqlVocabulary.LITERAL);
    }

    /**
     * A value that is only empty single-quoted strings and numbers in a list, a string first and a
     * number last: {@code '', '', 13} and {@code ' ', 10} fill the columns of a row to count them.
     * CSV quotes with double quotes, so {@code "",0} is left to it.
     */
    private void placeholderList() {
        if (n < 3 || type[0] != STR || type[n - 1] != NUM) {
            return;
        }
        for (int k = 0; k < n; k++) {
            boolean item = k % 2 == 0;
            if (item ? !(type[k] == NUM || type[k] == STR && detail[k] == '\'' && blank(start[k] + 1, end[k] - 1))
                    : type[k] != COMMA) {
                return;
            }
        }
        findings.add(PROBE, start[0], end[n - 1]);
    }

    /**
     * Where the tail goes on after a PostgreSQL cast of the string the break ends ({@code '::text||version()--}):
     * the cast keeps that string a value, so what follows is read as if it followed the quote. 0 when
     * the tail does not open with {@code ::type}.
     */
    private int afterCast() {
        int k = next(0);
        if (k < n && type[k] == OP && detail[k] == OP_CAST) {
            int cast = next(k + 1);
            if (cast < n && type[cast] == WORD && is(detail[cast], SqlVocabulary.CAST_TYPE) && cast + 1 < n) {
                return cast + 1;
            }
        }
        return 0;
    }

    /**
     * A value that is a quote and then a statement keyword, nothing before the quote and little
     * after it: {@code 'union select}, {@code " ALTER A}, a probe for a string context.
     */
    private void keywordAfterQuote(int s) {
        int id = detail[s];
        boolean keyword = id == SqlVocabulary.UNION || id == SqlVocabulary.SELECT || id == SqlVocabulary.ALTER
                || id == SqlVocabulary.DROP || id == SqlVocabulary.INSERT || id == SqlVocabulary.DELETE
                || id == SqlVocabulary.EXEC || id == SqlVocabulary.EXECUTE || id == SqlVocabulary.TRUNCATE;
        if (!keyword || !oneWord(prefixFrom, breakAt - 1) || breakAt - 1 - prefixFrom > 0 && !blank(prefixFrom, breakAt - 1)
                || n - s > 3) {
            return;
        }
        for (int k = s + 1; k < n; k++) {
            if (type[k] == STR || type[k] == STR_OPEN) {
                return;
            }
        }
        findings.add(KEYWORD_AFTER_QUOTE, Math.max(0, breakAt - 1), end[s]);
    }

    /**
     * A value that is only a quote (after backslashes at most) and AND or OR: {@code 'and},
     * <code>&#92;'or</code>, a probe that ends the string and starts a condition; or a single quote
     * and OR or XOR with a number after it and no other quote ({@code ' or homer 9}).
     */
    private void logicAfterQuote(int s) {
        if (type[s] != WORD || !backslashesOrBlank(prefixFrom, breakAt - 1)) {
            return;
        }
        if (s == n - 1 && (detail[s] == SqlVocabulary.AND || detail[s] == SqlVocabulary.OR)) {
            findings.add(KEYWORD_AFTER_QUOTE, Math.max(0, breakAt - 1), end[s]);
        } else if (s == 0 && quote == '\'' && (detail[s] == SqlVocabulary.OR || detail[s] == SqlVocabulary.XOR)
                && !holdsQuote(s + 1) && holdsBareNumber(s + 1)) {
            // ' or homer 9: a probe that ends a string it never opened and goes on with a condition; a
            // title in quotes has no number and closes its quote ('Or Forever Hold Your Peace'), and
            // prose counts things ('or 3 weeks)
            findings.add(KEYWORD_AFTER_QUOTE, Math.max(0, breakAt - 1), end[s]);
        }
    }

    /**
     * Whether a number that counts nothing is among the tokens from {@code from} on: one not
     * followed by a word, as a quantity in prose is ({@code 3 weeks}).
     */
    private boolean holdsBareNumber(int from) {
        for (int k = from; k < n; k++) {
            if (type[k] == NUM && (next(k + 1) >= n || type[next(k + 1)] != WORD)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a string or quoted name is among the tokens from {@code from} on. */
    private boolean holdsQuote(int from) {
        for (int k = from; k < n; k++) {
            if (type[k] == STR || type[k] == STR_OPEN || type[k] == QIDENT) {
                return true;
            }
        }
        return false;
    }

    /** A value that is only a quote and a MySQL matching operator: {@code ` REGEXP}, {@code ' rlike}. */
    private void operatorAfterQuote(int s) {
        if (s == n - 1 && (detail[s] == SqlVocabulary.RLIKE || detail[s] == SqlVocabulary.REGEXP)
                && backslashesOrBlank(prefixFrom, breakAt - 1)) {
            findings.add(OPERATOR_FRAGMENT, Math.max(0, breakAt - 1), end[s]);
        }
    }

    /**
     * Whether {@code text[from, to)} holds only {@code /} and {@code >}; not the {@code -}, {@code +}
     * or {@code *} that open list items in prose ("-insert into the slot").
     */
    private boolean slashesOrAngles(int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c != '/' && c != '>') {
                return false;
            }
        }
        return to > from;
    }

    /** How many parentheses {@code text[from, to)} opens and leaves open. */
    private int unclosedParentheses(int from, int to) {
        int open = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '(') {
                open++;
            } else if (c == ')' && open > 0) {
                open--;
            }
        }
        return open;
    }

    /** Whether {@code text[from, to)} holds only blanks, backslashes and quotes: probes try several quotes at once. */
    private boolean quotesBackslashesOrBlank(int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c != '\\' && c != '`' && SqlLexer.quoteKind(c) == 0 && !SqlLexer.isSpace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text[from, to)} holds only blanks and backslashes, the escape a probe tries to defeat. */
    private boolean backslashesOrBlank(int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c != '\\' && !SqlLexer.isSpace(c)) {
                return false;
            }
        }
        return true;
    }

    private boolean blank(int from, int to) {
        for (int k = from; k < to; k++) {
            if (!SqlLexer.isSpace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * MySQL's implicit conversions: {@code x' = 'y}, {@code 'like'}, {@code a' | 'b}. The tail is a
     * short chain of operators and operands ending in a string that the application's own closing
     * quote ends. Only counted when the value is a couple of words at most.
     */
    private void implicitConversion() {
        if (n == 0 || n > 16 || type[n - 1] != STR_OPEN || detail[n - 1] != quote) {
            return;
        }
        boolean operator = false;
        int operands = 0;
        int operators = 0;
        for (int i = 0; i < n - 1; i++) {
            int t = type[i];
            if (t == WORD || t == NUM || t == STR) {
                operands++;
            }
            if (t == OP && detail[i] != SqlTokens.OP_OTHER || t == WORD && any(detail[i], SqlVocabulary.COMPARE
                    | SqlVocabulary.ARITH)) {
                operator = true;
                operators++;
            } else if (t == STR && end[i] - start[i] > 2 || t == NUM || t == WORD || t == LPAREN || t == RPAREN
                    || t == COMMENT || t == OTHER && detail[i] == '\\') {
                continue;
            } else {
                return;
            }
        }
        int last = n - 1;
        if (operands > operators + 1 || !oneWord(prefixFrom, breakAt - 1) || !oneWord(start[last] + 1, end[last])) {
            return;
        }
        if (namesAroundOperator(last) && (apostrophe(breakAt - 1) && apostrophe(start[last])
                && hasBlank(breakAt, start[last]) || spacedWordAfter(start[last]))) {
            // Don't & won't, 'Q&A' section: words on both sides of an operator between the quotes, in
            // contractions or a quoted name followed by a word, are prose; A '&' B quotes the operator alone
            return;
        }
        if (operator || n == 1 && !(apostrophe(breakAt - 1) && apostrophe(text.indexOf(quote, start[last])))) {
            // rock'n'roll: a word between two apostrophes is a contraction, not a string
            findings.add(quote == '\'' ? IMPLICIT : FRAGMENT, Math.max(0, breakAt - 1), end[last]);
        }
    }

    /**
     * Whether tokens before {@code last} hold an operator between two plain names or numbers ({@code Q&A}),
     * not an operator word alone ({@code 'DIV'}, {@code 'NOT LIKE'}).
     */
    private boolean namesAroundOperator(int last) {
        for (int i = 1; i + 1 < last; i++) {
            if ((type[i] == OP || type[i] == WORD && any(detail[i], SqlVocabulary.COMPARE | SqlVocabulary.ARITH))
                    && plainOperand(i - 1) && plainOperand(i + 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean plainOperand(int i) {
        return type[i] == NUM || type[i] == WORD && detail[i] == 0;
    }

    /**
     * Whether tokens {@code [from, to)} hold {@code + - * / %} with a blank on each side, as a sum written
     * out ({@code 1 + 1 = 2}) does; probes compare constants tersely ({@code 1=1}, {@code 11!=1}).
     */
    private boolean spacedArithmetic(int from, int to) {
        for (int i = from; i < to; i++) {
            if (type[i] == OP && end[i] - start[i] == 1 && "+-*/%".indexOf(text.charAt(start[i])) >= 0
                    && start[i] > 0 && end[i] < text.length() && SqlLexer.isSpace(text.charAt(start[i] - 1))
                    && SqlLexer.isSpace(text.charAt(end[i]))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the quote at {@code at} stands between two letters, as an apostrophe in a word does. */
    private boolean apostrophe(int at) {
        return at > 0 && at + 1 < text.length() && Character.isLetter(text.charAt(at - 1))
                && Character.isLetter(text.charAt(at + 1));
    }

    /** Whether the quote at {@code at} is followed by a blank and then a word ({@code ' section}). */
    private boolean spacedWordAfter(int at) {
        int k = at + 1;
        if (k >= text.length() || !SqlLexer.isSpace(text.charAt(k))) {
            return false;
        }
        while (k < text.length() && SqlLexer.isSpace(text.charAt(k))) {
            k++;
        }
        return k < text.length() && Character.isLetter(text.charAt(k));
    }

    /** Whether {@code text[from, to)} is at most one short word once trimmed. */
    private boolean oneWord(int from, int to) {
        while (from < to && SqlLexer.isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && SqlLexer.isSpace(text.charAt(to - 1))) {
            to--;
        }
        if (to - from > MAX_IMPLICIT_WORD) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (SqlLexer.isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Quoted context: the value goes on with an operator, as in {@code x' = 'y} or {@code '+f()+'}. */
    private void judgeTailOperator(int opAt, int exprEnd) {
        boolean comment = exprEnd < n && realComment(exprEnd);
        int s = next(exprEnd);
        int evidenceEnd = end[Math.max(opAt, exprEnd - 1)];
        if (exprSqlish || comment || (s < n && type[s] == SEMI)) {
            if (exprSqlish || exprCompare) {
                findings.add(BOOLEAN, start[opAt], evidenceEnd);
            } else if (exprOperands <= 2) {
                findings.add(COMMENT_TRUNCATION, start[opAt], evidenceEnd);
            }
        } else if (s >= n && exprLastKind == K_STR_OPEN && exprCompare
                && (exprOperands >= 3 || signed(prev(exprLastAt))) && !angleBracketPlaceholder(opAt)) {
            findings.add(BOOLEAN, start[opAt], evidenceEnd);
        }
    }

    /**
     * {@code "<name>"} in prose: a quoted placeholder reads as {@code " < name > "}, a comparison
     * chain closed by the application's own quote. Only the glued shape is let through.
     */
    private boolean angleBracketPlaceholder(int lt) {
        int word = lt + 1;
        int gt = lt + 2;
        return gt + 1 < n && isChar(lt, '<') && (type[word] == WORD || type[word] == NUM) && isChar(gt, '>')
                && type[gt + 1] == STR_OPEN
                && start[word] == end[lt] && start[gt] == end[word] && start[gt + 1] == end[gt];
    }

    /** A logic operator right after the lead: {@code ' or 1=1}, {@code 1 and 2>1}. */
    private void booleanAfter(int logicAt, boolean quoted, boolean wordLead, int closes) {
        int b = next(logicAt + 1);
        int j = expression(b, true);
        if (j < 0) {
            return;
        }
        // x OR x: the lead repeated as the whole condition, (1)or(1), 1||1
        boolean repeated = !quoted && !wordLead && leadFrom >= 0 && exprOperands == 1 && !exprCompare
                && sameTokens(leadFrom, leadTo, b, j);
        if (exprFirstKind == K_PAREN && exprOperands == 1 && !exprCompare) {
            int inner = next(b + 1);
            for (int guard = 0; guard < 4 && inner < n && type[inner] == LPAREN; guard++) {
                inner = next(inner + 1);
            }
            int x = expression(inner, true);
            if (x < 0) {
                x = expression(b, true);
            }
        }
        boolean comment = j < n && realComment(j);
        int after = next(j);
        boolean terminated = after >= n || comment || type[after] == SEMI || type[after] == RPAREN
                || isLogic(after) || (type[after] == WORD && isClauseWord(detail[after]));
        boolean clauseFollows = after < n && type[after] == WORD && isClauseWord(detail[after]);
        boolean valueFirst = isValue(exprFirstKind) && !(exprFirstKind == K_STR_OPEN && emptyOpenString(b));
        boolean endsInComment = lastIsRealComment();
        boolean ends = after >= n || comment || type[after] == SEMI;
        boolean hit;
        if (exprDangling && !wordLead) {
            hit = true;
        } else if (quoted) {
            boolean plainValue = quote == '\'' || exprFirstKind == K_NUM || exprFirstKind == K_LITERAL
                    || exprFirstKind == K_STR_OPEN && exprOperands == 1 && (numberInOpenString(b) || signed(b));
            hit = exprCompare || exprSqlish || (valueFirst && terminated && plainValue)
                    || (exprOperands >= 2 && exprLastKind == K_STR_OPEN)
                    || (valueFirst && endsInComment);
        } else if (wordLead) {
            hit = (exprCompare && isValue(cmpLeftKind) && isValue(cmpRightKind))
                    || (exprSqlish && exprFirstKind != K_LITERAL && exprFirstKind != K_SYNTAX)
                    || (exprCompare && comment);
        } else {
            hit = (exprCompare && (isValue(cmpLeftKind) || isValue(cmpRightKind)))
                    || (exprSqlish && (exprFirstKind != K_LITERAL || terminated))
                    || (valueFirst && (comment || clauseFollows))
                    || (exprCompare && comment)
                    || (closes > 0 && (exprCompare || valueFirst))
                    || exprTautology || (repeated && ends);
        }
        if (!hit) {
            return;
        }
        int evidenceEnd = end[Math.max(logicAt, j - 1)];
        findings.add(BOOLEAN, start[logicAt], evidenceEnd);
        boolean truthy = exprTautology || (!exprCompare && exprOperands == 1
                && (exprFirstKind == K_NUM || exprFirstKind == K_LITERAL));
        if (quoted && truthy && (comment || (after < n && type[after] == SEMI))) {
            findings.add(TAUTOLOGY_COMMENT, start[logicAt], evidenceEnd);
        }
    }

    /**
     * Whether the string the application's closing quote ends at {@code i} holds only a number:
     * {@code x" or "1} is as true as {@code x' or '1}, where prose quotes words ({@code "yes" or "no}).
     */
    private boolean numberInOpenString(int i) {
        int k = next(i);
        for (int guard = 0; guard < 8 && k < n && isUnary(k); guard++) {
            k = next(k + 1);
        }
        if (k >= n || type[k] != STR_OPEN || end[k] - start[k] < 2) {
            return false;
        }
        for (int c = start[k] + 1; c < end[k]; c++) {
            if (!Ascii.isDigit(text.charAt(c))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a sign or negation sits at {@code i} in front of the operand after it ({@code !"a},
     * {@code = -"0}): prose puts no sign before a quoted word, a search puts a minus before one.
     */
    private boolean signed(int i) {
        return i >= 0 && i < n && isUnary(i) && type[i] == OP && (detail[i] == OP_NOT || prev(i) >= 0
                && type[prev(i)] == OP && detail[prev(i)] != OP_LOGIC);
    }

    private boolean emptyOpenString(int i) {
        int k = next(i);
        for (int guard = 0; guard < 8 && k < n && isUnary(k); guard++) {
            k = next(k + 1);
        }
        return k < n && type[k] == STR_OPEN && end[k] - start[k] <= 1;
    }

    private boolean lastIsRealComment() {
        return n > 0 && realComment(n - 1);
    }

    /** A value that starts with a clause keyword: {@code ORDER BY 1--}, {@code FROM t LIMIT}. */
    private void startingClause(int s) {
        if (s >= n || type[s] != WORD) {
            return;
        }
        int id = detail[s];
        if (id == SqlVocabulary.FROM) {
            int t = next(s + 1);
            if (t < n && (type[t] == QIDENT || type[t] == WORD || type[t] == LPAREN)) {
                int follow = tableReference(t);
                int f = next(qualified(t + 1));
                boolean grouping = isWord(f, SqlVocabulary.GROUP) || isWord(f, SqlVocabulary.ORDER)
                        || isWord(f, SqlVocabulary.LIMIT);
                if (follow == 2 && (type[t] != WORD || codeLike(t) || grouping)) {
                    findings.add(CLAUSE, start[s], end[t]);
                }
            }
        } else if (id == SqlVocabulary.VALUES) {
            int p = next(s + 1);
            if (p < n && type[p] == LPAREN && constantList(p) > 0) {
                findings.add(STATEMENT, start[s], end[p]);
            } else if (p < n && type[p] == LPAREN && match[p] < 0 && n - p <= 4) {
                // values ( left open: the start of a row the rest of the query is meant to fill
                findings.add(OPEN_CALL, start[s], end[p]);
            }
        } else if (id == SqlVocabulary.IN) {
            int p = next(s + 1);
            if (p < n && type[p] == LPAREN && match[p] > 0 && next(match[p] + 1) >= n && constantList(p) > 0) {
                findings.add(CLAUSE, start[s], end[match[p]]);
            }
        } else if (isClauseWord(id) || id == SqlVocabulary.WHERE) {
            int before = findings.has(CLAUSE) ? 1 : 0;
            clauseAfter(s, false, false);
            if (before == 0 && findings.has(CLAUSE) && !lastIsRealComment() && !exprSqlish && id != SqlVocabulary.LIMIT
                    && id != SqlVocabulary.HAVING) {
                findings.remove(CLAUSE);
            }
        } else if (id == SqlVocabulary.SET) {
            int v = next(s + 1);
            if (v < n && (type[v] == VAR || type[v] == SYSVAR)) {
                findings.add(STATEMENT, start[s], end[v]);
            }
        }
    }

    /** How many constants a closed parenthesised list of constants holds; 0 if it holds anything else. */
    private int constantList(int p) {
        if (match[p] < 0) {
            return 0;
        }
        int constants = 0;
        for (int k = p + 1; k < match[p]; k++) {
            if (type[k] == NUM || type[k] == STR) {
                constants++;
            } else if (type[k] != COMMA && type[k] != COMMENT && !(type[k] == OP && isUnary(k))) {
                return 0;
            }
        }
        return constants;
    }

    /**
     * A value made only of a SQL operator or clause keyword ({@code RLIKE}, {@code IS NULL},
     * {@code <=>}, {@code ORDER BY}): a probe, or a fragment pasted into a query builder.
     */
    private void loneFragment(int s) {
        int last = n - 1;
        while (last > s && type[last] == COMMENT) {
            last--;
        }
        if (last - s > 2) {
            return;
        }
        if (clauseOrTypeFragment(s, last)) {
            // ORder by, ordeR BY: keywords in a case no writer types, the case-shuffling that beats keyword filters
            boolean shuffled = randomCase(s) || reservedWord(last) && randomCase(last);
            findings.add(shuffled ? CLAUSE : FRAGMENT, start[s], end[last]);
            return;
        }
        boolean specific = false;
        boolean operator = false;
        for (int k = s; k <= last; k++) {
            int t = type[k];
            boolean op = t == OP && detail[k] != SqlTokens.OP_OTHER
                    || t == WORD && any(detail[k], SqlVocabulary.COMPARE | SqlVocabulary.LOGIC);
            operator |= op;
            boolean sql = op || t == WORD && any(detail[k], SqlVocabulary.LITERAL | SqlVocabulary.RESERVED);
            if (!sql) {
                return;
            }
            int id = t == WORD ? detail[k] : 0;
            specific |= id == SqlVocabulary.XOR || id == SqlVocabulary.RLIKE || id == SqlVocabulary.REGEXP
                    || id == SqlVocabulary.NULL && k > s || t == OP && end[k] - start[k] == 3 && text.charAt(start[k]) == '<';
        }
        if (specific) {
            findings.add(OPERATOR_FRAGMENT, start[s], end[last]);
        } else if (operator && (last > s || type[s] == OP)) {
            findings.add(FRAGMENT, start[s], end[last]);
        }
    }

    /** A known function opened and left open at the end of the value: {@code hex(}, {@code concat (}. */
    /**
     * A value that is only {@code ORDER BY} or {@code GROUP BY}, or {@code EXEC name}: pieces of a
     * query, but also a sort label or a command, so counted only at {@code STRICT}.
     */
    private boolean clauseOrTypeFragment(int s, int last) {
        if (type[s] != WORD) {
            return false;
        }
        int id = detail[s];
        if (last == s + 1 && (id == SqlVocabulary.ORDER || id == SqlVocabulary.GROUP)) {
            return isWord(last, SqlVocabulary.BY);
        }
        return last == s + 1 && (id == SqlVocabulary.EXEC || id == SqlVocabulary.EXECUTE) && type[last] == WORD
                && !reservedWord(last);
    }

    private void openCall(int s) {
        if (type[s] != WORD || !(is(detail[s], SqlVocabulary.FUNCTION) || detail[s] == SqlVocabulary.IN
                || detail[s] == SqlVocabulary.EXEC || detail[s] == SqlVocabulary.EXECUTE)) {
            return;
        }
        int p = next(s + 1);
        for (int guard = 0; guard < 3 && p < n && (type[p] == OP || type[p] == OTHER || type[p] == DOT
                || type[p] == RPAREN); guard++) {
            p = next(p + 1);
        }
        if (p < n && type[p] == LPAREN && match[p] < 0 && n - p <= 4) {
            findings.add(OPEN_CALL, start[s], end[p]);
        }
    }

    /** Clauses appended after the lead: ORDER BY, GROUP BY, HAVING, LIMIT, COLLATE, FROM, WHERE... */
    private void clauseAfter(int s, boolean quoted, boolean wordLead) {
        int id = detail[s];
        if (wordLead && id != SqlVocabulary.HAVING) {
            return;
        }
        if (id == SqlVocabulary.ORDER || id == SqlVocabulary.GROUP) {
            int by = next(s + 1);
            if (!isWord(by, SqlVocabulary.BY)) {
                return;
            }
            int x = next(by + 1);
            int j = expression(x, false);
            if (j < 0) {
                return;
            }
            boolean comment = j < n && realComment(j);
            int after = next(j);
            boolean number = exprFirstKind == K_NUM && exprOperands == 1;
            boolean follows = after < n && (type[after] == COMMA || type[after] == SEMI
                    || (type[after] == WORD && (isClauseWord(detail[after]) || detail[after] == SqlVocabulary.ASC
                            || detail[after] == SqlVocabulary.DESC)));
            if ((number && (after >= n || comment || follows)) || comment || exprSqlish
                    || (follows && type[after] == WORD)) {
                findings.add(CLAUSE, start[s], end[j - 1]);
            }
        } else if (id == SqlVocabulary.HAVING) {
            int j = expression(next(s + 1), false);
            boolean compare = exprCompare && (isValue(cmpLeftKind) || isValue(cmpRightKind));
            if (j >= 0 && (compare || exprFirstKind == K_PAREN
                    || !wordLead && (exprSqlish || exprFirstKind == K_NUM))) {
                findings.add(CLAUSE, start[s], end[j - 1]);
            }
        } else if (id == SqlVocabulary.LIMIT) {
            int x = next(s + 1);
            if (x < n && type[x] == NUM) {
                int j = x + 1;
                int k = next(j);
                if (k < n && type[k] == COMMA && next(k + 1) < n && type[next(k + 1)] == NUM) {
                    j = next(k + 1) + 1;
                }
                int after = next(j);
                if (after >= n || (j < n && realComment(j)) || type[after] == SEMI
                        || (type[after] == WORD && isClauseWord(detail[after]))) {
                    findings.add(CLAUSE, start[s], end[j - 1]);
                }
            }
        } else if (id == SqlVocabulary.WHERE) {
            int j = expression(next(s + 1), true);
            if (j >= 0 && exprCompare && (isValue(cmpLeftKind) || isValue(cmpRightKind))) {
                findings.add(CLAUSE, start[s], end[j - 1]);
            }
        } else if (id == SqlVocabulary.FROM) {
            if (tableReference(next(s + 1)) == 2) {
                findings.add(CLAUSE, start[s], end[s]);
            }
        } else if (id == SqlVocabulary.COLLATE && quoted) {
            int x = next(s + 1);
            if (x < n && (type[x] == WORD || type[x] == QIDENT || type[x] == STR)) {
                findings.add(CLAUSE, start[s], end[x]);
            }
        } else if (id == SqlVocabulary.AS) {
            int x = next(s + 1);
            int f = next(x + 1);
            if (x < n && (type[x] == WORD || type[x] == QIDENT || type[x] == STR) && isWord(f, SqlVocabulary.FROM)) {
                findings.add(CLAUSE, start[s], end[f]);
            } else if (x < n && (type[x] == WORD || type[x] == QIDENT) && isWord(f, SqlVocabulary.WHERE)) {
                // a derived table's alias and its own WHERE: sqlmap's ") AS q WHERE 8=8" boundary
                int j = expression(next(f + 1), true);
                if (j >= 0 && exprCompare && (isValue(cmpLeftKind) || isValue(cmpRightKind))) {
                    findings.add(CLAUSE, start[s], end[j - 1]);
                }
            }
        } else if (id == SqlVocabulary.FOR) {
            int x = next(s + 1);
            if (isWord(x, SqlVocabulary.UPDATE) && next(x + 1) < n) {
                findings.add(CLAUSE, start[s], end[x]);
            } else if ((isWord(x, SqlVocabulary.XML) || isWord(x, SqlVocabulary.JSON)) && quoted) {
                // SQL Server's FOR XML PATH('') / FOR JSON AUTO: rows folded into one string to leak them
                int mode = next(x + 1);
                if (mode < n && type[mode] == WORD && detail[mode] == 0) {
                    int after = next(mode + 1);
                    if (after < n && type[after] == LPAREN || realComment(mode + 1)) {
                        findings.add(CLAUSE, start[s], end[mode]);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- anywhere checks

    /**
     * The checks that may start at any token {@code i}, chosen by its type. Kept small so that the
     * judge's loop takes it inline: most tokens of prose (strings, parentheses, operators other
     * than logical ones and casts, words outside the vocabulary that no parenthesis follows) leave
     * here without a call.
     */
    private void anywhere(int i, boolean valueStart) {
        int t = type[i];
        if (t == WORD) {
            int id = detail[i];
            int k = next(i + 1);
            boolean call = k < n && type[k] == LPAREN;
            if (id != 0 || call) {
                word(i, valueStart, id, k, call);
            }
        } else if (t == OP) {
            if (detail[i] == OP_LOGIC) {
                logicAnywhere(i);
            } else if (detail[i] == OP_CAST) {
                cast(i);
            }
        } else if (t == SEMI) {
            semicolon(i);
        } else if (t == NUM) {
            scientificSpace(i);
        } else if (t == COMMA) {
            listedTautology(i);
        } else if (t == COMMENT) {
            traceHidingComment(i);
        } else if (t == QIDENT) {
            quotedCatalog(i);
        }
    }

    /** A statement after semicolon {@code i}. */
    private void semicolon(int i) {
        int s = next(i + 1);
        if (s < n) {
            statement(s, true, context == QUOTED);
        }
    }

    /** A cast operator ({@code ::}) between a value and a known type. */
    private void cast(int i) {
        int w = next(i + 1);
        int p = prev(i);
        if (w < n && type[w] == WORD && is(detail[w], SqlVocabulary.CAST_TYPE) && p >= 0
                && (type[p] == STR || type[p] == RPAREN || type[p] == NUM || type[p] == WORD)) {
            findings.add(FUNCTION, start[i], end[w]);
        }
    }

    /** A quoted identifier that names a catalog table. */
    private void quotedCatalog(int i) {
        if (end[i] - start[i] > 2 && SqlVocabulary.is(SqlVocabulary.find(text, start[i] + 1, end[i] - 1),
                SqlVocabulary.CATALOG)) {
            findings.add(CATALOG, start[i], end[i]);
        }
    }

    /**
     * The checks for word {@code i}, whose vocabulary entry is {@code id} (0 for none), whose next
     * token is {@code k}, and {@code call} when that is a parenthesis.
     */
    private void word(int i, boolean valueStart, int id, int k, boolean call) {
        if (id != 0) {
            if (id == SqlVocabulary.UNION || id == SqlVocabulary.EXCEPT || id == SqlVocabulary.INTERSECT) {
                union(i);
            } else if (id == SqlVocabulary.SELECT) {
                select(i);
            } else if (any(id, SqlVocabulary.LOGIC)) {
                logicAnywhere(i);
            } else if (id == SqlVocabulary.WAITFOR) {
                waitfor(i);
            } else if (id == SqlVocabulary.INTO) {
                int o = next(i + 1);
                if (o < n && type[o] == WORD && (detail[o] == SqlVocabulary.OUTFILE || detail[o] == SqlVocabulary.DUMPFILE)) {
                    findings.add(FILE, start[i], end[o]);
                }
            } else if (id == SqlVocabulary.PROCEDURE) {
                if (isWord(k, SqlVocabulary.ANALYSE)) {
                    findings.add(CLAUSE, start[i], end[k]);
                }
            } else if (id == SqlVocabulary.CASE) {
                caseWhen(i);
            } else if (id == SqlVocabulary.HAVING) {
                int j = expression(next(i + 1), false);
                if (j >= 0 && exprCompare && (cmpLeftKind == K_CALL || cmpRightKind == K_CALL)
                        && (isValue(cmpLeftKind) && isValue(cmpRightKind))) {
                    findings.add(CLAUSE, start[i], end[j - 1]);
                }
            } else if (id == SqlVocabulary.EXEC || id == SqlVocabulary.EXECUTE || id == SqlVocabulary.DECLARE) {
                statement(i, false, false);
            } else if (id == SqlVocabulary.LOAD) {
                statement(i, false, false);
            }
            if (is(id, SqlVocabulary.CATALOG)) {
                findings.add(CATALOG, start[i], end[i]);
            } else if (is(id, SqlVocabulary.QUALIFIER) && k < n && type[k] == DOT) {
                int m = next(k + 1);
                if (m < n && type[m] == DOT) {
                    m = next(m + 1);
                }
                if (m < n && (type[m] == WORD || type[m] == QIDENT) && !call) {
                    findings.add(CATALOG, start[i], end[m]);
                }
            }
            if (is(id, SqlVocabulary.SYSTEM)) {
                if (!is(id, SqlVocabulary.FUNCTION) || n == 1) {
                    findings.add(SYSTEM, start[i], end[i]);
                } else if (call || (k < n && type[k] == DOT)) {
                    findings.add(FILE, start[i], end[k]);
                }
            }
            if (valueStart && context == UNQUOTED && is(id, SqlVocabulary.STATEMENT)) {
                statement(i, false, false);
            }
        }
        if (call) {
            call(i, k);
        }
    }

    /**
     * A comment that names {@code sp_password}: SQL Server leaves any statement that holds the word
     * out of its trace, so a payload appends it ({@code 1'--sp_password}) to hide from the audit.
     */
    private void traceHidingComment(int i) {
        int word = SP_PASSWORD.length();
        for (int k = start[i]; k + word <= end[i]; k++) {
            if (Ascii.matchesAt(text, k, SP_PASSWORD)
                    && (k == start[i] || !SqlLexer.isWordPart(text.charAt(k - 1)))
                    && (k + word == end[i] || !SqlLexer.isWordPart(text.charAt(k + word)))) {
                findings.add(TRACE_HIDING, start[i], k + word);
                return;
            }
        }
    }

    /**
     * MySQL's {@code 1.e(} in place of a space before a parenthesis, which hides a call from
     * filters that look for {@code name(}: {@code 1.e(ascii 1.e(substring(...}. Counted when the
     * group opened right after it starts with a SQL word; likewise {@code 1.e.name} before a known
     * or code-like name, which hides a qualified name ({@code 1.e.tables}).
     */
    private void scientificSpace(int i) {
        int p = i + 1;
        if (p >= n || start[p] != end[i] || end[i] - start[i] < 3
                || Ascii.lower(text.charAt(end[i] - 1)) != 'e' || text.charAt(end[i] - 2) != '.') {
            return;
        }
        if (type[p] == DOT) {
            // 1.e.tables: the number stands for a space before a qualified name (information_schema 1.e.tables)
            int name = p + 1;
            if (name < n && type[name] == WORD && start[name] == end[p] && end[name] - start[name] > 1
                    && (detail[name] != 0 || codeLike(name))) {
                findings.add(FUNCTION, start[i], end[name]);
            }
            return;
        }
        if (type[p] != LPAREN) {
            return;
        }
        int w = next(p + 1);
        if (w < n && type[w] == WORD && any(detail[w], SqlVocabulary.FUNCTION | SqlVocabulary.STATEMENT)) {
            findings.add(FUNCTION, start[i], end[w]);
        }
    }

    /** A constant compared with itself as the last item of a list: {@code b,1=1}, {@code x,'a'='a'--}. */
    private void listedTautology(int i) {
        int j = expression(next(i + 1), false);
        if (j >= 0 && exprTautology && exprOperands == 2 && isConstant(cmpLeftKind) && isConstant(cmpRightKind)
                && (next(j) >= n || realComment(j))) {
            findings.add(TAUTOLOGY, start[i], end[j - 1]);
        }
    }

    /** UNION [ALL|DISTINCT] [(] SELECT. */
    private void union(int i) {
        int j = next(i + 1);
        if (j < n && type[j] == WORD && (detail[j] == SqlVocabulary.ALL || detail[j] == SqlVocabulary.DISTINCT
                || detail[j] == SqlVocabulary.DISTINCTROW)) {
            j = next(j + 1);
        }
        for (int guard = 0; guard < 8 && j < n && type[j] == LPAREN; guard++) {
            j = next(j + 1);
        }
        if (j >= n || type[j] != WORD) {
            return;
        }
        int p = prev(i);
        boolean afterValue = p >= 0 && (type[p] == NUM || type[p] == STR || type[p] == RPAREN || type[p] == QIDENT
                || type[p] == VAR || type[p] == SYSVAR || (type[p] == WORD && is(detail[p], SqlVocabulary.LITERAL)));
        boolean select = detail[j] == SqlVocabulary.SELECT;
        // MySQL 8 spells a query without SELECT: TABLE t, and VALUES ROW(1, 2)
        boolean values = detail[j] == SqlVocabulary.VALUES
                && (detail[i] != SqlVocabulary.UNION || isWord(next(j + 1), SqlVocabulary.ROW));
        boolean table = detail[j] == SqlVocabulary.TABLE && (context == QUOTED || afterValue)
                && tableReference(next(j + 1)) > 0;
        if (!select && !values && !table) {
            return;
        }
        findings.add(UNION, start[i], end[j]);
        if (context == QUOTED || afterValue) {
            findings.add(UNION_AFTER_BREAK, start[i], end[j]);
        }
    }

    /** OR/AND/XOR/||/&& followed by a comparison of constants or of SQL-specific operands. */
    private void logicAnywhere(int i) {
        int b = next(i + 1);
        for (int guard = 0; guard < 4 && b < n && type[b] == LPAREN; guard++) {
            b = next(b + 1);
        }
        int j = expression(b, false);
        if (j < 0 || !exprCompare) {
            return;
        }
        boolean constants = isConstant(cmpLeftKind) && isConstant(cmpRightKind);
        boolean sqlish = exprSqlish && (isValue(cmpLeftKind) && isValue(cmpRightKind));
        boolean calls = cmpLeftKind == K_CALL && cmpRightKind == K_CALL;
        if (constants || sqlish || calls) {
            findings.add(TAUTOLOGY, start[i], end[j - 1]);
        }
    }

    /** SELECT with a select list that reads as SQL and something after it that a query has. */
    private void select(int i) {
        int p = prev(i);
        if (p >= 0 && type[p] == WORD && (detail[p] == SqlVocabulary.UNION)) {
            return;
        }
        int strength = selectStrength(i);
        boolean nested = p >= 0 && (type[p] == LPAREN || type[p] == SEMI);
        if (strength == 0 && p >= 0 && type[p] == LPAREN && subqueryWithFrom(p)) {
            strength = 2;
        }
        if (strength == 0 && p >= 0 && type[p] == LPAREN && match[p] < 0 && next(i + 1) >= n && assignedAt(prev(p))) {
            // x = ( SELECT at the end of the value: a subquery opened for the rest of the query to finish
            strength = 2;
        }
        if (strength == 2 || (strength == 1 && (nested || context == QUOTED))) {
            findings.add(STATEMENT, start[i], end[i]);
        }
    }

    /** {@code (select ... from ...)}: a FROM at the subquery's own depth before it closes. */
    /** Whether the token at {@code k} is a comparison or assignment operator. */
    private boolean assignedAt(int k) {
        return k >= 0 && type[k] == OP && (detail[k] == OP_COMPARE || detail[k] == OP_ASSIGN);
    }

    private boolean subqueryWithFrom(int open) {
        int limit = Math.min(close(open), open + MAX_STEPS);
        int depth = 0;
        for (int k = open + 1; k < limit; k++) {
            if (type[k] == LPAREN) {
                depth++;
            } else if (type[k] == RPAREN) {
                depth--;
            } else if (depth == 0 && type[k] == WORD && detail[k] == SqlVocabulary.FROM) {
                int t = next(k + 1);
                return t < n && (type[t] == WORD || type[t] == QIDENT || type[t] == LPAREN);
            }
        }
        return false;
    }

    /** 0: not a SELECT; 1: a plausible one made of plain words; 2: clearly SQL. */
    private int selectStrength(int i) {
        int j = next(i + 1);
        for (int guard = 0; guard < 4 && j < n && type[j] == WORD; guard++) {
            int id = detail[j];
            if (id == SqlVocabulary.DISTINCT || id == SqlVocabulary.ALL || id == SqlVocabulary.DISTINCTROW) {
                j = next(j + 1);
            } else if (id == SqlVocabulary.TOP && next(j + 1) < n && type[next(j + 1)] == NUM) {
                j = next(next(j + 1) + 1);
            } else {
                break;
            }
        }
        int elements = 0;
        boolean strong = false;
        boolean constantElement = false;
        boolean single = true;
        int singleKind = 0;
        int at = j;
        for (int guard = 0; guard < MAX_STEPS; guard++) {
            int e = next(at);
            if (e >= n) {
                break;
            }
            if (type[e] == OP && text.charAt(start[e]) == '*' && end[e] - start[e] == 1) {
                at = e + 1;
                strong = true;
                singleKind = K_CALL;
                int factor = next(e + 1);
                if (factor < n && (type[factor] == SYSVAR || type[factor] == VAR || type[factor] == NUM)) {
                    // SELECT*@@version: MySQL reads the star as a product when an operand follows
                    at = Math.max(at, expression(factor, false));
                }
            } else {
                int x = expression(e, true);
                if (x < 0) {
                    break;
                }
                boolean plain = exprFirstKind == K_WORD && exprOperands == 1;
                singleKind = exprOperands == 1 ? exprFirstKind : K_CALL;
                if (plain && any(detail[e], SqlVocabulary.DISTINCTIVE | SqlVocabulary.TIME | SqlVocabulary.ERROR)
                        || exprFirstKind == K_NUM && detail[e] == 'x') {
                    singleKind = K_CALL;
                }
                if (!plain && exprFirstKind != K_NUM && exprFirstKind != K_STR) {
                    strong = true;
                } else if (exprOperands > 1 || exprFirstKind == K_NUM && detail[e] == 'x'
                        || plain && codeLike(e)) {
                    strong = true;
                } else if (!plain) {
                    constantElement = true;
                }
                at = x;
                int a = next(at);
                if (isWord(a, SqlVocabulary.AS)) {
                    int alias = next(a + 1);
                    if (alias < n && (type[alias] == WORD || type[alias] == QIDENT || type[alias] == STR)) {
                        at = alias + 1;
                    }
                } else if (a < n && !plain && exprFirstKind != K_NUM
                        && (type[a] == QIDENT || type[a] == STR || (type[a] == WORD && !any(detail[a], SqlVocabulary.RESERVED)))) {
                    at = a + 1;
                }
            }
            elements++;
            int c = next(at);
            if (c < n && type[c] == COMMA) {
                single = false;
                at = c + 1;
            } else {
                break;
            }
        }
        if (elements == 0) {
            return 0;
        }
        if (!single && constantElement) {
            strong = true;
        }
        boolean comment = realComment(at);
        int f = next(at);
        if (f >= n || comment) {
            if (strong && (!single || singleKind != K_NUM && singleKind != K_STR && singleKind != K_WORD)) {
                return 2;
            }
            return comment && (strong || single) ? 2 : elements > 0 && f >= n ? 1 : 0;
        }
        if (type[f] == WORD && detail[f] == SqlVocabulary.FROM) {
            int follow = tableReference(next(f + 1));
            if (follow < 0) {
                return 0;
            }
            if (strong || follow == 2) {
                return 2;
            }
            return 1;
        }
        if (type[f] == SEMI || type[f] == RPAREN
                || (type[f] == WORD && (detail[f] == SqlVocabulary.UNION || detail[f] == SqlVocabulary.INTO
                        || detail[f] == SqlVocabulary.LIMIT || detail[f] == SqlVocabulary.WHERE))) {
            return strong ? 2 : 1;
        }
        return 0;
    }

    /**
     * A table after FROM. -1: not one; 1: a table at the end of the value; 2: a table followed by
     * what a query has next (WHERE, LIMIT, a comment, a closing parenthesis...).
     */
    private int tableReference(int t) {
        if (t >= n) {
            return -1;
        }
        int j;
        if (type[t] == LPAREN) {
            j = close(t);
        } else if (type[t] == QIDENT || (type[t] == WORD && !any(detail[t], SqlVocabulary.RESERVED))) {
            j = qualified(t + 1);
        } else {
            return -1;
        }
        boolean alias = false;
        int a = next(j);
        if (isWord(a, SqlVocabulary.AS)) {
            int x = next(a + 1);
            if (x < n && (type[x] == WORD || type[x] == QIDENT)) {
                j = x + 1;
            }
        } else if (a < n && (type[a] == QIDENT || (type[a] == WORD && !any(detail[a], SqlVocabulary.RESERVED)))) {
            j = a + 1;
            alias = true;
        }
        if (realComment(j)) {
            return 2;
        }
        int f = next(j);
        if (f >= n) {
            // Oracle's one-row table DUAL names no application table: select user from dual
            return alias ? -1 : isWord(t, SqlVocabulary.DUAL) && j == t + 1 ? 2 : 1;
        }
        if (type[f] == SEMI || type[f] == RPAREN || type[f] == COMMA) {
            return 2;
        }
        if (type[f] == WORD && (isClauseWord(detail[f]) || detail[f] == SqlVocabulary.WHERE
                || detail[f] == SqlVocabulary.JOIN)) {
            return 2;
        }
        return -1;
    }

    /**
     * A statement keyword. {@code afterBreak}: it follows a semicolon or a closing quote, so weaker
     * shapes count; otherwise it starts the value or stands anywhere and must be unmistakable.
     */
    private void statement(int s, boolean afterSemicolon, boolean afterBreak) {
        if (s >= n || type[s] != WORD) {
            return;
        }
        int id = detail[s];
        if (id == 0) {
            return;
        }
        int a = next(s + 1);
        int rule = afterSemicolon ? STACKED : STATEMENT;
        int destructive = afterSemicolon ? STACKED_DESTRUCTIVE : STATEMENT;
        boolean endsHere = a >= n || realComment(s + 1);
        if (id == SqlVocabulary.DROP) {
            if (a < n && type[a] == WORD && is(detail[a], SqlVocabulary.OBJECT)) {
                int name = next(a + 1);
                if (afterSemicolon || afterBreak || terminatedAfterName(name)) {
                    findings.add(destructive, start[s], end[a]);
                }
            } else if (afterSemicolon && endsHere) {
                findings.add(rule, start[s], end[s]);
            } else if ((afterSemicolon || s == next(0)) && a < n && type[a] != SEMI
                    && (terminatedAfterName(a) || s + 1 < n && type[s + 1] == COMMENT && detail[s + 1] == '/'
                            && next(a + 1) >= n && type[a] == WORD && !any(detail[a], SqlVocabulary.RESERVED))) {
                findings.add(destructive, start[s], end[a]);
            }
        } else if (id == SqlVocabulary.DELETE) {
            if (afterSemicolon && afterValueSemicolon(s) && nameEndsStatement(a)) {
                // SQL Server's DELETE without FROM
                findings.add(destructive, start[s], end[a]);
                return;
            }
            for (int guard = 0; guard < 3 && a < n && type[a] == WORD && !any(detail[a], SqlVocabulary.RESERVED)
                    && isWord(next(a + 1), SqlVocabulary.FROM) == false && next(a + 1) < n; guard++) {
                a = next(a + 1);
            }
            if (a < n && type[a] == WORD && !any(detail[a], SqlVocabulary.RESERVED) && isWord(next(a + 1), SqlVocabulary.FROM)) {
                a = next(a + 1);
            }
            if (isWord(a, SqlVocabulary.FROM)) {
                int name = next(a + 1);
                if (afterSemicolon || afterBreak || terminatedAfterName(name)
                        || isWord(next(qualified(name + 1)), SqlVocabulary.WHERE)) {
                    findings.add(destructive, start[s], end[a]);
                }
            }
        } else if (id == SqlVocabulary.INSERT || id == SqlVocabulary.REPLACE) {
            if (afterSemicolon && a < n && type[a] == WORD && !any(detail[a], SqlVocabulary.RESERVED)) {
                int p = next(qualified(a + 1));
                if (p < n && type[p] == LPAREN && isWord(next(close(p)), SqlVocabulary.VALUES)) {
                    findings.add(rule, start[s], end[p]);
                }
            }
            if (isWord(a, SqlVocabulary.INTO)) {
                int name = next(a + 1);
                int after = name < n ? next(qualified(name + 1)) : n;
                if (afterSemicolon || afterBreak || (after < n && (type[after] == LPAREN
                        || isWord(after, SqlVocabulary.VALUES) || isWord(after, SqlVocabulary.SELECT)
                        || isWord(after, SqlVocabulary.SET)))) {
                    findings.add(rule, start[s], end[a]);
                }
            }
        } else if (id == SqlVocabulary.UPDATE) {
            if (semicolonOpensValue(s) && nameEndsStatement(a)) {
                // ;update users: a statement that opens the value, the application's own value empty
                findings.add(rule, start[s], end[a]);
                return;
            }
            if (a < n && (type[a] == WORD || type[a] == QIDENT) && !reservedWord(a)) {
                int set = next(qualified(a + 1));
                if (isWord(set, SqlVocabulary.SET)) {
                    int col = next(set + 1);
                    int eq = col < n ? next(qualified(col + 1)) : n;
                    if (afterSemicolon || afterBreak || (eq < n && type[eq] == OP && detail[eq] == OP_COMPARE)) {
                        findings.add(rule, start[s], end[set]);
                    }
                }
            }
        } else if (id == SqlVocabulary.TRUNCATE) {
            if (semicolonOpensValue(s) || isWord(a, SqlVocabulary.TABLE) || (afterSemicolon && endsHere)
                    || (afterSemicolon && nameEndsStatement(a) && (codeLike(a) || afterValueSemicolon(s)))) {
                findings.add(destructive, start[s], end[Math.min(a, n - 1)]);
            }
        } else if (id == SqlVocabulary.ALTER && afterSemicolon && a < n && type[a] == WORD
                && (wordIs(a, "system") || wordIs(a, "session")) && next(a + 1) < n && type[next(a + 1)] == WORD
                && (wordIs(next(a + 1), "set") || wordIs(next(a + 1), "reset") || wordIs(next(a + 1), "kill"))) {
            // '; alter system set log_statement='none'--: PostgreSQL and Oracle change the server's settings
            findings.add(ADMIN_STATEMENT, start[s], end[next(a + 1)]);
        } else if (id == SqlVocabulary.ALTER || id == SqlVocabulary.CREATE) {
            int o = a;
            if (id == SqlVocabulary.CREATE && isWord(o, SqlVocabulary.OR)) {
                o = next(next(o + 1) + 1);
            }
            if (o < n && type[o] == WORD && is(detail[o], SqlVocabulary.OBJECT)) {
                int name = next(o + 1);
                if (name < n && (type[name] == WORD || type[name] == QIDENT)
                        && !reservedWord(name)) {
                    int after = next(qualified(name + 1));
                    if (afterSemicolon || afterBreak || (after < n && (type[after] == LPAREN
                            || isWord(after, SqlVocabulary.AS) || type[after] == WORD && detail[after] != 0
                            || type[after] == WORD && codeLike(name)))) {
                        findings.add(rule, start[s], end[name]);
                    }
                }
            }
        } else if (id == SqlVocabulary.SHUTDOWN) {
            if (afterSemicolon && (endsHere || isWord(a, SqlVocabulary.WITH) || (a < n && type[a] == SEMI))) {
                findings.add(destructive, start[s], end[s]);
            }
        } else if (id == SqlVocabulary.EXEC || id == SqlVocabulary.EXECUTE) {
            execute(s, a, afterSemicolon, afterBreak);
        } else if (id == SqlVocabulary.DECLARE) {
            if (a < n && type[a] == VAR) {
                findings.add(afterSemicolon ? STACKED : STATEMENT, start[s], end[a]);
            }
        } else if (id == SqlVocabulary.SET) {
            if (a < n && type[a] == WORD && afterSemicolon && semicolonEndsValue(s)
                    && (wordIs(a, "global") || wordIs(a, "session") || wordIs(a, "persist"))) {
                // '; set global general_log=1--: a server setting changed from a stacked statement
                int name = next(a + 1);
                int eq = name < n && type[name] == WORD ? next(qualified(name + 1)) : n;
                if (eq < n && type[eq] == OP && (detail[eq] == OP_COMPARE || detail[eq] == OP_ASSIGN)) {
                    findings.add(ADMIN_STATEMENT, start[s], end[eq]);
                }
            } else if (a < n && type[a] == SYSVAR) {
                // set @@global.general_log=1: only a database has server variables to set
                int eq = next(a + 1);
                if (afterSemicolon || eq < n && type[eq] == OP && (detail[eq] == OP_COMPARE || detail[eq] == OP_ASSIGN)) {
                    findings.add(afterSemicolon ? ADMIN_STATEMENT : STATEMENT, start[s], end[a]);
                }
            } else if (a < n && type[a] == VAR) {
                int eq = next(a + 1);
                boolean assigns = eq < n && type[eq] == OP && (detail[eq] == OP_COMPARE || detail[eq] == OP_ASSIGN);
                if (assigns || afterSemicolon) {
                    findings.add(afterSemicolon ? STACKED : STATEMENT, start[s], end[a]);
                }
            }
        } else if (id == SqlVocabulary.SELECT) {
            if (endsHere && semicolonOpensValue(s)) {
                findings.add(rule, start[s], end[s]);
            } else if (afterSemicolon || afterBreak) {
                int strength = selectStrength(s);
                if (strength == 2 || (strength == 1 && context == QUOTED)) {
                    findings.add(rule, start[s], end[s]);
                }
            }
        } else if (id == SqlVocabulary.WAITFOR) {
            waitfor(s);
        } else if (id == SqlVocabulary.IF && !afterSemicolon && !afterBreak) {
            // IF (1=1) SELECT 1 ELSE DROP ...: SQL Server's statement-level IF as the whole value
            if (s == next(0) && a < n && type[a] == LPAREN && match[a] > 0) {
                int j = expression(next(a + 1), false);
                int st = next(match[a] + 1);
                if (j >= 0 && exprCompare && isConstant(cmpLeftKind) && isConstant(cmpRightKind)
                        && st < n && type[st] == WORD && is(detail[st], SqlVocabulary.STATEMENT)) {
                    findings.add(STATEMENT, start[s], end[st]);
                }
            }
        } else if (id == SqlVocabulary.COPY) {
            copy(s, a, rule);
        } else if ((id == SqlVocabulary.IF || id == SqlVocabulary.WHILE) && (afterSemicolon || afterBreak)) {
            if (isWord(a, SqlVocabulary.NOT) || isWord(a, SqlVocabulary.EXISTS)) {
                findings.add(rule, start[s], end[a]);
            } else if (a < n && type[a] == LPAREN) {
                int j = expression(next(a + 1), false);
                if (j >= 0 && (exprCompare || exprSqlish)) {
                    findings.add(rule, start[s], end[a]);
                }
            } else {
                int j = expression(a, true);
                int st = j < 0 ? n : next(j);
                if (j >= 0 && exprCompare && st < n && type[st] == WORD && is(detail[st], SqlVocabulary.STATEMENT)) {
                    findings.add(rule, start[s], end[st]);
                    statement(st, true, true);
                }
            }
        } else if (id == SqlVocabulary.BEGIN && afterSemicolon) {
            if (a < n && type[a] == WORD && is(detail[a], SqlVocabulary.STATEMENT) && detail[a] != SqlVocabulary.BEGIN) {
                findings.add(rule, start[s], end[a]);
            } else if (afterValueSemicolon(s) && blockEnds(a)) {
                findings.add(rule, start[s], end[s]);
            }
        } else if ((id == SqlVocabulary.GRANT || id == SqlVocabulary.REVOKE) && afterSemicolon) {
            int on = next(a + 1);
            if (isWord(a, SqlVocabulary.ALL) && isWord(on, SqlVocabulary.PRIVILEGES)) {
                on = next(on + 1);
            }
            if (isWord(a, SqlVocabulary.ALL) || a < n && type[a] == WORD && is(detail[a], SqlVocabulary.STATEMENT)) {
                if (isWord(on, SqlVocabulary.ON) || on < n && type[on] == COMMA) {
                    findings.add(rule, start[s], end[on]);
                }
            } else if (a < n && type[a] == WORD && (isWord(on, SqlVocabulary.TO) || isWord(on, SqlVocabulary.FROM))
                    && (afterValueSemicolon(s) || context == QUOTED && s == next(0))
                    && nameEndsStatement(next(on + 1))) {
                // GRANT role TO user; as in "' grant dba to scott;--"
                findings.add(rule, start[s], end[on]);
            }
        } else if (id == SqlVocabulary.RENAME && afterSemicolon) {
            if (a < n && type[a] == WORD && is(detail[a], SqlVocabulary.OBJECT) && next(a + 1) < n) {
                findings.add(destructive, start[s], end[a]);
            }
        } else if (id == SqlVocabulary.KILL && afterSemicolon && afterValueSemicolon(s)) {
            if (a < n && type[a] == NUM && (next(a + 1) >= n || type[next(a + 1)] == SEMI)) {
                findings.add(destructive, start[s], end[a]);
            }
        } else if ((id == SqlVocabulary.COMMIT || id == SqlVocabulary.ROLLBACK) && afterValueSemicolon(s)) {
            if (endsHere || a < n && type[a] == SEMI) {
                findings.add(rule, start[s], end[s]);
            }
        } else if (id == SqlVocabulary.USE && afterSemicolon) {
            int after = a < n ? next(a + 1) : n;
            if (a < n && type[a] == WORD && after < n && (type[after] == SEMI
                    || type[after] == WORD && is(detail[after], SqlVocabulary.STATEMENT))) {
                findings.add(rule, start[s], end[a]);
            } else if (semicolonEndsValue(s) && a < n && type[a] == WORD && realComment(a + 1)) {
                // '; use master--: a database switch cut off by a comment
                findings.add(rule, start[s], end[a]);
            }
        } else if (id == SqlVocabulary.PRINT && afterSemicolon) {
            int printed = a < n && type[a] == LPAREN ? next(a + 1) : n;
            if (printed < n && type[printed] == SYSVAR) {
                // 1;print(@@version)
                findings.add(rule, start[s], end[printed]);
            } else if (a < n && (type[a] == STR || type[a] == STR_OPEN || type[a] == VAR || type[a] == SYSVAR)) {
                findings.add(rule, start[s], end[a]);
            } else if (semicolonEndsValue(s) && a < n && type[a] == WORD && is(detail[a], SqlVocabulary.FUNCTION)) {
                // 1; print user_name()--: T-SQL prints what a built-in function returns
                int p = next(a + 1);
                int after = p < n && type[p] == LPAREN && match[p] > 0 ? match[p] + 1
                        : is(detail[a], SqlVocabulary.NILADIC) ? a + 1 : -1;
                if (after > 0 && statementEnds(after)) {
                    findings.add(rule, start[s], end[after - 1]);
                }
            }
        } else if (id == SqlVocabulary.BULK && afterSemicolon) {
            if (isWord(a, SqlVocabulary.INSERT)) {
                int name = next(a + 1);
                if (name < n && (type[name] == WORD || type[name] == QIDENT) && !reservedWord(name)
                        && isWord(next(qualified(name + 1)), SqlVocabulary.FROM)) {
                    findings.add(FILE, start[s], end[name]);
                }
            }
        } else if (id == SqlVocabulary.CALL && afterSemicolon) {
            int p = a < n ? next(qualified(a + 1)) : n;
            if (a < n && type[a] == WORD && p < n && type[p] == LPAREN) {
                findings.add(rule, start[s], end[p]);
            }
        } else if (id == SqlVocabulary.LOAD) {
            if ((isWord(a, SqlVocabulary.DATA) || isWord(a, SqlVocabulary.XML))) {
                int x = next(a + 1);
                for (int guard = 0; guard < 3 && x < n && type[x] == WORD && detail[x] != SqlVocabulary.INFILE; guard++) {
                    x = next(x + 1);
                }
                if (isWord(x, SqlVocabulary.INFILE)) {
                    findings.add(FILE, start[s], end[x]);
                }
            }
        } else if (id == SqlVocabulary.LOCK && afterSemicolon && semicolonEndsValue(s)
                && (isWord(a, SqlVocabulary.TABLES) || isWord(a, SqlVocabulary.TABLE))) {
            // '; lock tables users write--: blocks the application's own queries
            int name = next(a + 1);
            if (name < n && (type[name] == WORD || type[name] == QIDENT) && !reservedWord(name)) {
                int mode = next(qualified(name + 1));
                if (statementEnds(qualified(name + 1))
                        || type[mode] == WORD && realComment(mode + 1) || type[mode] == WORD && next(mode + 1) >= n) {
                    findings.add(rule, start[s], end[name]);
                }
            }
        } else if (id == SqlVocabulary.SHOW && afterSemicolon && semicolonEndsValue(s)) {
            // '; show tables--: MySQL lists the schema or the account's rights
            if (isWord(a, SqlVocabulary.TABLES) || isWord(a, SqlVocabulary.DATABASES) || isWord(a, SqlVocabulary.SCHEMAS)
                    || isWord(a, SqlVocabulary.GRANTS) || isWord(a, SqlVocabulary.PROCESSLIST)
                    || isWord(a, SqlVocabulary.VARIABLES) || isWord(a, SqlVocabulary.COLUMNS)) {
                int after = next(a + 1);
                if (statementEnds(a + 1) || isWord(after, SqlVocabulary.FROM)
                        || isWord(after, SqlVocabulary.LIKE)) {
                    findings.add(rule, start[s], end[a]);
                }
            }
        } else if ((id == SqlVocabulary.DESC || id == SqlVocabulary.DESCRIBE) && afterSemicolon && semicolonEndsValue(s)) {
            if (nameEndsStatement(a)) {
                // '; desc users; --: the columns of a table
                findings.add(rule, start[s], end[a]);
            }
        } else if (id == SqlVocabulary.PRAGMA && afterSemicolon) {
            // SQLite's '; pragma table_info(users)--, '; pragma writable_schema=1
            int p = a < n && (type[a] == WORD || type[a] == QIDENT) && !reservedWord(a) ? next(qualified(a + 1)) : -1;
            int after = p < 0 ? -1 : p < n && type[p] == LPAREN && match[p] > 0 ? match[p] + 1
                    : p < n && isChar(p, '=') && next(p + 1) < n ? next(p + 1) + 1 : qualified(a + 1);
            if (after > 0 && statementEnds(after)) {
                findings.add(rule, start[s], end[after - 1]);
            }
        } else if (id == SqlVocabulary.HANDLER && afterSemicolon && semicolonEndsValue(s)) {
            // MySQL reads rows without SELECT: '; handler users open--, 1; handler users read first
            int verb = a < n && (type[a] == WORD || type[a] == QIDENT) && !reservedWord(a) ? next(qualified(a + 1)) : n;
            if (verb < n && type[verb] == WORD && (wordIs(verb, "read") && next(verb + 1) < n
                    || (wordIs(verb, "open") || wordIs(verb, "close"))
                            && (statementEnds(verb + 1) || isWord(next(verb + 1), SqlVocabulary.AS)))) {
                findings.add(rule, start[s], end[verb]);
            }
        } else if ((id == SqlVocabulary.MERGE || id == SqlVocabulary.UPSERT) && afterSemicolon && semicolonEndsValue(s)) {
            // '; merge into users u using dual on (1=1) when matched then update ..., '; upsert into t values (..)
            int name = isWord(a, SqlVocabulary.INTO) ? next(a + 1) : n;
            int after = name < n && (type[name] == WORD || type[name] == QIDENT) && !reservedWord(name)
                    ? aliased(next(qualified(name + 1))) : n;
            if (id == SqlVocabulary.MERGE && after < n && wordIs(after, "using")) {
                int source = next(after + 1);
                int on = source < n && type[source] == LPAREN && match[source] > 0 ? aliased(next(match[source] + 1))
                        : source < n && (type[source] == WORD || type[source] == QIDENT) && !reservedWord(source)
                                ? aliased(next(qualified(source + 1))) : n;
                if (isWord(on, SqlVocabulary.ON)) {
                    findings.add(rule, start[s], end[on]);
                }
            } else if (id == SqlVocabulary.UPSERT && after < n && (type[after] == LPAREN
                    || isWord(after, SqlVocabulary.VALUES) || isWord(after, SqlVocabulary.SELECT))) {
                findings.add(rule, start[s], end[after]);
            }
        } else if ((id == SqlVocabulary.RECONFIGURE || id == SqlVocabulary.CHECKPOINT) && afterSemicolon
                && semicolonEndsValue(s)) {
            // '; reconfigure--: SQL Server applies a changed option (xp_cmdshell on) at once
            if (statementEnds(s + 1) || isWord(a, SqlVocabulary.WITH)) {
                findings.add(ADMIN_STATEMENT, start[s], end[s]);
            }
        } else if (id == SqlVocabulary.FLUSH && afterSemicolon && semicolonEndsValue(s)) {
            // '; flush privileges--: MySQL reloads grants written into mysql.user
            int what = a < n && type[a] == WORD && (wordIs(a, "local") || wordIs(a, "no_write_to_binlog")) ? next(a + 1) : a;
            if (what < n && type[what] == WORD && (detail[what] == SqlVocabulary.PRIVILEGES
                    || detail[what] == SqlVocabulary.TABLES || wordIs(what, "logs") || wordIs(what, "hosts")
                    || wordIs(what, "status")) && statementEnds(what + 1)) {
                findings.add(ADMIN_STATEMENT, start[s], end[what]);
            }
        } else if (id == SqlVocabulary.DBCC && afterSemicolon && a < n && type[a] == WORD) {
            // SQL Server's console commands: '; dbcc checkdb--, '; dbcc traceon(3604)
            int after = next(a + 1);
            if (statementEnds(a + 1) || after < n && type[after] == LPAREN || isWord(after, SqlVocabulary.WITH)) {
                findings.add(ADMIN_STATEMENT, start[s], end[a]);
            }
        } else if (id == SqlVocabulary.DO && afterSemicolon && a < n && type[a] == STR && detail[a] == '$') {
            // PostgreSQL's anonymous block: '; do $$ begin perform pg_sleep(5); end $$--
            findings.add(rule, start[s], end[a]);
        } else if (id == SqlVocabulary.DO && afterSemicolon) {
            if (a < n && type[a] == LPAREN) {
                int j = expression(next(a + 1), false);
                if (j >= 0 && (exprCompare || exprSqlish)) {
                    findings.add(rule, start[s], end[a]);
                }
            }
        }
    }

    /**
     * Whether the semicolon right before {@code s} ends a value that the application put in its
     * query (a number, string or parenthesis), or ends the application's string in a quoted reading.
     */
    private boolean afterValueSemicolon(int s) {
        int semi = prev(s);
        if (semi < 0 || type[semi] != SEMI) {
            return false;
        }
        int v = prev(semi);
        return context == QUOTED || v >= 0 && (type[v] == NUM || type[v] == STR || type[v] == RPAREN);
    }

    /**
     * Whether the semicolon right before {@code s} follows a number, string or parenthesis, or opens
     * the value: stricter than {@link #afterValueSemicolon} in a quoted reading, where a word before
     * the semicolon is prose ({@code O'Brien; use caution}).
     */
    private boolean semicolonEndsValue(int s) {
        int semi = prev(s);
        if (semi < 0 || type[semi] != SEMI) {
            return false;
        }
        int v = prev(semi);
        return v >= 0 && (type[v] == NUM || type[v] == STR || type[v] == RPAREN) || semicolonOpensValue(s);
    }

    /**
     * Whether the semicolon right before {@code s} is where the value (or, quoted, the string the
     * value ends) begins, after blanks or a {@code name=} inside the value: {@code ;update users},
     * {@code '; select}, {@code pay=;select}. Prose puts a word before its semicolons.
     */
    private boolean semicolonOpensValue(int s) {
        int semi = prev(s);
        if (semi < 0 || type[semi] != SEMI) {
            return false;
        }
        int opening = start[semi];
        int v = prev(semi);
        if (v >= 0 && isChar(v, '=') && prev(v) >= 0 && type[prev(v)] == WORD) {
            opening = start[prev(v)];
        } else if (v >= 0) {
            return false;
        }
        return opening >= breakAt && blank(breakAt, opening);
    }

    /** The token after an optional alias ({@code users u}, {@code users as u}) that starts at {@code j}. */
    private int aliased(int j) {
        if (isWord(j, SqlVocabulary.AS)) {
            j = next(j + 1);
        }
        return j < n && type[j] == WORD && !reservedWord(j) ? next(j + 1) : j;
    }

    /** Whether the statement ends before token {@code j}: the end of the value, a comment or a semicolon follows. */
    private boolean statementEnds(int j) {
        int k = next(j);
        return k >= n || realComment(j) || type[k] == SEMI;
    }

    /** A plain name that ends the statement: a comment, a semicolon or the end of the value follows. */
    private boolean nameEndsStatement(int name) {
        if (name >= n || !(type[name] == WORD || type[name] == QIDENT) || reservedWord(name)) {
            return false;
        }
        return statementEnds(qualified(name + 1));
    }

    /** A BEGIN block closed within a few statements: {@code begin null; end;}, {@code end--}. */
    private boolean blockEnds(int from) {
        int limit = Math.min(n - 1, from + MAX_STEPS);
        for (int k = from; k < limit; k++) {
            int e = next(k + 1);
            if (type[k] == SEMI && isWord(e, SqlVocabulary.END)) {
                int after = next(e + 1);
                return after >= n || type[after] == SEMI || realComment(e + 1);
            }
        }
        return false;
    }

    /**
     * PostgreSQL's COPY between a table or query and a server file or program:
     * {@code copy t from '/etc/passwd'}, {@code copy (select '') to program 'id'}.
     */
    private void copy(int s, int a, int rule) {
        int j;
        if (a < n && type[a] == LPAREN) {
            j = close(a);
        } else if (a < n && (type[a] == WORD || type[a] == QIDENT) && !reservedWord(a)) {
            j = qualified(a + 1);
        } else {
            return;
        }
        int direction = next(j);
        if (!isWord(direction, SqlVocabulary.FROM) && !isWord(direction, SqlVocabulary.TO)) {
            return;
        }
        int target = next(direction + 1);
        if (isWord(target, SqlVocabulary.PROGRAM)) {
            findings.add(FILE, start[s], end[target]);
        } else if (target < n && (type[target] == STR || type[target] == STR_OPEN) && isPath(start[target] + 1, end[target])) {
            findings.add(FILE, start[s], end[target]);
        } else if (target < n && rule == STACKED) {
            findings.add(rule, start[s], end[direction]);
        }
    }

    /** Whether {@code text[from, to)} starts like a file path: {@code /}, {@code \\}, {@code ~} or {@code C:}. */
    private boolean isPath(int from, int to) {
        if (to - from < 2) {
            return false;
        }
        char c = text.charAt(from);
        return c == '/' || c == '\\' || c == '~' || Character.isLetter(c) && text.charAt(from + 1) == ':';
    }

    /** EXEC/EXECUTE and what it runs. */
    private void execute(int s, int a, boolean afterSemicolon, boolean afterBreak) {
        if (a >= n) {
            return;
        }
        int rule = afterSemicolon ? STACKED : STATEMENT;
        if (type[a] == WORD) {
            int id = detail[a];
            if (is(id, SqlVocabulary.SYSTEM) || is(id, SqlVocabulary.QUALIFIER)) {
                findings.add(afterSemicolon || afterBreak ? STACKED_DESTRUCTIVE : STATEMENT, start[s], end[a]);
                return;
            }
            if (id == SqlVocabulary.IMMEDIATE) {
                findings.add(rule, start[s], end[a]);
                return;
            }
            if ((afterSemicolon || afterBreak) && !any(id, SqlVocabulary.RESERVED)) {
                int after = next(qualified(a + 1));
                boolean ends = after >= n || realComment(a + 1);
                if (ends || type[after] == SEMI || type[after] == VAR || type[after] == STR || type[after] == NUM
                        || type[after] == STR_OPEN) {
                    findings.add(rule, start[s], end[a]);
                }
            }
        } else if (type[a] == VAR || type[a] == LPAREN || type[a] == QIDENT) {
            if (type[a] == LPAREN) {
                int in = next(a + 1);
                if (in >= n || (type[in] != VAR && type[in] != STR && type[in] != STR_OPEN)) {
                    return;
                }
            }
            findings.add(rule, start[s], end[a]);
        }
    }

    /** WAITFOR DELAY|TIME 'hh:mm:ss'. */
    private void waitfor(int i) {
        int d = next(i + 1);
        if (d < n && type[d] == WORD && (detail[d] == SqlVocabulary.DELAY || detail[d] == SqlVocabulary.TIME_WORD)) {
            int v = next(d + 1);
            if (v < n && (type[v] == STR || type[v] == STR_OPEN || type[v] == VAR)) {
                findings.add(TIME, start[i], end[v]);
                if (context == QUOTED || prev(i) >= 0) {
                    findings.add(TIME_AFTER_BREAK, start[i], end[v]);
                }
            }
        }
    }

    /** CASE WHEN condition THEN. */
    private void caseWhen(int i) {
        int w = next(i + 1);
        if (!isWord(w, SqlVocabulary.WHEN)) {
            int j = expression(w, false);
            if (j < 0) {
                return;
            }
            w = next(j);
            if (!isWord(w, SqlVocabulary.WHEN)) {
                return;
            }
        }
        int j = expression(next(w + 1), true);
        if (j >= 0 && isWord(next(j), SqlVocabulary.THEN)) {
            findings.add(CONDITIONAL, start[i], end[next(j)]);
        }
    }

    /** A call {@code name(...)}: time, file, error-based, encoding and other SQL-specific functions. */
    private void call(int i, int paren) {
        int id = detail[i];
        int p = prev(i);
        boolean qualifiedCall = p >= 0 && type[p] == DOT && prev(p) >= 0 && type[prev(p)] != STR;
        int qualifier = qualifiedCall && prev(p) >= 0 && type[prev(p)] == WORD ? detail[prev(p)] : 0;
        if (qualifiedCall && !is(qualifier, SqlVocabulary.TIME) && !is(qualifier, SqlVocabulary.SYSTEM)) {
            return;
        }
        int argStart = next(paren + 1);
        int argEnd = close(paren);
        if (is(id, SqlVocabulary.TIME) || is(qualifier, SqlVocabulary.TIME)) {
            int j = expression(argStart, false);
            if (j >= 0 && (exprFirstKind != K_WORD || startsWithDigit(argStart)) && endsArgument(j)) {
                findings.add(TIME, start[i], end[Math.min(argEnd, n) - 1]);
                if (context == QUOTED || (p >= 0 && breaksBefore(p))) {
                    findings.add(TIME_AFTER_BREAK, start[i], end[Math.min(argEnd, n) - 1]);
                }
            }
            return;
        }
        if (id == 0) {
            return;
        }
        if (is(id, SqlVocabulary.SYSTEM)) {
            findings.add(FILE, start[i], end[paren]);
            return;
        }
        if (is(id, SqlVocabulary.ERROR)) {
            if (!is(id, SqlVocabulary.NEEDS_SQL_ARGS) || sqlArguments(paren) >= 2) {
                findings.add(ERROR_FUNCTION, start[i], end[paren]);
            }
            return;
        }
        if (is(id, SqlVocabulary.ENCODE) && argStart < n && type[argStart] == NUM) {
            encoded(i, paren, p);
        }
        if (id == SqlVocabulary.IF || id == SqlVocabulary.IIF) {
            int j = expression(argStart, true);
            if (j >= 0 && exprCompare && next(j) < n && type[next(j)] == COMMA
                    && (exprSqlish || (isConstant(cmpLeftKind) && isConstant(cmpRightKind)))) {
                findings.add(CONDITIONAL, start[i], end[paren]);
                return;
            }
        }
        if (is(id, SqlVocabulary.DISTINCTIVE) || is(id, SqlVocabulary.SQL_ONLY) && sqlArguments(paren) >= 2) {
            findings.add(FUNCTION, start[i], end[paren]);
        }
    }

    /** char(113)||char(58)... or char(113,58,...): a string spelled as codes. */
    private void encoded(int i, int paren, int p) {
        int c = close(paren);
        int numbers = 0;
        for (int k = paren + 1; k < Math.min(c - 1, paren + MAX_ARGUMENT_TOKENS); k++) {
            if (type[k] == NUM) {
                numbers++;
            } else if (type[k] != COMMA && type[k] != COMMENT) {
                numbers = -1;
                break;
            }
        }
        if (numbers >= 3) {
            findings.add(ENCODED_STRING, start[i], end[Math.min(c, n) - 1]);
            return;
        }
        int after = next(c);
        boolean concatAfter = after < n && isConcat(after) && encodedOrString(next(after + 1));
        boolean concatBefore = p >= 0 && isConcat(p) && prev(p) >= 0
                && (type[prev(p)] == RPAREN || type[prev(p)] == STR);
        if (numbers > 0 && (concatAfter || concatBefore)) {
            findings.add(ENCODED_STRING, start[i], end[Math.min(c, n) - 1]);
        }
    }

    private boolean encodedOrString(int k) {
        if (k >= n) {
            return false;
        }
        if (type[k] == STR) {
            return true;
        }
        int j = next(k + 1);
        return type[k] == WORD && is(detail[k], SqlVocabulary.ENCODE) && j < n && type[j] == LPAREN;
    }

    private boolean isConcat(int k) {
        if (type[k] != OP) {
            return false;
        }
        char c = text.charAt(start[k]);
        return detail[k] == OP_LOGIC && c == '|' || (detail[k] == OP_ARITH && c == '+');
    }

    /**
     * How SQL-like the arguments of a call are: counts hexadecimal literals, variables, nested
     * calls of SQL-specific functions and SELECTs in the first tokens.
     */
    private int sqlArguments(int paren) {
        int c = close(paren);
        int limit = Math.min(c, paren + MAX_ARGUMENT_TOKENS);
        int score = 0;
        for (int k = paren + 1; k < limit; k++) {
            int t = type[k];
            if (t == NUM && detail[k] == 'x' || t == SYSVAR) {
                score += 2;
            } else if (t == VAR) {
                score++;
            } else if (t == WORD && detail[k] != 0) {
                int id = detail[k];
                int after = next(k + 1);
                boolean called = after < n && type[after] == LPAREN;
                if (id == SqlVocabulary.SELECT) {
                    score += 2;
                } else if (called && is(id, SqlVocabulary.SQL_ONLY)) {
                    score += 2;
                } else if (is(id, SqlVocabulary.NILADIC)) {
                    score += 2;
                }
            } else if (t == OP && detail[k] == OP_NOT && text.charAt(start[k]) == '~') {
                score++;
            }
            if (score >= 2) {
                return score;
            }
        }
        return score;
    }

    // ---------------------------------------------------------------- expressions

    /**
     * Reads one operand: a literal, variable, (qualified) name, function call, parenthesised group,
     * or CASE ... END, with unary prefixes and {@code ::type} casts. Returns the index after it, or
     * -1. Sets {@link #kind}, {@link #operandAt} and {@link #callId}.
     */
    private int operand(int i) {
        i = next(i);
        for (int guard = 0; guard < 8 && i < n && isUnary(i); guard++) {
            i = next(i + 1);
        }
        if (i >= n) {
            return -1;
        }
        operandAt = i;
        callId = 0;
        int j;
        switch (type[i]) {
            case NUM -> {
                kind = K_NUM;
                j = i + 1;
            }
            case STR -> {
                kind = K_STR;
                j = i + 1;
            }
            case STR_OPEN -> {
                kind = K_STR_OPEN;
                j = i + 1;
            }
            case VAR, SYSVAR -> {
                kind = K_VAR;
                j = i + 1;
            }
            case OP -> {
                if (!isChar(i, '?')) {
                    return -1;
                }
                kind = K_VAR; // a bind parameter
                j = i + 1;
            }
            case QIDENT -> {
                kind = K_QIDENT;
                j = qualified(i + 1);
            }
            case OTHER -> {
                j = odbcEscapeEnd(i);
                if (j < 0) {
                    return -1;
                }
                kind = K_SYNTAX;
            }
            case LPAREN -> {
                int in = next(i + 1);
                kind = in < n && type[in] == WORD && detail[in] == SqlVocabulary.SELECT ? K_SUBQUERY : K_PAREN;
                j = close(i);
            }
            case WORD -> {
                int id = detail[i];
                int k = next(i + 1);
                if (id == SqlVocabulary.MATCH && (j = matchAgainstEnd(k)) > 0) {
                    kind = K_SYNTAX;
                } else if (k < n && type[k] == LPAREN && (callable(id) || comparisonCall(id, k))) {
                    kind = K_CALL;
                    callId = id;
                    j = close(k);
                } else if (is(id, SqlVocabulary.LITERAL)) {
                    kind = K_LITERAL;
                    j = i + 1;
                } else if (id == SqlVocabulary.CASE) {
                    j = caseEnd(i);
                    if (j < 0) {
                        return -1;
                    }
                    kind = K_CASE;
                } else if (any(id, SqlVocabulary.RESERVED)) {
                    return -1;
                } else if (is(id, SqlVocabulary.NILADIC)) {
                    kind = K_CALL;
                    callId = id;
                    j = i + 1;
                } else {
                    kind = K_WORD;
                    j = qualified(i + 1);
                    int k2 = next(j);
                    if (j > i + 1 && k2 < n && type[k2] == LPAREN) {
                        kind = K_CALL;
                        callId = detail[i];
                        j = close(k2);
                    }
                }
            }
            default -> {
                return -1;
            }
        }
        j = subscripts(j);
        for (int guard = 0; guard < 4; guard++) {
            int k = next(j);
            if (k < n && type[k] == OP && detail[k] == OP_CAST) {
                int w = next(k + 1);
                if (w < n && type[w] == WORD) {
                    j = w + 1;
                    int k2 = next(j);
                    if (k2 < n && type[k2] == WORD && is(detail[k2], SqlVocabulary.TYPE)) {
                        j = k2 + 1;
                    }
                    continue;
                }
            }
            break;
        }
        operandEnd = j;
        return j;
    }

    /** Reads operands joined by binary operators (and by AND/OR when {@code logic}). */
    private int expression(int i, boolean logic) {
        int j = operand(i);
        if (j < 0) {
            return -1;
        }
        exprFirstKind = kind;
        exprLastKind = kind;
        exprLastAt = operandAt;
        exprOperands = 1;
        clearExpressionFindings();
        exprSqlish = isSqlish(kind);
        exprAllWords = kind == K_WORD;
        exprAnyWord = kind == K_WORD;
        return extend(j, logic);
    }

    /** Forgets what the expression being read has shown so far: comparisons, words, a dangling operator. */
    private void clearExpressionFindings() {
        exprCompare = false;
        exprTautology = false;
        exprSqlish = false;
        exprAllWords = false;
        exprAnyWord = false;
        exprDangling = false;
        cmpLeftKind = 0;
        cmpRightKind = 0;
    }

    /** Quoted context: the expression that the tail's leading operator continues. */
    private int continueExpression(int opAt) {
        exprFirstKind = K_STR;
        exprLastKind = K_STR;
        exprLastAt = -1;
        exprOperands = 1;
        clearExpressionFindings();
        return extend(opAt, false);
    }

    private int extend(int j, boolean logic) {
        int leftKind = exprLastKind;
        int leftAt = exprLastAt;
        int leftEnd = j;
        for (int guard = 0; guard < MAX_STEPS; guard++) {
            int k = next(j);
            if (k >= n) {
                break;
            }
            if (type[k] == WORD && detail[k] == SqlVocabulary.NOTNULL) {
                noteCompare(leftKind, K_LITERAL);
                j = k + 1;
                continue;
            }
            if (type[k] == OP && detail[k] == OP_NOT && next(k + 1) >= n) {
                exprDangling = true;
                break;
            }
            int afterOp = binop(k, logic);
            if (afterOp < 0) {
                break;
            }
            boolean compare = opCompare;
            boolean between = opBetween;
            int m = operand(afterOp);
            if (m < 0) {
                exprDangling = next(afterOp) >= n && !isChar(k, '?') && !isLogic(k);
                break;
            }
            exprOperands++;
            exprAllWords &= kind == K_WORD;
            exprAnyWord |= kind == K_WORD;
            exprSqlish |= isSqlish(kind);
            if (compare) {
                noteCompare(leftKind, kind);
                if (sameLiteral(leftAt, leftKind, operandAt, kind) || sameName(leftAt, leftEnd, leftKind, m)) {
                    exprTautology = true;
                }
                if (between) {
                    int a = next(m);
                    if (isWord(a, SqlVocabulary.AND)) {
                        int m2 = operand(a + 1);
                        if (m2 >= 0) {
                            m = m2;
                        }
                    }
                }
            }
            leftKind = kind;
            leftAt = operandAt;
            leftEnd = m;
            exprLastKind = kind;
            exprLastAt = operandAt;
            j = m;
        }
        return j;
    }

    private void noteCompare(int left, int right) {
        if (!exprCompare) {
            cmpLeftKind = left;
            cmpRightKind = right;
        }
        exprCompare = true;
    }

    /** A binary operator at {@code k}: returns the index after it or -1; sets {@link #opCompare}. */
    private int binop(int k, boolean logic) {
        opCompare = false;
        opBetween = false;
        if (k >= n) {
            return -1;
        }
        if (type[k] == OP) {
            switch (detail[k]) {
                case OP_COMPARE -> {
                    opCompare = true;
                    return k + 1;
                }
                case OP_ARITH, OP_JSON, OP_ASSIGN -> {
                    return k + 1;
                }
                case OP_LOGIC -> {
                    return logic ? k + 1 : -1;
                }
                default -> {
                    // ? is a bind parameter; a binary ~ is PostgreSQL's regular-expression match
                    if (isChar(k, '?') || isChar(k, '~') && next(k + 1) < n) {
                        opCompare = true;
                        return k + 1;
                    }
                    return -1;
                }
            }
        }
        if (type[k] != WORD) {
            return -1;
        }
        int id = detail[k];
        if (id == 0) {
            return -1;
        }
        if (id == SqlVocabulary.NOT) {
            int x = next(k + 1);
            if (x < n && type[x] == WORD && is(detail[x], SqlVocabulary.COMPARE) && detail[x] != SqlVocabulary.IS) {
                return binop(x, logic);
            }
            return -1;
        }
        if (id == SqlVocabulary.IS) {
            int x = next(k + 1);
            int after = isWord(x, SqlVocabulary.NOT) ? x + 1 : k + 1;
            // IS [NOT] NULL, TRUE, DISTINCT FROM, 2 or \N compares; "is now" in prose does not.
            int y = next(after);
            opCompare = y >= n || type[y] != WORD
                    || is(detail[y], SqlVocabulary.LITERAL) || detail[y] == SqlVocabulary.DISTINCT;
            return after;
        }
        if (id == SqlVocabulary.SOUNDS || id == SqlVocabulary.SIMILAR) {
            int x = next(k + 1);
            if (isWord(x, SqlVocabulary.LIKE) || isWord(x, SqlVocabulary.TO)) {
                opCompare = true;
                return x + 1;
            }
            return -1;
        }
        if (is(id, SqlVocabulary.COMPARE)) {
            opCompare = true;
            opBetween = id == SqlVocabulary.BETWEEN;
            return k + 1;
        }
        if (is(id, SqlVocabulary.ARITH) || id == SqlVocabulary.COLLATE || id == SqlVocabulary.ESCAPE) {
            return k + 1;
        }
        if (logic && is(id, SqlVocabulary.LOGIC)) {
            return k + 1;
        }
        return -1;
    }

    /**
     * An ODBC escape, which JDBC and ODBC drivers rewrite into the database's own syntax before
     * running the query: {@code {fn now()}}, {@code {d '2020-01-01'}}, {@code {t ..}}, {@code {ts ..}},
     * {@code {guid ..}}. Returns the index after its closing brace, or -1.
     */
    private int odbcEscapeEnd(int i) {
        if (!isChar(i, '{')) {
            return -1;
        }
        int w = next(i + 1);
        if (w >= n || type[w] != WORD) {
            return -1;
        }
        int after;
        if (wordIs(w, "fn")) {
            int name = next(w + 1);
            int p = name < n && type[name] == WORD ? next(name + 1) : n;
            if (p >= n || type[p] != LPAREN || match[p] < 0) {
                return -1;
            }
            after = match[p] + 1;
        } else if (wordIs(w, "d") || wordIs(w, "t") || wordIs(w, "ts") || wordIs(w, "guid")) {
            int v = next(w + 1);
            if (v >= n || type[v] != STR) {
                return -1;
            }
            after = v + 1;
        } else {
            return anyOdbcEscapeEnd(w);
        }
        int close = next(after);
        return isChar(close, '}') ? close + 1 : -1;
    }

    /**
     * MySQL reads {@code {name expression}} with any name as its expression ({@code {if length(x)>0}},
     * {@code {x version()}}). Counted when the braces close within {@value #MAX_STEPS} tokens and
     * hold a call, an operator or a number, so that template placeholders such as {@code {if x}} do not.
     */
    private int anyOdbcEscapeEnd(int w) {
        boolean expression = false;
        int k = next(w + 1);
        for (int guard = 0; guard < MAX_STEPS && k < n; guard++) {
            int t = type[k];
            if (t == OTHER && (detail[k] == '{' || detail[k] == '}')) {
                return detail[k] == '}' && expression ? k + 1 : -1;
            }
            if (t == LPAREN) {
                expression = true;
                k = close(k);
            } else {
                expression |= t == OP || t == NUM || t == SYSVAR;
                k++;
            }
            k = next(k);
        }
        return -1;
    }

    /**
     * MySQL's full-text search {@code MATCH (a, b) AGAINST ('..' IN BOOLEAN MODE)}, columns with or
     * without parentheses; {@code k} is the token after MATCH. Returns the index after AGAINST's
     * closing parenthesis, or -1.
     */
    private int matchAgainstEnd(int k) {
        int j;
        if (k < n && type[k] == LPAREN) {
            j = close(k);
        } else {
            j = k;
            for (int guard = 0; guard < 8 && j < n && (type[j] == WORD || type[j] == QIDENT) && !reservedWord(j); guard++) {
                j = qualified(j + 1);
                int c = next(j);
                if (c >= n || type[c] != COMMA) {
                    break;
                }
                j = next(c + 1);
            }
            if (j == k) {
                return -1;
            }
        }
        int against = next(j);
        int p = next(against + 1);
        if (!isWord(against, SqlVocabulary.AGAINST) || p >= n || type[p] != LPAREN || match[p] < 0) {
            return -1;
        }
        return match[p] + 1;
    }

    private boolean wordIs(int i, String word) {
        return end[i] - start[i] == word.length() && text.regionMatches(true, start[i], word, 0, word.length());
    }

    /**
     * Whether tokens {@code [a, aEnd)} and {@code [b, bEnd)} spell the same thing, ignoring case and
     * spacing: {@code id=id}, {@code (1)or(1)}. Looks at {@value #MAX_STEPS} tokens at most.
     */
    private boolean sameTokens(int a, int aEnd, int b, int bEnd) {
        int length = aEnd - a;
        if (a < 0 || b < 0 || length <= 0 || length != bEnd - b || length > MAX_STEPS) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            int x = a + k;
            int y = b + k;
            int size = end[x] - start[x];
            if (type[x] != type[y] || size != end[y] - start[y]) {
                return false;
            }
            for (int c = 0; c < size; c++) {
                if (Ascii.lower(text.charAt(start[x] + c)) != Ascii.lower(text.charAt(start[y] + c))) {
                    return false;
                }
            }
        }
        return true;
    }

    private int caseEnd(int i) {
        int limit = Math.min(n, i + MAX_STEPS);
        int depth = 0;
        for (int k = i + 1; k < limit; k++) {
            if (type[k] == WORD) {
                if (detail[k] == SqlVocabulary.CASE) {
                    depth++;
                } else if (detail[k] == SqlVocabulary.END) {
                    if (depth == 0) {
                        return k + 1;
                    }
                    depth--;
                }
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- helpers

    private boolean isUnary(int i) {
        if (type[i] == OP) {
            if (detail[i] == OP_NOT) {
                return true;
            }
            char c = text.charAt(start[i]);
            return detail[i] == OP_ARITH && (c == '-' || c == '+') && end[i] - start[i] == 1;
        }
        if (type[i] == WORD && is(detail[i], SqlVocabulary.UNARY)) {
            int k = next(i + 1);
            return k < n && !(type[k] == WORD && any(detail[k], SqlVocabulary.RESERVED) && !is(detail[k], SqlVocabulary.LITERAL)
                    && detail[k] != SqlVocabulary.SELECT);
        }
        return false;
    }

    private static boolean callable(int id) {
        return !any(id, SqlVocabulary.RESERVED) || any(id, SqlVocabulary.FUNCTION);
    }

    /**
     * {@code glob(a, b)}, {@code like(a, b)}: SQLite spells its pattern operators as functions of
     * two arguments too. Looks for the comma a bounded number of tokens into the parentheses.
     */
    private boolean comparisonCall(int id, int open) {
        if (!is(id, SqlVocabulary.COMPARE) || !any(id, SqlVocabulary.RESERVED) || id == SqlVocabulary.IN) {
            return false;
        }
        int limit = Math.min(match[open] < 0 ? n : match[open], open + 16);
        for (int k = open + 1; k < limit; k++) {
            if (type[k] == COMMA) {
                return true;
            }
            if (type[k] == LPAREN) {
                return false;
            }
        }
        return false;
    }

    private static boolean isValue(int k) {
        return k != 0 && k != K_WORD && k != K_QIDENT;
    }

    private static boolean isConstant(int k) {
        return k == K_NUM || k == K_STR || k == K_STR_OPEN || k == K_LITERAL;
    }

    private boolean isSqlish(int k) {
        return switch (k) {
            case K_SUBQUERY, K_CASE, K_VAR, K_SYNTAX -> true;
            case K_LITERAL -> true;
            case K_CALL -> any(callId, SqlVocabulary.SQL_ONLY | SqlVocabulary.TIME | SqlVocabulary.SYSTEM
                    | SqlVocabulary.ERROR | SqlVocabulary.NILADIC);
            default -> false;
        };
    }

    private boolean isLogic(int i) {
        return i < n && ((type[i] == WORD && any(detail[i], SqlVocabulary.LOGIC))
                || (type[i] == OP && detail[i] == OP_LOGIC));
    }

    private static boolean isClauseWord(int id) {
        return id == SqlVocabulary.ORDER || id == SqlVocabulary.GROUP || id == SqlVocabulary.LIMIT
                || id == SqlVocabulary.HAVING || id == SqlVocabulary.UNION || id == SqlVocabulary.INTO
                || id == SqlVocabulary.PROCEDURE || id == SqlVocabulary.WHERE || id == SqlVocabulary.FOR
                || id == SqlVocabulary.OFFSET;
    }

    /** Whether the token before a call makes it an expression in a query. */
    private boolean breaksBefore(int p) {
        int t = type[p];
        return t == OP || t == LPAREN || t == COMMA || t == SEMI || t == STR
                || (t == WORD && (any(detail[p], SqlVocabulary.LOGIC) || detail[p] == SqlVocabulary.SELECT
                        || detail[p] == SqlVocabulary.THEN || detail[p] == SqlVocabulary.ELSE));
    }

    private boolean endsArgument(int j) {
        int k = next(j);
        return k >= n || type[k] == RPAREN || type[k] == COMMA;
    }

    private boolean startsWithDigit(int i) {
        return i < n && SqlLexer.isDigit(text.charAt(start[i]));
    }

    private boolean terminatedAfterName(int name) {
        if (name >= n || !(type[name] == WORD || type[name] == QIDENT) || reservedWord(name)) {
            return false;
        }
        int j = qualified(name + 1);
        if (realComment(j)) {
            return true;
        }
        int k = next(j);
        return k < n && type[k] == SEMI;
    }

    /** A column compared with itself, {@code id=id} or {@code `id`=`id`}: true on every row. */
    private boolean sameName(int a, int aEnd, int aKind, int bEnd) {
        return (aKind == K_WORD || aKind == K_QIDENT) && kind == aKind && a >= 0 && a < aEnd
                && sameTokens(a, aEnd, operandAt, bEnd);
    }

    private boolean sameLiteral(int a, int aKind, int b, int bKind) {
        if (a < 0 || b < 0 || !isConstant(aKind) || !isConstant(bKind)) {
            return false;
        }
        if (aKind == K_LITERAL || bKind == K_LITERAL) {
            return aKind == bKind && detail[a] == detail[b];
        }
        int as = start[a];
        int ae = end[a];
        int bs = start[b];
        int be = end[b];
        if (type[a] == STR || type[a] == STR_OPEN) {
            as++;
            if (type[a] == STR) {
                ae--;
            }
        }
        if (type[b] == STR || type[b] == STR_OPEN) {
            bs++;
            if (type[b] == STR) {
                be--;
            }
        }
        if (ae - as != be - bs) {
            return false;
        }
        for (int k = 0; k < ae - as; k++) {
            if (Ascii.lower(text.charAt(as + k)) != Ascii.lower(text.charAt(bs + k))) {
                return false;
            }
        }
        return true;
    }

    /** After a name: {@code .name}, {@code ..name}, {@code .*} parts. */
    private int qualified(int j) {
        for (int guard = 0; guard < 8; guard++) {
            int d = next(j);
            if (d >= n || type[d] != DOT) {
                return j;
            }
            int w = next(d + 1);
            if (w < n && type[w] == DOT) {
                w = next(w + 1);
            }
            if (w < n && (type[w] == WORD || type[w] == QIDENT
                    || (type[w] == OP && text.charAt(start[w]) == '*'))) {
                j = w + 1;
            } else {
                return j;
            }
        }
        return j;
    }

    /**
     * Skips subscripts glued to an operand, {@code array[id]} or {@code tags[1]}: PostgreSQL array
     * access and constructors, which the lexer reads as bracket-quoted names.
     */
    private int subscripts(int j) {
        for (int guard = 0; guard < 4 && j < n && j > 0; guard++) {
            if (type[j] != QIDENT || detail[j] != '[' || start[j] != end[j - 1]) {
                break;
            }
            j++;
        }
        return j;
    }

    /** The index after the parenthesis matching {@code open}, or the end when it stays open. */
    private int close(int open) {
        return match[open] < 0 ? n : match[open] + 1;
    }

    private int next(int i) {
        while (i < n && type[i] == COMMENT) {
            i++;
        }
        return i;
    }

    private int prev(int i) {
        i--;
        while (i >= 0 && type[i] == COMMENT) {
            i--;
        }
        return i;
    }

    private boolean isChar(int i, char c) {
        return i >= 0 && i < n && end[i] - start[i] == 1 && text.charAt(start[i]) == c;
    }

    /**
     * A comment that a database reads as one, not a dash or hash in prose: a block comment, or
     * {@code --} and {@code #} followed by the end, a space or punctuation, not by a letter or digit.
     */
    private boolean realComment(int i) {
        if (i >= n || type[i] != COMMENT) {
            return false;
        }
        if (detail[i] == '/') {
            return true;
        }
        int after = start[i] + (detail[i] == '#' ? 1 : 2);
        if (after >= end[i]) {
            return true;
        }
        char c = text.charAt(after);
        return !Character.isLetterOrDigit(c) && !(detail[i] == '-' && c == '-');
    }

    /** A comment with nothing in it but spaces and punctuation: {@code --}, {@code -- -}, {@code /**}{@code /}. */
    private boolean bareComment(int i) {
        int from = start[i] + (detail[i] == '#' ? 1 : 2);
        int to = detail[i] == '/' && end[i] - start[i] >= 4 && text.charAt(end[i] - 1) == '/' ? end[i] - 2 : end[i];
        for (int k = from; k < to; k++) {
            if (Character.isLetterOrDigit(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** A name written the way code names things: with an underscore, a digit or inner capitals. */
    private boolean codeLike(int i) {
        if (type[i] == QIDENT) {
            return true;
        }
        boolean lower = false;
        for (int k = start[i]; k < end[i]; k++) {
            char c = text.charAt(k);
            if (c == '_' || SqlLexer.isDigit(c) && k > start[i] || lower && c >= 'A' && c <= 'Z') {
                return true;
            }
            lower = c >= 'a' && c <= 'z';
        }
        return false;
    }

    /**
     * Whether the word at {@code i} mixes cases the way no writer does: both cases after its first
     * letter ({@code ORder}, {@code ordeR}, {@code SeLeCt}). All lower, all upper, capitalised, and
     * capitalised with caps lock on ({@code oRDER}) are how people type.
     */
    private boolean randomCase(int i) {
        boolean lowerAfterFirst = false;
        boolean upperAfterFirst = false;
        for (int k = start[i] + 1; k < end[i]; k++) {
            char c = text.charAt(k);
            upperAfterFirst |= c >= 'A' && c <= 'Z';
            lowerAfterFirst |= c >= 'a' && c <= 'z';
        }
        return upperAfterFirst && lowerAfterFirst;
    }

    /** A reserved keyword; a quoted name never is one, whatever its quote character. */
    private boolean reservedWord(int i) {
        return type[i] == WORD && any(detail[i], SqlVocabulary.RESERVED);
    }

    private boolean isWord(int i, int id) {
        return i >= 0 && i < n && type[i] == WORD && detail[i] == id;
    }
}
