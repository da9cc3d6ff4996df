package dev.bulwark.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.Scans;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Short values that probe a query or go on with its condition, which standard once left to strict
 * or passed: a product or a cut-off operator after quotes, a comparison that closes the
 * application's parenthesis before a condition, {@code ||(} opening a value, keywords in shuffled
 * case, a sign before the string the application's quote closes; each in every place a value
 * reaches the detector, and the prose and searches of the same look that must pass.
 */
class SqlProbeShapesTest {

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    private List<String> rulesInEverySource(String value) {
        List<List<String>> found = SqlDialectBreaksTest.sources()
                .map(source -> Scans.standard(detector, source.apply(value))).toList();
        assertThat(found).as(value).allSatisfy(rules -> assertThat(rules).isEqualTo(found.get(0)));
        return found.get(0);
    }

    @Nested
    class QuoteProbes {
        @ParameterizedTest
        @ValueSource(strings = {"\"2562*23", "\"` * 12344", "'*7", "\\' * 3"})
        void detectsProductOfNumbersAfterQuotes(String value) {
            assertThat(rulesInEverySource(value)).as(value).containsExactly("SQL-PROBE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"' = # '", "' ? # = #", "'? # = --", "\"` < /**/"})
        void detectsOperatorCutOffByCommentAfterQuote(String value) {
            assertThat(rulesInEverySource(value)).as(value).containsExactly("SQL-PROBE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\":60", "\":\"65", "\":[\"00", "\":\"[0,\\x22", "\\\":1"})
        void detectsJsonMemberValueAfterDoubleQuote(String value) {
            assertThat(rulesInEverySource(value)).as(value).containsExactly("SQL-PROBE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\":)", "\"a\":1", "\": 5 stars", "\":D", "':60"})
        void allowsColonsAfterQuotesInProseAndJson(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"*\"", "'16/17", "' - #1", "\"2*4\" lumber", "x\" * 3", "\" = #hashtag"})
        void allowsQuotesAroundStarsSlashesAndHashtags(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }

        /** A comment that holds words is prose's number sign, not the end of a probe. */
        @ParameterizedTest
        @ValueSource(strings = {"\"? # of users", "'? # of rows", "' = # of items", "\"< # 5 in line"})
        void allowsOperatorBeforeNumberSignInProse(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }
    }

    @Nested
    class ProbesThatGoOnAfterTheQuote {
        @ParameterizedTest
        @ValueSource(strings = {"' or homer 9", "'  or 3,4,2@!", "\\' xor 1", "'or 12356789<"})
        void detectsOrAndNumberAfterLoneSingleQuote(String value) {
            assertThat(rulesInEverySource(value)).as(value).contains("SQL-KEYWORD-AFTER-QUOTE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"';@@#--", "'; x --", "\\';1/**/"})
        void detectsOneTokenStackedAfterQuoteAndCutOffByComment(String value) {
            assertThat(rulesInEverySource(value)).as(value).contains("SQL-COMMENT-TRUNCATION");
        }

        @ParameterizedTest
        @ValueSource(strings = {"'Or Forever Hold Your Peace", "'And Then There Were None' 1939", "\" or 2 more",
            "WOMEN';S ART DEC", "rock 'n' or 2 --", "x'; y --z"})
        void allowsQuotedTitlesAndTyposAfterQuotes(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }

        /** A number followed by a word counts something, as prose does. */
        @ParameterizedTest
        @ValueSource(strings = {"'or 3 weeks", "'or 2 of them?", "' or 10 minutes later", "\\' xor 1 x"})
        void allowsCountAfterLoneQuoteAndOr(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }
    }

    @Nested
    class ComparisonClosingParenthesis {
        @ParameterizedTest
        @ValueSource(strings = {"` < 0) AND `", "x' = 1)) or '", "name\" > 5) and (1"})
        void detectsConditionAfterComparisonThatClosesTheParenthesis(String value) {
            assertThat(rulesInEverySource(value)).as(value).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"the 'best' (top 5) and more", "size' = large) and", "it's < 5 and"})
        void allowsProseWithQuoteParenthesisAndAnd(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }

        /** The parenthesis closed after the comparison is one the value opened itself, as prose does. */
        @ParameterizedTest
        @ValueSource(strings = {"(size 10\" < 12) or larger", "(waist 32\" > 30) and taller", "tall (6' = 72) or so"})
        void allowsComparisonInParenthesisTheValueOpened(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }
    }

