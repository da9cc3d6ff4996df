package dev.bulwark.core.internal.sql;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/** The rules of the SQL injection family (key {@code SQL}), in the order they are reported. */
final class SqlRules {

    static final String KEY = "SQL";

    private static final String OWASP = "https://owasp.org/www-community/attacks/SQL_Injection";
    private static final String CWE = cwe(89);
    private static final String BLIND = "https://owasp.org/www-community/attacks/Blind_SQL_Injection";
    private static final String CAPEC_66 = "https://capec.mitre.org/data/definitions/66.html";
    private static final String CAPEC_7 = "https://capec.mitre.org/data/definitions/7.html";
    private static final String CAPEC_470 = "https://capec.mitre.org/data/definitions/470.html";
    private static final String CAPEC_54 = "https://capec.mitre.org/data/definitions/54.html";

    // BASIC: structures that legitimate input does not have.
    static final RuleDefinition UNION_AFTER_BREAK = rule("SQL-UNION-AFTER-BREAK", Level.BASIC,
            "UNION SELECT (or MySQL 8's UNION TABLE t and UNION VALUES ROW(..)) right after a value ends a number,"
                    + " string or parenthesis", OWASP);
    static final RuleDefinition STACKED_DESTRUCTIVE = rule("SQL-STACKED-DESTRUCTIVE", Level.BASIC,
            "a second statement that drops, deletes, truncates, renames, kills, executes procedures or shuts down",
            CAPEC_66);
    static final RuleDefinition TIME_AFTER_BREAK = rule("SQL-TIME-AFTER-BREAK", Level.BASIC,
            "a time-delay function (sleep, benchmark, pg_sleep, waitfor delay) used as SQL", BLIND);
    static final RuleDefinition TAUTOLOGY_COMMENT = rule("SQL-TAUTOLOGY-COMMENT", Level.BASIC,
            "an always-true condition after a closing quote, followed by a comment", CAPEC_66);

    // STANDARD: the default set.
    static final RuleDefinition UNION = rule("SQL-UNION", Level.STANDARD,
            "UNION SELECT, TABLE or VALUES ROW, or UNION ending a numeric value", OWASP);
    static final RuleDefinition BOOLEAN = rule("SQL-BOOLEAN", Level.STANDARD,
            "a boolean condition (OR/AND/XOR ...) appended after a closing quote, number or parenthesis, or after a"
                    + " comparison that closes one (x` < 0) AND), or || and && glued to a parenthesised comparison"
                    + " opening the value (||(c===)", CAPEC_7);
    static final RuleDefinition TAUTOLOGY = rule("SQL-TAUTOLOGY", Level.STANDARD,
            "OR/AND followed by a comparison of constants or of SQL functions, or a constant compared with"
                    + " itself at the end of a list", CAPEC_7);
    static final RuleDefinition COMMENT_TRUNCATION = rule("SQL-COMMENT-TRUNCATION", Level.STANDARD,
            "a comment or statement end right after a closing quote (or its ::cast), or after the values that close"
                    + " the row the string is in (x', 1)--, x'), ('a','b')--), or after one token stacked behind it (';@@#--),"
                    + " cutting off the rest of the query", CAPEC_66);
    static final RuleDefinition STACKED = rule("SQL-STACKED", Level.STANDARD,
            "a second statement after a semicolon (SELECT, BEGIN ... END, GRANT, COMMIT, PRINT @@version, USE db--, SHOW TABLES, PRAGMA,"
                    + " HANDLER t OPEN/READ, MERGE INTO ... USING, UPSERT INTO ...), or one that opens the"
                    + " value after a semicolon (;update users) or glued behind slashes or angle brackets (>SET @a)",
            CAPEC_66);
    static final RuleDefinition ADMIN_STATEMENT = rule("SQL-ADMIN-STATEMENT", Level.STANDARD,
            "a stacked statement that administers the server: SET GLOBAL x=, SET @@x=, ALTER SYSTEM SET, FLUSH PRIVILEGES, RECONFIGURE,"
                    + " CHECKPOINT, DBCC ...", CAPEC_66);
    static final RuleDefinition STATEMENT = rule("SQL-STATEMENT", Level.STANDARD,
            "a whole SQL statement or subquery (SELECT ... FROM, INSERT INTO, DECLARE @ ...)", CWE);
    static final RuleDefinition TIME = rule("SQL-TIME", Level.STANDARD,
            "a time-delay function call or WAITFOR DELAY", BLIND);
    static final RuleDefinition FILE = rule("SQL-FILE", Level.STANDARD,
            "database access to files, the network or the operating system (load_file, into outfile, bulk insert...)",
            CAPEC_470);
    static final RuleDefinition SYSTEM = rule("SQL-SYSTEM-PROCEDURE", Level.STANDARD,
            "a database system procedure such as xp_cmdshell or sp_executesql", CAPEC_470);
    static final RuleDefinition TRACE_HIDING = rule("SQL-TRACE-HIDING", Level.STANDARD,
            "sp_password in a comment (1'--sp_password), which keeps the statement out of SQL Server's trace", CAPEC_470);
    static final RuleDefinition CATALOG = rule("SQL-CATALOG", Level.STANDARD,
            "a system catalog that lists the schema (information_schema, sysobjects...)", CAPEC_54);
    static final RuleDefinition ERROR_FUNCTION = rule("SQL-ERROR-FUNCTION", Level.STANDARD,
            "a function used to leak data through error messages (extractvalue, updatexml...)", CAPEC_54);
    static final RuleDefinition CLAUSE = rule("SQL-CLAUSE", Level.STANDARD,
            "ORDER BY, GROUP BY, HAVING, LIMIT, COLLATE, PROCEDURE or FOR XML/JSON appended after a value, or a lone"
                    + " ORDER BY, GROUP BY or EXEC name in a case no writer types (ORder by), which evades keyword filters", CWE);
    static final RuleDefinition EXECUTABLE_COMMENT = rule("SQL-EXECUTABLE-COMMENT", Level.STANDARD,
            "a MySQL executable comment /*! ... */", OWASP);
    static final RuleDefinition FUNCTION = rule("SQL-FUNCTION", Level.STANDARD,
            "SQL-specific function calls nested or fed SQL literals (concat(0x.., version()), 1.e(ascii ..., 1.e.tables), or a call of a"
                    + " function only SQL has (has_table_privilege(..), group_concat(..))", CWE);
    static final RuleDefinition ENCODED_STRING = rule("SQL-ENCODED-STRING", Level.STANDARD,
            "a string built from char()/chr() codes or hexadecimal, a filter evasion", CWE);
    static final RuleDefinition CONDITIONAL = rule("SQL-CONDITIONAL", Level.STANDARD,
            "CASE WHEN ... THEN or if()/iif() used to test data bit by bit", BLIND);

