package dev.bulwark.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dialect quoting and statements that once passed unread (Oracle q-quotes, PostgreSQL casts and
 * dollar quotes, MySQL HANDLER, server administration, sp_password comments), and the spellings of
 * sqlmap's tamper scripts, each in every place a value reaches the detector.
 */
class SqlDialectBreaksTest {

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    /** The places a value reaches the detector, each as a target for one value. */
    static Stream<Function<String, ScanTarget>> sources() {
        return Stream.of(Scans::query, v -> Scans.form("q", v), v -> Scans.json("/q", v), v -> Scans.header("X-Filter", v),
                v -> Scans.cookie("q", v));
    }

    private List<String> rulesInEverySource(String value) {
        List<List<String>> found = sources().map(source -> Scans.standard(detector, source.apply(value))).toList();
        assertThat(found).as(value).allSatisfy(rules -> assertThat(rules).isEqualTo(found.get(0)));
        return found.get(0);
    }

    @Nested
    class OracleAlternativeQuoting {
        @ParameterizedTest
        @ValueSource(strings = {"x' or q'[a]'=q'[a]'--", "' or q'!a!'=q'!a!'--", "x' or nq'{a}'=nq'{a}'--",
                "x' or q'(it's)'=q'(it's)'--"})
        void detectsTautologyOfQQuotedLiteralsAfterBreak(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-TAUTOLOGY-COMMENT");
        }

        @Test
        void detectsQQuotedLiteralComparedWithoutComment() {
            assertThat(rulesInEverySource("1' and q'<a>'=q'<a>")).contains("SQL-TAUTOLOGY");
        }

        @Test
        void readsQuotesInsideQQuotedLiteralAsText() {
            assertThat(rulesInEverySource("x' || q'(a'b)' || '")).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Q'uran study group", "the q'[draft]' version", "IQ'(s) of 120"})
        void allowsProseWithQBeforeApostrophe(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }
    }

    @Nested
    class PostgresCasts {
        @ParameterizedTest
        @ValueSource(strings = {"'::text||version()--", "'::text||current_user--", "x'::varchar||pg_read_file('/etc/passwd')--"})
        void detectsConcatenationAfterCastOfBrokenString(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-BOOLEAN");
        }

        @Test
        void detectsCastCutOffByComment() {
            assertThat(rulesInEverySource("'::int--")).contains("SQL-COMMENT-TRUNCATION");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'::int", "x'::text"})
        void allowsBareCastOfBrokenString(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }
    }

    @Nested
    class DollarQuotes {
        @ParameterizedTest
        @ValueSource(strings = {"$$ or 1=1 --", "$tag$ or 1=1 --"})
        void detectsTautologyAfterDollarQuote(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-TAUTOLOGY-COMMENT");
        }

        @Test
        void detectsStackedDropAfterDollarQuote() {
            assertThat(rulesInEverySource("x$$; drop table users; --")).contains("SQL-STACKED-DESTRUCTIVE");
        }

        @Test
        void detectsUnionAfterTaggedDollarQuote() {
            assertThat(rulesInEverySource("a$body$ union select 1,2--")).contains("SQL-UNION-AFTER-BREAK");
        }

        @Test
        void detectsConcatenationBetweenDollarQuotes() {
            assertThat(rulesInEverySource("$$||version()||$$")).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Price: $$ or $$$ restaurants", "$5 and $$ more", "price $$ or more", "Use %PATH% or $HOME"})
        void allowsDollarSignsInProse(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }
    }

    @Nested
    class MySqlHandler {
        @ParameterizedTest
        @ValueSource(strings = {"'; handler users open--", "1; handler users read first--",
                "'; handler users open as h; handler h read first;--", "x'; HANDLER users READ `PRIMARY` NEXT--"})
        void detectsHandlerStatementAfterBreak(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-STACKED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"The dog handler read the paper; handler open all day", "Jim; handler Bob read first",
                "O'Brien; handler"})
        void allowsHandlerInProse(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }
    }

