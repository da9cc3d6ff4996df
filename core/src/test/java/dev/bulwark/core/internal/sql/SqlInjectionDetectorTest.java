package dev.bulwark.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlInjectionDetectorTest {

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    private List<String> rulesFor(ScanTarget target) {
        List<String> ids = new ArrayList<>();
        detector.scan(target, (rule, offset, length) -> {
            assertThat(offset).isBetween(0, target.text().length());
            assertThat(offset + length).isLessThanOrEqualTo(target.text().length());
            ids.add(rule.id());
        });
        return ids;
    }

    private List<String> rulesFor(String value) {
        return rulesFor(ScanTarget.queryValue(value));
    }

    private boolean blockedAt(Level level, String value) {
        boolean[] blocked = {false};
        detector.scan(ScanTarget.queryValue(value), (rule, offset, length) -> blocked[0] |= level.enables(rule.level()));
        return blocked[0];
    }

    @Test
    void reportsItsFamilyAndRules() {
        assertThat(detector.key()).isEqualTo("SQL");
        assertThat(detector.rules()).extracting(RuleDefinition::id).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("SQL-"));
        assertThat(detector.rules()).extracting(RuleDefinition::level).contains(Level.BASIC, Level.STANDARD, Level.STRICT);
    }

    @Test
    void judgesEachValueAsIfItWereTheFirstOnTheThread() {
        // The thread's judge serves every scan: what one value left in it must not reach the next.
        String[] values = {"1 or 1=1-- ", "x' union select a from b-- ", "(1) and (1)=(1)", "1;drop table t",
            "O'Brien", "it's (a present); call: +41 44", "$$ or 1=1--", "a=1 or 2=2"};
        List<List<String>> alone = new ArrayList<>();
        for (String value : values) {
            alone.add(new SqlInjectionDetectorTest().rulesFor(value));
        }
        for (String before : values) {
            for (int i = 0; i < values.length; i++) {
                rulesFor(before);
                assertThat(rulesFor(values[i])).as("%s after %s", values[i], before).isEqualTo(alone.get(i));
            }
        }
    }

    @Test
    void judgesEachDecodedFormOfAValueLongerThanTheThreadBuffer() {
        // Longer values share one array across their decoded forms; a shorter form must not read
        // the longer one's characters behind its end.
        String prose = "Second floor, ring twice. ".repeat(SqlInjectionDetector.SCRATCH_CHARS / 20);
        String encoded = prose + "%27%20union%20select%20password%20from%20users--%20";

        assertThat(encoded.length()).isGreaterThan(SqlInjectionDetector.SCRATCH_CHARS);
        assertThat(rulesFor(encoded)).contains("SQL-UNION-AFTER-BREAK");
        assertThat(rulesFor(prose + prose + "' union select password from users-- ")).contains("SQL-UNION-AFTER-BREAK");
        assertThat(rulesFor(prose + prose)).isEmpty();
    }

    @Nested
    class Union {
        @Test
        void detectsUnionSelectAfterQuoteBreak() {
            assertThat(rulesFor("x' union select username, password from users-- ")).contains("SQL-UNION-AFTER-BREAK");
        }

        @Test
        void detectsUnionSelectAfterNumber() {
            assertThat(rulesFor("-1 UNION ALL SELECT 1,2,version()")).contains("SQL-UNION-AFTER-BREAK", "SQL-UNION");
        }

        @Test
        void detectsUnionHiddenByCommentsAndExecutableComments() {
            assertThat(rulesFor("1/**/UnIoN/*!50000SeLeCt*/1,2")).contains("SQL-UNION", "SQL-EXECUTABLE-COMMENT");
        }

        @Test
        void detectsUnionIntoParenthesisedSelect() {
            assertThat(rulesFor("1 union (select id from users limit 1,1)")).contains("SQL-UNION");
        }
    }

    @Nested
    class SplitKeywords {

        @Test
        void detectsStatementKeywordSplitByInlineComment() {
            assertThat(rulesFor("DR/**/OP TABLE audit_log")).containsExactly("SQL-SPLIT-KEYWORD");
        }

        @Test
        void detectsKeywordWhoseNextCommentStandsForASpace() {
            assertThat(rulesFor("DR/**/OP/*bypass*/audit_log")).containsExactly("SQL-SPLIT-KEYWORD");
            assertThat(rulesFor("U/**/NI/**/ON")).containsExactly("SQL-SPLIT-KEYWORD");
        }

        @Test
        void judgesTheJoinedReadingLikeAnyOther() {
            assertThat(rulesFor("1 UN/**/ION SEL/*x*/ECT password FROM users")).contains("SQL-UNION-AFTER-BREAK", "SQL-SPLIT-KEYWORD");
        }

        @Test
        void ignoresCommentsBetweenOrdinaryWordsAndAroundSpaces() {
            assertThat(rulesFor("int/*count*/x")).isEmpty();
            assertThat(rulesFor("font-family: x/**/y")).isEmpty();
            assertThat(rulesFor("image/*, text/*")).isEmpty();
            assertThat(rulesFor("/* note */ select your size")).isEmpty();
        }

        @Test
        void staysLinearOnManyComments() {
            String value = Scans.mebibyteOf("a/**/");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> rulesFor(value));
        }
    }

    @Nested
    class Boolean {
        @ParameterizedTest
        @ValueSource(strings = {"' or 1=1", "' or 'a'='a", "1 and 2>1", "admin' AND 1=2 -- ", "x') or ('1'='1",
            "1234 OR 1=1", "\" or \"\"=\"", "' or true--", "1 or sleep(5)#"})
        void detectsBooleanConditionAfterBreak(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isTrue();
        }

        @Test
        void detectsCommentedTautologyAtBasic() {
            assertThat(rulesFor("admin' or 1=1-- ")).contains("SQL-TAUTOLOGY-COMMENT");
            assertThat(blockedAt(Level.BASIC, "admin' or 1=1#")).isTrue();
        }

        @Test
        void detectsDanglingComparisonAfterLogic() {
            assertThat(blockedAt(Level.STANDARD, "test' or 1<")).isTrue();
        }

        @Test
        void detectsIsNotComparisonWithNumber() {
            assertThat(blockedAt(Level.STANDARD, "' OR UserID IS NOT 2")).isTrue();
        }

        @Test
        void detectsArraySubscriptOperandAfterBreak() {
            assertThat(rulesFor("x' or array[id] is not null--")).contains("SQL-BOOLEAN");
        }

        @Test
        void detectsBreakBehindBackslashEscapedQuote() {
            // MySQL keeps \' inside the string, so the quote after it ends the string.
            assertThat(rulesFor("foo\\''or'oof")).contains("SQL-BOOLEAN");
        }

        @Test
        void detectsPatternOperatorCalledAsFunction() {
            assertThat(rulesFor("admin@example.com' or glob(id,id);")).contains("SQL-BOOLEAN");
        }

        @Test
        void detectsConditionInsideFormLikeValue() {
            assertThat(blockedAt(Level.STANDARD, "pay=AND 7639=(")).isTrue();
        }
    }

    @Nested
    class DoubleQuotedTautologies {
        @ParameterizedTest
        @ValueSource(strings = {"\"or\"1", "x\" or \"1", "\\\"or\"1"})
        void detectsOrBeforeNumberOpenedInDoubleQuotes(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"He said \"yes\" or \"no", "8\" or 10\" frame", "12\" or \"14\" frame"})
        void allowsWordsOrClosedNumbersQuotedInProse(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isFalse();
        }
    }

    @Nested
    class QuoteProbes {
        @ParameterizedTest
        @ValueSource(strings = {"'and", "\\'and", "'or", "\"or", "'  or "})
        void blocksValueThatIsQuoteAndLogicWord(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-KEYWORD-AFTER-QUOTE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"` REGEXP ", "' rlike"})
        void blocksValueThatIsQuoteAndMatchingOperator(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-OPERATOR-FRAGMENT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"x'or", "rock'n'roll'and", "it's 'and", "'and'", "'or more"})
        void allowsLogicWordAfterApostropheInText(String value) {
            assertThat(rulesFor(value)).as(value).doesNotContain("SQL-KEYWORD-AFTER-QUOTE");
        }
    }

    @Nested
    class Probes {
        @ParameterizedTest
        @ValueSource(strings = {"1'\"", "'\"", "\"'", " \"' ", "abc'\"", "@@version", "@@datadir"})
        void blocksValueThatIsOnlyAProbe(String value) {
            assertThat(rulesFor(value)).as(value).containsExactly("SQL-PROBE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"5'10\"", "\"the 'word'\"", "it's \"x'\"", "@@ hello", "a@@b", "@@", "@@1Wqn2",
            "mail me @@ home"})
        void allowsMeasuresNestedQuotesAndAtSigns(String value) {
            assertThat(rulesFor(value)).as(value).doesNotContain("SQL-PROBE");
        }
    }

    @Nested
    class Truncation {
        @ParameterizedTest
        @ValueSource(strings = {"admin'--", "admin' #", "admin')-- -", "admin'/*"})
        void detectsCommentAfterQuoteBreak(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-COMMENT-TRUNCATION");
        }

        @Test
        void detectsNumberCutOffByComment() {
            assertThat(rulesFor("1 * 1/*")).contains("SQL-TRAILING-COMMENT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"x' or--", "1' or-- -", "x' and#", "x' or /*"})
        void detectsConditionOpenedAfterQuoteAndCutOffByComment(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-COMMENT-TRUNCATION");
        }

        @Test
        void detectsConstantComparisonLeftOpenForAComment() {
            assertThat(rulesFor("1='1' or-- -")).contains("SQL-TRAILING-COMMENT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"parents' or -- even better", "x' or -- a", "Tom's or -- maybe", "a=b or -- x"})
        void allowsLogicWordBeforeDashesInProse(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }
    }

    @Nested
    class Stacked {
        @Test
        void detectsStackedDropAtBasic() {
            assertThat(rulesFor("1; DROP TABLE users")).contains("SQL-STACKED-DESTRUCTIVE");
        }

        @Test
        void detectsStackedCommandShell() {
            assertThat(rulesFor("'; exec master..xp_cmdshell 'ping 10.0.0.1'--"))
                    .contains("SQL-STACKED-DESTRUCTIVE", "SQL-SYSTEM-PROCEDURE");
        }

        @Test
        void detectsStackedDeclareAndInsert() {
            assertThat(rulesFor("1;DECLARE @s varchar(99)")).contains("SQL-STACKED");
            assertThat(rulesFor("';insert into users values ('a','b')--")).contains("SQL-STACKED");
        }

        @Test
        void detectsShutdown() {
            assertThat(rulesFor("'; shutdown--")).contains("SQL-STACKED-DESTRUCTIVE");
        }

        @Test
        void detectsPrintRightAfterQuoteBreak() {
            assertThat(rulesFor("x' print 'pwned")).contains("SQL-STACKED");
            assertThat(rulesFor("1'; print 'a'--")).contains("SQL-STACKED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/CREATE TABLE Persons", ">SET @OLD_SQL_NOTES", "pay=>SET @OLD_SQL_NOTES",
            "//drop table audit_log"})
        void detectsStatementGluedBehindSlashesOrAngles(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"-insert into the slot", "*Update me", "/create table for 4", "> SET @x",
            "/set timezone", "/select your size", "/delete"})
        void allowsListItemsAndSlashCommandsThatReadAsProse(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"'print' the doc (page 2)", "'Print' both pages", "'delete' is greyed out",
            "'update' me later"})
        void allowsStatementWordQuotedInProse(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isFalse();
        }
    }

    @Nested
    class Functions {
        @ParameterizedTest
        @ValueSource(strings = {"1 and sleep(5)", "' or benchmark(5000000,md5(1))#", "1;select pg_sleep(10)",
            "';waitfor delay '0:0:5'--", "1 AND 1=LIKE('ABCDEFG',UPPER(HEX(RANDOMBLOB(500000000/2))))"})
        void detectsTimeDelayAtBasic(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-TIME-AFTER-BREAK");
        }

        @Test
        void detectsFileAccess() {
            assertThat(rulesFor("' union select load_file('/etc/passwd')--")).contains("SQL-FILE");
            assertThat(rulesFor("1 into outfile '/var/www/x.php'")).contains("SQL-FILE");
        }

        @Test
        void detectsErrorBasedExtraction() {
            assertThat(rulesFor("1 and extractvalue(1,concat(0x7e,version()))")).contains("SQL-ERROR-FUNCTION");
            assertThat(rulesFor("' and updatexml(1,concat(0x7e,user()),1)-- ")).contains("SQL-ERROR-FUNCTION");
        }

        @Test
        void detectsSystemCatalog() {
            assertThat(rulesFor("select table_name from information_schema.tables")).contains("SQL-CATALOG", "SQL-STATEMENT");
        }

        @Test
        void detectsCharConcatenation() {
            assertThat(rulesFor("char(115)||chr(101)||char(108)")).contains("SQL-ENCODED-STRING");
            assertThat(rulesFor("CHAR(0x73,0x65,0x6c)")).contains("SQL-ENCODED-STRING");
        }

        @Test
        void detectsConditionalProbe() {
            assertThat(rulesFor("(CASE WHEN (1=1) THEN 1 ELSE 0 END)")).contains("SQL-CONDITIONAL");
            assertThat(rulesFor("if(now()=sysdate(),sleep(5),0)")).contains("SQL-CONDITIONAL");
        }

        @Test
        void detectsOpenCallOfSqlFunction() {
            assertThat(rulesFor("concat (")).contains("SQL-OPEN-CALL");
        }

        @Test
        void detectsPostgresCast() {
            assertThat(rulesFor("password::int")).contains("SQL-FUNCTION");
        }
    }

    @Nested
    class Clauses {
        @Test
        void detectsOrderByColumnProbe() {
            assertThat(rulesFor("1 order by 10-- ")).contains("SQL-CLAUSE");
            assertThat(rulesFor("' group by 2#")).contains("SQL-CLAUSE");
        }

        @Test
        void detectsHavingAndLimitAfterNumber() {
            assertThat(rulesFor("1 having 1=1")).contains("SQL-CLAUSE");
            assertThat(rulesFor("1 limit 1,1-- ")).contains("SQL-CLAUSE");
        }
    }

    @Nested
    class Encodings {
        @Test
        void readsTypographicQuotesAsQuotes() {
            assertThat(blockedAt(Level.STANDARD, "\u2019 OR \u20191\u2019=\u20191\u2019--")).isTrue();
        }

        @Test
        void readsPercentEscapesInHeaders() {
            ScanTarget header = new ScanTarget("1%27%20or%201%3D1--%20", Source.HEADER, Component.VALUE, "X-Id");
            assertThat(rulesFor(header)).isNotEmpty();
        }

        @Test
        void readsPercentEscapesLeftInXmlText() {
            ScanTarget xml = new ScanTarget("%22+WAITFOR+DELAY+%27%0A", Source.XML, Component.VALUE, "/root/a/@probe");
            assertThat(rulesFor(xml)).contains("SQL-TIME-AFTER-BREAK");
        }

        @Test
        void readsDoublePercentEncodedQuote() {
            assertThat(rulesFor("1%2527%20or%201=1--")).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"&#39; or 1=1--", "&#x27; union select 1,2--", "x&apos;;drop table users--"})
        void readsHtmlCharacterReferencesAsTheCharactersTheyStandFor(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Tom &amp; Jerry", "It&#39;s 5 o&#39;clock", "&quot;foo&quot; AND &quot;bar&quot;",
            "&lt;b&gt;select your size&lt;/b&gt;", "Rock &#39;n&#39; roll", "parents&#39; or yours"})
        void allowsHtmlEncodedProse(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"１ or １=１--", "' ｏｒ 1=1--", "＇\u3000ＵＮＩＯＮ\u3000ＳＥＬＥＣＴ\u3000１，２－－"})
        void readsFullWidthFormsAsAscii(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ＳＯＮＹ\u3000ＴＶ\u3000４２型", "東京都千代田区１－２－３", "価格：１，０００円（税込）", "Ａ＆Ｂ株式会社",
            "ｓｅｌｅｃｔ your size"})
        void allowsFullWidthFormsInEastAsianText(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @Test
        void readsEachLevelOfAValueEncodedThreeTimes() {
            assertThat(rulesFor("%2527%2520or%25201%253D1--")).contains("SQL-TAUTOLOGY-COMMENT");
            assertThat(rulesFor("1%252f%252a*/UNION%252f%252a%20*/SELECT%201")).contains("SQL-UNION");
        }

        @Test
        void readsLongRunsOfEscapesInLinearTime() {
            String value = "%2525".repeat(200_000) + "27 or 1=1--";
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rulesFor(value));
        }

        @ParameterizedTest
        @ValueSource(strings = {"100%2525 cotton", "100%25 cotton", "50%20off", "a%2Fb%2Fc.txt", "Caf%C3%A9 au lait", "%E2%82%AC 20"})
        void allowsPercentEscapesOfPlainText(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @Test
        void readsMysqlImplicitConversion() {
            assertThat(rulesFor("A' = 'B")).contains("SQL-IMPLICIT-CONVERSION");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a'|'b", "x'&'y", "1' - '1", "Don't&won't", "A '&' B", "A 'DIV' B", "A 'NOT LIKE' B"})
        void readsMysqlImplicitConversionOfAQuotedOperator(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-IMPLICIT-CONVERSION");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1=1", "11!=1", "42<=>42", "2-1=1", "1 is not 2"})
        void blocksValueThatOnlyComparesConstants(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-TAUTOLOGY");
        }

        /** A sum written out with blanks is arithmetic in prose, not a probe. */
        @ParameterizedTest
        @ValueSource(strings = {"1 + 1 = 2", "3 * 4 = 12", "10 / 2 = 5", "7 - 3 = 4", "10 % 3 = 1"})
        void allowsSumWrittenOutWithBlanks(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        /** Contractions around a spaced operator, and a quoted name then a word, are how prose quotes. */
        @ParameterizedTest
        @ValueSource(strings = {"Don't & won't", "can't + won't", "'Q&A' section", "'Smith & Wesson' catalog",
                "'R&D' budget", "rock'n'roll", "fish'n'chips"})
        void allowsQuotedNamesAndContractionsAroundOperators(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }
    }

    @Nested
    class OpenEnds {
        @ParameterizedTest
        @ValueSource(strings = {"Execute(", "exec (", "values (", "VALUES("})
        void blocksStatementWordThatOpensAParenthesisAndStops(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-OPEN-CALL");
        }

        @ParameterizedTest
        @ValueSource(strings = {"var= @.= ( SELECT", "x = ( select"})
        void blocksSubqueryOpenedAfterComparisonAtValueEnd(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-STATEMENT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"execute", "Execute now", "Company values (2024)", "our values (", "x = (selected)"})
        void allowsTheseWordsBeforeOrWithoutAnOpenParenthesis(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isFalse();
        }

        @Test
        void blocksQuoteAndSemicolonAsWholeValue() {
            assertThat(rulesFor("';")).contains("SQL-COMMENT-TRUNCATION");
        }
    }

    @Nested
    class CommentOpenedElsewhere {
        @ParameterizedTest
        @ValueSource(strings = {"SeLect*/ 1,2,3,user(\n", "*/select 1,2 from users"})
        void readsSqlAfterCommentEndWithoutStart(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-STATEMENT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a */ b", "/* note */ select your size", "see *.txt and */tmp"})
        void allowsCommentMarksInText(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @Test
        void replacesOnlyCommentEndsWithoutStart() {
            assertThat(SqlInjectionDetector.withoutUnopenedCommentEnds("a*/b/*c*/d")).isEqualTo("a  b/*c*/d");
            assertThat(SqlInjectionDetector.withoutUnopenedCommentEnds("/*a*/")).isNull();
        }
    }

    @Nested
    class QuoteInParameterName {
        @Test
        void blocksTautologySplitBetweenNameAndValue() {
            ScanTarget value = new ScanTarget("'1'", Source.FORM, Component.VALUE, "'admin', '1'");
            assertThat(rulesFor(value)).contains("SQL-TAUTOLOGY");
        }

        @Test
        void judgesValueAloneWhenNameHasNoQuote() {
            ScanTarget value = new ScanTarget("'1'", Source.FORM, Component.VALUE, "admin, 1");
            assertThat(rulesFor(value)).isEmpty();
        }

        @Test
        void allowsApostropheInNameWithPlainValue() {
            ScanTarget value = new ScanTarget("yes", Source.FORM, Component.VALUE, "customer's choice");
            assertThat(rulesFor(value)).isEmpty();
        }
    }

    @Nested
    class NoSql {
        @Test
        void leavesMongoOperatorInParameterNameToTheNoSqlFamily() {
            ScanTarget name = new ScanTarget("user[$ne]", Source.QUERY, Component.NAME, "user[$ne]");
            assertThat(rulesFor(name)).isEmpty();
        }

        @Test
        void ignoresJsonSchemaKeys() {
            ScanTarget key = new ScanTarget("$ref", Source.JSON, Component.NAME, "/$ref");
            assertThat(rulesFor(key)).isEmpty();
        }
    }

    @Nested
    class StackedAfterValue {
        @ParameterizedTest
        @ValueSource(strings = {"7; truncate audit_log", "1; delete users", "1; kill 1", "1;rename table a to b"})
        void blocksDestructiveStatementAfterNumber(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-STACKED-DESTRUCTIVE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1'; begin null; end;--", "1; begin null; end", "'; commit;--", "1; rollback--",
            "1;grant all on *.* to x"})
        void blocksBlocksTransactionsAndGrantsAfterBreak(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-STACKED");
        }

        @Test
        void blocksGrantOfRoleAfterQuote() {
            assertThat(rulesFor("' grant connect to name; grant resource to name; --")).contains("SQL-STACKED");
        }

        @Test
        void blocksStatementLevelIfAsWholeValue() {
            assertThat(rulesFor("IF(7423=7423) SELECT 7423 ELSE DROP FUNCTION xcjl--")).contains("SQL-STATEMENT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"copy myfile from '/etc/passwd';", "1;copy t to program 'id'", "copy x to 'C:\\temp\\a.txt'"})
        void blocksPostgresCopyBetweenTableAndServerFile(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-FILE");
        }

        @ParameterizedTest
        @ValueSource(strings = {";update users", " ; select", "pay=;update users", "x'; select"})
        void blocksStatementThatOpensTheValueAfterSemicolon(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-STACKED");
        }

        @ParameterizedTest
        @ValueSource(strings = {";truncate[xx", "; truncate"})
        void blocksTruncateThatOpensTheValueAfterSemicolon(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-STACKED-DESTRUCTIVE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"can't; select", "Options; truncate text", "Options; Select", "; update my profile", "a;update", "menu; select all"})
        void allowsSemicolonBeforeStatementWordInProse(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @Test
        void blocksSemicolonAndCommentAfterNumber() {
            assertThat(rulesFor("1;--")).contains("SQL-TRAILING-COMMENT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Options: wrap; truncate text", "note; delete files", "2; begin again; end of story",
            "done; commit", "grant all on board", "see 1; -- 2", "please grant access to john", "copy notes from 'draft'",
            "if (a=b) select the first"})
        void allowsStatementWordsInProse(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }
    }

    @Nested
    class QueriesWithoutSelect {
        @ParameterizedTest
        @ValueSource(strings = {"1 union table users", "1' union table users-- -", "1) UNION TABLE mysql.user",
            "1 union values row(1,2)", "x' UNION ALL VALUES ROW(1,'a')-- -"})
        void blocksMySqlEightTableAndValuesRowUnions(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-UNION-AFTER-BREAK");
        }

        @ParameterizedTest
        @ValueSource(strings = {"union table", "European union table tennis", "the union table", "union all values",
            "table users", "values row"})
        void allowsUnionTableAndValuesInProse(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }
    }

    @Nested
    class TautologiesWithoutLiterals {
        @ParameterizedTest
        @ValueSource(strings = {"1 OR id=id", "1 or `id`=`id`", "(1)or(1)", "1||1", "1 or 1", "x' or name like name--",
            "3) or `a`.`b`=`a`.`b`-- -"})
        void blocksConditionsTrueOnEveryRow(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isTrue();
        }

        @Test
        void blocksConstantComparedWithItselfAsLastListItem() {
            assertThat(rulesFor("b,1=1")).contains("SQL-TAUTOLOGY");
        }

        @ParameterizedTest
        @ValueSource(strings = {"(a) or (b)", "option 1 or option 2", "x = y or a = a", "yes or yes", "1 or 1 more",
            "a,1=1 and more", "`code` or `more code`", "x || y"})
        void allowsRepetitionInProseAndCode(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @Test
        void blocksComparisonOfNamesCutOffByComment() {
            assertThat(rulesFor(" OR x=y#")).contains("SQL-BOOLEAN");
        }

        @Test
        void blocksPostgresRegexMatchAgainstArray() {
            assertThat(rulesFor("x' or email~all(array[email]);analyze--")).contains("SQL-BOOLEAN");
        }

        @Test
        void blocksAliasedDerivedTableWithItsOwnWhere() {
            assertThat(rulesFor("3') as q where 8=8 and 9=9--")).contains("SQL-CLAUSE");
        }
    }

    @Nested
    class OdbcEscapes {
        @ParameterizedTest
        @ValueSource(strings = {"1 or {fn now()}", "1' or {fn user()}='x", "1 OR {d '2020-01-01'}={d '2020-01-01'}",
            "1) and {fn database()} like 'a%'-- "})
        void blocksOdbcEscapesUsedAsOperands(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"' or MATCH username AGAINST ('+admin -a' IN BOOLEAN MODE); -- -a",
            "1 and match(title,body) against ('x')"})
        void blocksFullTextMatchAgainstAsCondition(String value) {
            assertThat(rulesFor(value)).as(value).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"the match against (Chelsea) was great", "match against bots", "match(a,b)"})
        void allowsMatchAgainstInProse(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @Test
        void blocksMySqlBraceExpressionWithAnyName() {
            assertThat(rulesFor("9999 or {if length((select username from users where id=1))>0}")).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{ts}", "{d}", "Use {fn} in your template", "{t 'hello'}", "{name} or {title}",
            "{if x}", "{{if .X}}", "x or {if count(x) > 0}"})
        void allowsBracesInTemplatesAndText(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }
    }

    @Nested
    class HiddenSpellings {
        @Test
        void blocksQuoteEscapedAsUnicodeInsideJson() {
            assertThat(rulesFor("{\"name\":\"x\\u0027 or name like name--\"}")).contains("SQL-BOOLEAN");
        }

        @Test
        void blocksUnionSplitByEscapedLoneSurrogatesInsideJson() {
            assertThat(blockedAt(Level.STANDARD, "{\"q\":\"1 UN\\ud800ION SEL\\udc00ECT password FROM users\"}"))
                    .isTrue();
        }

        @Test
        void allowsJsonWithAnEscapedSurrogatePairInPlainText() {
            assertThat(rulesFor("{\"q\":\"1 un\\ud83d\\ude00ion select password from users\"}")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"name\":\"O\\u0027Brien\",\"city\":\"Zurich\"}", "{\"q\":\"rock \\u0026 roll\"}",
            "[\"a\\u0027s\",\"b\"]", "{\"text\":\"He said \\\"hi\\\" or \\\"bye\\\"\"}"})
        void allowsJsonWithEscapedQuotesInPlainText(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"+WAITFOR+DELAY+'0:0:5'", "\"+WAITFOR+DELAY+'\n", "1'+or+1=1--", "';SELECT*@@version#--"})
        void blocksFormEncodedSpacesThatNothingDecoded(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"aGVsbG8+d29ybGQ+Zm9v/YmFy==", "C++", "a+b=c", "red+shoes", "size+M"})
        void allowsPlusSignsInTokensAndArithmetic(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @Test
        void blocksScientificNotationUsedAsSpaceBeforeCall() {
            assertThat(rulesFor("1.e(ascii 1.e(substring(1.e(select password from users limit 1 1.e,1 1.e) 1.e,1 1.e,1 1.e)1.e)1.e) = 70"))
                    .contains("SQL-FUNCTION");
        }

        @ParameterizedTest
        @ValueSource(strings = {"see section 1.e(ii)", "x.1.e(i)", "version 2.e(beta)"})
        void allowsOutlineNumbersBeforeParentheses(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }
    }

    @Nested
    class DialectStatementsAndProbes {
        @Test
        void detectsPrintOfServerVariableAfterQuoteBreak() {
            assertThat(rulesFor("'; print @@version--")).contains("SQL-STACKED");
        }

        @Test
        void detectsPrintOfServerVariableInParentheses() {
            assertThat(rulesFor("1;print(@@version)")).contains("SQL-STACKED");
        }

        @Test
        void detectsPrintOfFunctionAfterNumber() {
            assertThat(rulesFor("1; print user_name()--")).contains("SQL-STACKED");
        }

        @Test
        void detectsUseOfDatabaseCutOffByComment() {
            assertThat(rulesFor("'; use master--")).contains("SQL-STACKED");
        }

        @Test
        void detectsGrantAllPrivileges() {
            assertThat(rulesFor("'; grant all privileges on *.* to 'x'@'%'--")).contains("SQL-STACKED");
        }

        @Test
        void detectsBulkInsertFromFile() {
            assertThat(rulesFor("'; bulk insert t from '\\\\a.example\\x'--")).contains("SQL-FILE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"has_database_privilege(current_user, 'db', 'CREATE')",
                "has_table_privilege('users','SELECT')", "pg_has_role('postgres','MEMBER')",
                "has_perms_by_name(null,null,'CONTROL SERVER')"})
        void detectsPrivilegeProbeFunctions(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).isTrue();
        }

        @Test
        void detectsOracleRownumConditionAfterQuote() {
            assertThat(rulesFor("' and rownum=1--")).contains("SQL-BOOLEAN");
        }

        @Test
        void detectsSelectFromDual() {
            assertThat(rulesFor("select user from dual")).contains("SQL-STATEMENT");
        }

        @Test
        void detectsForXmlPathAfterQuote() {
            assertThat(rulesFor("' for xml path('')--")).contains("SQL-CLAUSE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'; show tables--", "1; show grants", "'; desc users; --", "'; describe users--"})
        void detectsSchemaListingStatementAfterValue(String value) {
            assertThat(rulesFor(value)).contains("SQL-STACKED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'; pragma table_info(users)--", "'; pragma writable_schema=1--"})
        void detectsSqlitePragmaAfterSemicolon(String value) {
            assertThat(rulesFor(value)).contains("SQL-STACKED");
        }

        @Test
        void detectsPostgresCastOfClosedStringCutOffByComment() {
            assertThat(rulesFor("'::int--")).contains("SQL-COMMENT-TRUNCATION");
        }

        @Test
        void detectsLockTablesAfterQuoteBreak() {
            assertThat(rulesFor("'; lock tables users write--")).contains("SQL-STACKED");
        }

        @Test
        void detectsPostgresAnonymousBlockInDollarQuotes() {
            assertThat(rulesFor("'; do $$ begin perform pg_sleep(5); end $$--")).contains("SQL-STACKED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Tested; use caution", "O'Brien; use caution", "I'm here; print this page",
                "It's done; print length(x)", "Meet at 5; use the side door", "10; print tomorrow",
                "choose from dual options", "Select size from dual monitors", "the rownum=1 trick",
                "Looking for XML path examples", "We grant all privileges on request", "Bob's bulk insert from excel",
                "Done; show tables", "Chapter 3; describe the scene", "O'Neil; show grants", "#pragma once",
                "She said; do $$ later", "Item 5; lock table for two", "Closed; lock tables now"})
        void passesProseWithTheseWords(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).isFalse();
        }
    }

    @Nested
    class LegitimateValues {
        @ParameterizedTest
        @ValueSource(strings = {"O'Brien", "select your size", "1 or 2 items", "drop-down", "update me", "union station",
            "and/or", "a=b&c=d", "<3", "I <3 NY", "$5 + tax", "2024-01-15", "+1 (555) 123-4567", "550e8400-e29b-41d4-a716-446655440000",
            "john.o'reilly@example.com", "https://example.com/search?q=shoes&sort=price&order=asc",
            "dGhpcyBpcyBhIGJhc2U2NCBibG9i/+==", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "report_final (2).pdf", "Rock 'n' roll", "It's 5 o'clock", "Tom & Jerry", "10 -- 20 people",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Please select 1",
            "Select 2 items from the list", "Drop table lamp", "I was having true friends", "Delete from list",
            "black and white", "salt and pepper (2 pack)", "Use `code` in **Markdown**, e.g. `a || b`",
            "if (x > 1) { y = 2; }", "{\"id\": 5, \"name\": \"x\"}", "\"foo\" AND \"bar\"", "#2 best seller",
            "Shipped via UPS; drop at door", "1950's dresses", "parents' and kids' shoes", "12\" x 18\" frame",
            "I like (cats, dogs) a lot", "tags[1] and tags[2]", "it\\'s a \\'quoted\\' word",
            "Set to \"<anon>\" by default.", "size -1\" and \"set height unlimited\" is now an alias"})
        void ignoresTypicalAndTrickyPlainValues(String value) {
            assertThat(rulesFor(value)).as(value).isEmpty();
        }

        @Test
        void ignoresIrishSurname() {
            assertThat(rulesFor("O'Brien")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Order by", "group by", "execute system", "EXEC xp_x"})
        void keepsClauseAndExecFragmentsForStrict(String value) {
            assertThat(blockedAt(Level.STANDARD, value)).as(value).isFalse();
            assertThat(blockedAt(Level.STRICT, value)).as(value).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"order by date", "execute order 66", "Execute", "Sort by"})
        void allowsLongerClauseAndExecWordsEvenAtStrict(String value) {
            assertThat(blockedAt(Level.STRICT, value)).as(value).isFalse();
        }

        @Test
        void keepsFragmentsOutOfStandard() {
            assertThat(blockedAt(Level.STANDARD, ">=")).isFalse();
            assertThat(blockedAt(Level.STRICT, ">=")).isTrue();
        }
    }

    @Nested
    class Pathological {
        @ParameterizedTest
        @ValueSource(strings = {"'((((", "<<<<", "${${${", ";;;;", "' or 1=1 ", "(select ", "/*!", "union select ",
            "case when ", "@@", "0x", "-- \n", "'\"`", "{fn ", "{fn f(", "(1)or", "1||", "x=x or ", "union table ",
            "union values row(", ",1=1", "1.e(", "+or+", "1;begin x;", "; truncate a;", "1 or {x (", "{a 1", "' or match a, ", "{\"a\":\"\\u0027", "select*@@v*",
            "$a$", "$ab$ $ba$ ", "||(a=", "\":[", "' or 1 ", "ORder by ", "$tag$ $ta $tag", "Gift wrap (it's a present); the bell's broken. "})
        void finishesLinearlyOnOneMebibyteOfRepetition(String unit) {
            String value = unit.repeat((1 << 20) / unit.length());
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> rulesFor(value));
        }

        @Test
        void finishesLinearlyOnOneMebibyteOfJsonWithUnicodeEscapes() {
            String value = "[" + "\"\\u0027 or a=a\",".repeat((1 << 20) / 14) + "0]";
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> rulesFor(value));
        }

        @Test
        void findsAttackAfterLongPrefix() {
            String value = "lorem ipsum ".repeat(5000) + "'; drop table users--";
            assertThat(rulesFor(value)).contains("SQL-STACKED-DESTRUCTIVE");
        }
    }

    @Test
    void ignoresMediaRangesInAcceptHeaderAtStrictLevel() {
        List<String> ids = new ArrayList<>();
        new SqlInjectionDetector().scan(new ScanTarget("text/html,application/xhtml+xml,*/*;q=0.8",
                Source.HEADER, Component.VALUE, "accept"), (rule, offset, length) -> ids.add(rule.id()));
        assertThat(ids).isEmpty();
    }
}