    @Nested
    class OpenedComparison {
        @ParameterizedTest
        @ValueSource(strings = {"||(c===", "&&(d!==", "&&(id>0)", "||(1=1"})
        void detectsLogicOperatorOpeningParenthesisedComparison(String value) {
            assertThat(rulesInEverySource(value)).as(value).contains("SQL-BOOLEAN");
        }

        @Test
        void detectsItInValueOfNameValuePairInsideValue() {
            assertThat(rulesInEverySource("pay=&&(e===")).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"|| (a", "&&", "||(c)", "a ||(b = 1", "||(draft", "||(", "&&( ", "||()"})
        void allowsLogicOperatorsWithoutGluedComparison(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }

        /** Code a person types spaces the comparison; the probes are cut from minified script. */
        @ParameterizedTest
        @ValueSource(strings = {"||(a == b)", "&&(i != j)", "||(user.name === name)"})
        void allowsSpacedComparisonAfterOpeningOperator(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }
    }

    @Nested
    class ShuffledCase {
        @ParameterizedTest
        @ValueSource(strings = {"ORder by", "ordeR by", "OrDeR bY", "GRoup bY", "eXecute system"})
        void detectsLoneClauseInShuffledCase(String value) {
            assertThat(rulesInEverySource(value)).as(value).containsExactly("SQL-CLAUSE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"order by", "ORDER BY", "Order By", "Group by", "execute order", "McDonald order"})
        void leavesClauseInWrittenCaseToStrict(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }

        /** Caps lock inverts a capitalised word (Order -> oRDER): a writer's slip, not shuffling. */
        @ParameterizedTest
        @ValueSource(strings = {"oRDER BY", "oRDER bY", "gROUP BY", "eXEC sUMMARY"})
        void leavesClauseTypedWithCapsLockToStrict(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }
    }

    @Nested
    class SignedOpenString {
        @ParameterizedTest
        @ValueSource(strings = {"1\"OR!\"a", "1\"OR!\"0", "1\"OR-\"1", "aa\" =+ - \"0  ", "x' = -'0"})
        void detectsSignBeforeStringTheApplicationCloses(String value) {
            assertThat(rulesInEverySource(value)).as(value).contains("SQL-BOOLEAN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"PINK ROSES\" OR -\"DRESS", "\"yes\" or \"no", "x\" = \"10", "\"A\" || -\"B",
            "\"SWEATER DRESS\" AND \"CHRISTMAS\""})
        void allowsSearchSyntaxWithMinusAndQuotes(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }
    }

    /**
     * sqlmap's equaltolike writes LIKE for {@code =}: after a break it is a condition like any other;
     * a bare {@code name LIKE 1} with no break reads as prose ("feels like 1") and passes.
     */
    @Nested
    class EqualToLike {
        @ParameterizedTest
        @ValueSource(strings = {"x' AND 2 LIKE 2--", "1 and id like 1", "1' and id like id--", "1) and id like 1"})
        void detectsLikeInPlaceOfEqualsAfterBreak(String value) {
            assertThat(rulesInEverySource(value)).as(value).isNotEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"id LIKE 1", "feels like 1", "love like love"})
        void allowsLikeWithoutBreakAsProse(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }
    }

    @Nested
    class TaggedDollarQuotes {
        @ParameterizedTest
        @ValueSource(strings = {"$tag$ or 1=1 --", "$body$ union select 1,2", "x$q1$; drop table users; --"})
        void detectsSqlAfterTaggedDollarQuote(String value) {
            assertThat(rulesInEverySource(value)).as(value).isNotEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub", "$1$salt$hash",
            "$HOME$ and $PATH$ or more"})
        void allowsHashesAndVariablesWithDollarSigns(String value) {
            assertThat(rulesInEverySource(value)).as(value).isEmpty();
        }
    }
}