    @Nested
    class StackedStatements {
        @ParameterizedTest
        @ValueSource(strings = {"'; set global general_log=1--", "'; set @@global.general_log=1--", "'; flush privileges--",
                "'; reconfigure--", "'; checkpoint--", "'; dbcc checkdb--"})
        void detectsServerAdministrationAfterBreak(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-ADMIN-STATEMENT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"';merge into users u using dual on (1=1) when matched then update set role='admin'--",
                "1; merge into users as u using (select 1 x) s on (1=1) when matched then delete;",
                "'; upsert into users values(1)--"})
        void detectsMergeAndUpsertAfterBreak(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-STACKED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"merge into one; merge into main using rebase", "set global standards; set global = true",
                "team; flush tables later", "O'Brien; checkpoint Charlie", "It's 5; reconfigure the router",
                "call 555-1234; dbcc"})
        void allowsStatementWordsInProse(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }
    }

    @Nested
    class RowTruncation {
        @ParameterizedTest
        @ValueSource(strings = {"x', 1, 1)-- -", "x'), ('admin','pass')-- ", "x', null, @@version);--", "'), (1,2),(3,4)#"})
        void detectsRowClosedAndCutOff(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-COMMENT-TRUNCATION");
        }

        @ParameterizedTest
        @ValueSource(strings = {"x', 1)", "Jones', 2) and more", "x', 1, 1)--x"})
        void allowsRowsLeftOpenOrFollowedByText(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }

        @Test
        void detectsAlterSystemAfterBreak() {
            assertThat(rulesInEverySource("';alter system set log_statement='none'--")).contains("SQL-ADMIN-STATEMENT");
        }
    }

    @Nested
    class TraceHiding {
        @ParameterizedTest
        @ValueSource(strings = {"1'--sp_password", "1-- foo sp_password", "1' AND 1=1--sp_password"})
        void detectsSpPasswordInComment(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-TRACE-HIDING");
        }

        @Test
        void foldsOnlyAsciiLettersOfSpPassword() {
            // U+017F (long s) upper-cases to S, but SQL Server's trace filter does not read it as one
            assertThat(rulesInEverySource("1-- foo sp_pa\u017f\u017fword")).doesNotContain("SQL-TRACE-HIDING");
        }
    }

    @Nested
    class Probes {
        @ParameterizedTest
        @ValueSource(strings = {"`>65", "`>6fbdec2", "`>9e7", "'>65", "\"=1"})
        void detectsQuoteAndComparisonWithConstant(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-PROBE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'<3", "\"<3", "`>abc`", "'> quoted reply"})
        void allowsQuotedComparisonsInProse(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"', 2, 1", "' ', 10", "'', '', '', '', 13"})
        void detectsColumnCountProbeWithConstantList(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-PROBE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"\", 0", "', 2", "Jones', 2, 1", "'a', 10", "'', 'x', 3"})
        void allowsQuotedListsThatFillNoRow(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.e.tables", "SELECT $.`` 1.e.table_name"})
        void detectsScientificNotationBeforeQualifiedName(String value) {
            assertThat(rulesInEverySource(value)).contains("SQL-FUNCTION");
        }

        @ParameterizedTest
        @ValueSource(strings = {"option 1.e.g. the", "1.e.x", "section 4.e.iii", "2.e.b"})
        void allowsOutlineNumbersBeforeLetters(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }
    }

    /** sqlmap's tamper scripts, each as the value the detector sees. */
    @Nested
    class TamperScripts {
        @ParameterizedTest
        @MethodSource("dev.bulwark.core.internal.sql.SqlDialectBreaksTest#tampered")
        void detectsTamperedPayload(String value) {
            assertThat(rulesInEverySource(value)).as(value).isNotEmpty();
        }

        @Test
        void readsIisUnicodeEscapes() {
            assertThat(rulesInEverySource("%u0027%u0020OR%u00201=1--")).contains("SQL-TAUTOLOGY-COMMENT");
        }

        @Test
        void readsOverlongUtf8Escapes() {
            assertThat(rulesInEverySource("1%C0%A7%C0%A0OR%C0%A01=1--")).contains("SQL-TAUTOLOGY-COMMENT");
        }