    static final RuleDefinition IMPLICIT = rule("SQL-IMPLICIT-CONVERSION", Level.STANDARD,
            "an operator between a closing and an opening single quote (x' = 'y, 'like')", CWE);
    static final RuleDefinition TRAILING_COMMENT = rule("SQL-TRAILING-COMMENT", Level.STANDARD,
            "a number or expression that ends in a comment, cutting off the rest of the query", CWE);
    static final RuleDefinition OPEN_CALL = rule("SQL-OPEN-CALL", Level.STANDARD,
            "a value that opens a call of a SQL function, EXEC or VALUES and leaves it open (hex(, concat (, values (...)",
            CWE);
    static final RuleDefinition OPERATOR_FRAGMENT = rule("SQL-OPERATOR-FRAGMENT", Level.STANDARD,
            "a value that is only a SQL-specific operator (RLIKE, REGEXP, XOR, <=>, IS NULL), after a quote or not",
            CWE);
    static final RuleDefinition KEYWORD_AFTER_QUOTE = rule("SQL-KEYWORD-AFTER-QUOTE", Level.STANDARD,
            "a value that is a quote followed by a statement keyword or a lone AND/OR ('union, \" alter, \\'and ...), or by"
                    + " OR/XOR and a number with no other quote (' or homer 9)",
            CWE);

    static final RuleDefinition PROBE = rule("SQL-PROBE", Level.STANDARD,
            "a value that is only a probe for a query: a word at most and a mixed pair of quotes (1'\", \"'), a"
                    + " quote and a comparison with a constant (`>65, '=1) or a list of numbers (', 2, 1), quotes and a product"
                    + " of numbers (\"2562*23, \"` * 123), an operator a comment cuts off (' = #) or a colon and a number that"
                    + " end a JSON string (\":60, \":[\"0), empty strings and"
                    + " numbers in a list ('', '', 13), or a server variable (@@version)", CWE);

    static final RuleDefinition SPLIT_KEYWORD = rule("SQL-SPLIT-KEYWORD", Level.STANDARD,
            "an SQL keyword split by an inline comment (SEL/**/ECT, UN/**/ION), which only evades keyword filters",
            CWE);

    // STRICT: fragments and weaker signals.
    static final RuleDefinition FRAGMENT = rule("SQL-FRAGMENT", Level.STRICT,
            "a fragment of SQL: a lone operator, quote shape or clause (ORDER BY, EXEC name)", CWE);

    /** Every rule, BASIC first, so a first report is the strongest. */
    static final List<RuleDefinition> ALL = List.of(UNION_AFTER_BREAK, STACKED_DESTRUCTIVE,
            TIME_AFTER_BREAK, TAUTOLOGY_COMMENT, UNION, BOOLEAN, TAUTOLOGY, COMMENT_TRUNCATION, STACKED,
            ADMIN_STATEMENT, STATEMENT, TIME, FILE, SYSTEM, TRACE_HIDING, CATALOG, ERROR_FUNCTION, CLAUSE, EXECUTABLE_COMMENT,
            FUNCTION, ENCODED_STRING, CONDITIONAL, IMPLICIT, TRAILING_COMMENT, OPEN_CALL, OPERATOR_FRAGMENT, KEYWORD_AFTER_QUOTE,
            PROBE, SPLIT_KEYWORD, FRAGMENT);

    private SqlRules() {}

    /** The position of {@code rule} in {@link #ALL}. */
    static int index(RuleDefinition rule) {
        return ALL.indexOf(rule);
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
