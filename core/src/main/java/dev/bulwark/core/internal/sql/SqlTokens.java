package dev.bulwark.core.internal.sql;

/**
 * A bounded run of SQL tokens read by {@link SqlLexer}: parallel arrays of type, position and a
 * type-specific detail, plus the matching parenthesis of each opening one.
 *
 * <p>One instance serves one scan of one value and is not shared between threads.
 */
final class SqlTokens {

    // Token types.
    /** A number: decimal, with exponent, hexadecimal {@code 0x..} or binary {@code 0b..}. */
    static final int NUM = 1;
    /** A closed string literal; detail = the quote character. */
    static final int STR = 2;
    /** A string literal left open at the end of the value; detail = the quote character. */
    static final int STR_OPEN = 3;
    /** A quoted identifier: {@code `name`} or {@code [name]}. */
    static final int QIDENT = 4;
    /** A bare word: keyword, function or identifier; detail = {@link SqlVocabulary} id or 0. */
    static final int WORD = 5;
    /** A user variable {@code @name}. */
    static final int VAR = 6;
    /** A system variable {@code @@name}. */
    static final int SYSVAR = 7;
    static final int LPAREN = 8;
    static final int RPAREN = 9;
    static final int COMMA = 10;
    static final int SEMI = 11;
    static final int DOT = 12;
    /** An operator; detail = one of the {@code OP_} kinds. */
    static final int OP = 13;
    /** A comment; detail = its first character ({@code -}, {@code #} or {@code /}). */
    static final int COMMENT = 14;
    /** Anything else: braces, brackets, backslashes, stray characters; detail = the character. */
    static final int OTHER = 15;

    // Operator kinds.
    /** {@code = < > <= >= <> != <=> == !< !> ~ !~ @> <@}. */
    static final int OP_COMPARE = 1;
    /** {@code || &&}. */
    static final int OP_LOGIC = 2;
    /** {@code + - * / % ^ & | << >>}. */
    static final int OP_ARITH = 3;
    /** {@code !}. */
    static final int OP_NOT = 4;
    /** {@code :=}. */
    static final int OP_ASSIGN = 5;
    /** {@code ::}, a PostgreSQL cast. */
    static final int OP_CAST = 6;
    /** {@code -> ->> #> ?| ?&}: JSON operators. */
    static final int OP_JSON = 7;
    /** {@code ?} and {@code :}. */
    static final int OP_OTHER = 8;

    final int[] type;
    final int[] start;
    final int[] end;
    final int[] detail;
    /** For an opening parenthesis: the index of its closing one, or -1 when it stays open. */
    final int[] match;
    /** The opening parentheses not closed yet, innermost last, while the lexer reads. */
    private final int[] open;
    private int depth;
    int count;
    /** Where in the text the lexer stopped: the end, or where the buffer filled up. */
    int stoppedAt;
    /** Where the first MySQL executable comment {@code /*!} starts, or -1. */
    int executableCommentAt = -1;
    /** How many tokens are read at most, up to the capacity. */
    private int limit;

    SqlTokens(int capacity) {
        type = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
        detail = new int[capacity];
        match = new int[capacity];
        open = new int[capacity];
        limit = capacity;
    }

    /** Reads at most {@code tokens} tokens from now on (at most the capacity), so a buffer can be reused. */
    void limit(int tokens) {
        limit = Math.min(tokens, type.length);
    }

    boolean full() {
        return count >= limit;
    }

    /**
     * Adds a token. Parentheses are paired as they come, with a stack, so that operand skipping is
     * constant time later and the tokens need no second pass.
     */
    void add(int tokenType, int from, int to, int tokenDetail) {
        type[count] = tokenType;
        start[count] = from;
        end[count] = to;
        detail[count] = tokenDetail;
        match[count] = -1;
        if (tokenType == LPAREN) {
            open[depth++] = count;
        } else if (tokenType == RPAREN && depth > 0) {
            match[open[--depth]] = count;
        }
        count++;
    }

    void reset() {
        count = 0;
        depth = 0;
        executableCommentAt = -1;
    }
}