        @Test
        void readsPercentSignsThatAspDrops() {
            assertThat(rulesInEverySource("1 %U%N%I%O%N %S%E%L%E%C%T 1,2")).contains("SQL-UNION-AFTER-BREAK");
        }

        @ParameterizedTest
        @ValueSource(strings = {"100% cotton; 50% off", "50%off or 20%OFF", "%s %d format", "Use %PATH% and %TEMP%"})
        void allowsPercentSignsInProse(String value) {
            assertThat(rulesInEverySource(value)).isEmpty();
        }
    }

    @Nested
    class Decodings {
        @Test
        void decodesIisUnicodeAndOverlongEscapes() {
            assertThat(SqlInjectionDetector.percentDecoded("%u0027%C0%A7%27%C0%41")).isEqualTo("'''\u00c0A");
        }

        @Test
        void readsOnlyAsciiHexDigitsAsEscapes() {
            // Arabic-Indic two and seven, full-width 2 and 7: no decoder reads them as %27
            assertThat(SqlInjectionDetector.percentDecoded("%\u0662\u0667")).isNull();
            assertThat(SqlInjectionDetector.percentDecoded("%u\uff10\uff10\uff12\uff17")).isNull();
        }

        @Test
        void dropsOnlyPercentSignsThatStartNoEscape() {
            assertThat(SqlInjectionDetector.withoutStrayPercents("%S%E%L%27%4")).isEqualTo("SEL%274");
            assertThat(SqlInjectionDetector.withoutStrayPercents("%27%20")).isNull();
        }

        @Test
        void breaksAfterFirstDollarQuoteDelimiter() {
            assertThat(SqlInjectionDetector.breakAfterDollarQuote("a$$ or".toCharArray(), 6)).isEqualTo(3);
            assertThat(SqlInjectionDetector.breakAfterDollarQuote("$5 $tag_1$ or".toCharArray(), 13)).isEqualTo(10);
            assertThat(SqlInjectionDetector.breakAfterDollarQuote("$1$salt".toCharArray(), 7)).isEqualTo(-1);
        }
    }

    static Stream<String> tampered() {
        return Stream.of(
                "1/**/AND/**/1=1", // space2comment
                "1' AND 9227 BETWEEN 9227 AND 9227-- -", // between
                "%53%45%4C%45%43%54%20%2A%20%46%52%4F%4D%20users%20WHERE%20id%3D1%20OR%201%3D1", // charencode
                "1/*!UNION*//*!ALL*//*!SELECT*//*!NULL*/,/*!CONCAT*/(/*!CHAR*/(58,107,112,113,58))#", // versionedmorekeywords
                "value'/*!0UNION/*!0ALL/*!0SELECT/*!0CONCAT(/*!0CHAR(58,107,112,113,58)),/*!0NULL#", // halfversionedmorekeywords
                "' or 'a' like 'a", // equaltolike
                "' || 1=1--", // symboliclogical
                "-1 UNION SELECT 1,2,3--", // unionalltounion
                "1 %U%N%I%O%N %S%E%L%E%C%T 1,2", // percentage
                "1 UnIoN SeLeCt 1,2", // randomcase
                "1 /*!30874AND 2>1*/--", // modsecurityversioned
                "1%00%27 AND 1=1--", // apostrophenullencode
                "1%EF%BC%87 AND 1=1--", // apostrophemask
                "1--nVNaVoPYeva%0AAND--ngNvzqu%0A9227=9227", // space2dash
                "1%23nVNaVoPYeva%0AAND%23ngNvzqu%0A9227=9227", // space2hash
                "1%C0%A7 AND 1=1--", // overlongutf8
                "1%bf%27 AND 1=1--", // unmagicquotes
                "1' AND 1=1--sp_password", // sp_password
                "-.1UNION SELECT 1,2", // misunion
                "1 AND SLEEP/**/(5)", // commentbeforeparentheses
                "1 AND GREATEST(2,3+1)=2"); // greatest
    }
}
