package dev.bulwark.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static char[] chars(String text) {
        return text.toCharArray();
    }

    /** Lexes the whole text into a buffer with room for every token. */
    private static SqlTokens lex(String text) {
        SqlTokens tokens = new SqlTokens(text.length() + 1);
        SqlLexer.lex(text.toCharArray(), 0, text.length(), tokens);
        return tokens;
    }

    /** Each token as {@code type:text}. */
    private static List<String> tokens(String text) {
        SqlTokens tokens = lex(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.count; i++) {
            out.add(tokens.type[i] + ":" + text.substring(tokens.start[i], tokens.end[i]));
        }
        return out;
    }

    @Test
    void readsHexBinaryAndExponentNumbers() {
        assertThat(tokens("0x7e 0b101 1.5e-3 .5 1.e")).containsExactly(
                SqlTokens.NUM + ":0x7e", SqlTokens.NUM + ":0b101", SqlTokens.NUM + ":1.5e-3",
                SqlTokens.NUM + ":.5", SqlTokens.NUM + ":1.e");
    }

    @Test
    void splitsNumberGluedToKeyword() {
        assertThat(tokens("1union")).containsExactly(SqlTokens.NUM + ":1", SqlTokens.WORD + ":union");
        assertThat(tokens("2ND")).containsExactly(SqlTokens.WORD + ":2ND");
    }

    @Test
    void readsStringsWithDoubledQuotesAndBackslashes() {
        assertThat(tokens("'it''s' 'a\\'b' 'open")).containsExactly(
                SqlTokens.STR + ":'it''s'", SqlTokens.STR + ":'a\\'b'", SqlTokens.STR_OPEN + ":'open");
    }

    @Test
    void readsPrefixedStringsAndQuotedIdentifiers() {
        assertThat(tokens("N'x' _utf8'y' `col` [tbl]")).containsExactly(
                SqlTokens.STR + ":N'x'", SqlTokens.STR + ":_utf8'y'", SqlTokens.QIDENT + ":`col`",
                SqlTokens.QIDENT + ":[tbl]");
    }

    @Test
    void readsOracleAlternativeQuotesWithTheirOwnDelimiters() {
        assertThat(tokens("q'[it's]' nq'{a}' Q'!x!' q'<open")).containsExactly(
                SqlTokens.STR + ":q'[it's]'", SqlTokens.STR + ":nq'{a}'", SqlTokens.STR + ":Q'!x!'",
                SqlTokens.STR_OPEN + ":q'<open");
    }

    @Test
    void readsTaggedDollarQuotesToTheSameTag() {
        assertThat(tokens("$a$ it's $b$ $a$ $$x$$ $q$open")).containsExactly(
                SqlTokens.STR + ":$a$ it's $b$ $a$", SqlTokens.STR + ":$$x$$", SqlTokens.STR_OPEN + ":$q$open");
    }

    @Test
    void readsDollarSignsThatOpenNoQuoteAsWords() {
        assertThat(tokens("$1$salt $5")).containsExactly(SqlTokens.WORD + ":$1$salt", SqlTokens.WORD + ":$5");
        assertThat(SqlLexer.dollarQuoteEnd(chars("$tag_1$"), 0, 7)).isEqualTo(7);
        assertThat(SqlLexer.dollarQuoteEnd(chars("$" + "t".repeat(64) + "$"), 0, 66)).isEqualTo(-1);
    }

    @Test
    void closesADollarQuoteOnlyAtTheWholeDelimiterWithinTheRange() {
        // $a$ at 0: "$ab$" and "$a " do not close it, "$a$" at 12 does
        assertThat(SqlLexer.dollarQuoteClose(chars("$a$ $ab$ $a $a$"), 0, 3, 15)).isEqualTo(12);
        assertThat(SqlLexer.dollarQuoteClose(chars("$a$ x $a$"), 0, 3, 8)).isEqualTo(-1);
        assertThat(SqlLexer.dollarQuoteClose(chars("$a$ x $a$"), 0, 3, 9)).isEqualTo(6);
        assertThat(SqlLexer.dollarQuoteClose(chars("$$$"), 0, 2, 3)).isEqualTo(-1);
        assertThat(SqlLexer.dollarQuoteClose(chars("$$$$"), 0, 2, 4)).isEqualTo(2);
        assertThat(SqlLexer.dollarQuoteClose(chars("$A$ $a$"), 0, 3, 7)).isEqualTo(-1);
    }

    @Test
    void readsADollarQuoteToTheSameTagInTheSameCase() {
        assertThat(tokens("$A$ x $a$ y $A$z")).containsExactly(
                SqlTokens.STR + ":$A$ x $a$ y $A$", SqlTokens.WORD + ":z");
        assertThat(tokens("$$$$ $$ $")).containsExactly(SqlTokens.STR + ":$$$$", SqlTokens.STR_OPEN + ":$$ $");
    }

    @Test
    void readsQBeforeBlankAsAName() {
        assertThat(tokens("q' x'")).containsExactly(SqlTokens.WORD + ":q", SqlTokens.STR + ":' x'");
    }

    @Test
    void readsCommentsOfThreeKinds() {
        assertThat(tokens("a -- x\nb # y\nc /* z */ d")).containsExactly(
                SqlTokens.WORD + ":a", SqlTokens.COMMENT + ":-- x", SqlTokens.WORD + ":b", SqlTokens.COMMENT + ":# y",
                SqlTokens.WORD + ":c", SqlTokens.COMMENT + ":/* z */", SqlTokens.WORD + ":d");
    }

    @Test
    void readsExecutableCommentContentAsSql() {
        String text = "/*!50000select*/1";
        assertThat(tokens(text)).containsExactly(SqlTokens.WORD + ":select", SqlTokens.NUM + ":1");
        assertThat(lex(text).executableCommentAt).isZero();
    }

    @Test
    void readsVariablesAndMultiCharacterOperators() {
        assertThat(tokens("@a @@version <=> != || :: ->>")).containsExactly(
                SqlTokens.VAR + ":@a", SqlTokens.SYSVAR + ":@@version", SqlTokens.OP + ":<=>", SqlTokens.OP + ":!=",
                SqlTokens.OP + ":||", SqlTokens.OP + ":::", SqlTokens.OP + ":->>");
    }

    @Test
    void readsTypographicQuotesAsQuotes() {
        assertThat(tokens("\u2019x\u2019")).containsExactly(SqlTokens.STR + ":\u2019x\u2019");
    }

    @Test
    void stopsWhenTheBufferIsFull() {
        SqlTokens t = new SqlTokens(2);
        SqlLexer.lex("a b c".toCharArray(), 0, 5, t);
        assertThat(t.count).isEqualTo(2);
        assertThat(t.stoppedAt).isEqualTo(3);
    }

    @Test
    void matchesParenthesesWhileReading() {
        SqlTokens t = lex("((a) b");
        assertThat(t.match[0]).isEqualTo(-1);
        assertThat(t.match[1]).isEqualTo(3);
        assertThat(t.match[2]).isEqualTo(-1);
    }

    @Test
    void matchesParenthesesOfEachReadingAfresh() {
        SqlTokens t = new SqlTokens(16);
        SqlLexer.lex("((".toCharArray(), 0, 2, t);
        SqlLexer.lex("a)".toCharArray(), 0, 2, t);
        // The ')' of the second reading must not close the '(' left open by the first.
        assertThat(t.match[1]).isEqualTo(-1);
    }

    @Test
    void leavesAClosingParenthesisWithoutOpeningUnmatched() {
        SqlTokens t = lex(") (a)");
        assertThat(t.match[0]).isEqualTo(-1);
        assertThat(t.match[1]).isEqualTo(3);
    }
}
