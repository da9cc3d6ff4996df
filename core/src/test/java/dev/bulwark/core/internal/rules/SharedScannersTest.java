package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lexing and decoding utilities every detector family shares. */
class SharedScannersTest {

    @Test
    void unescaperDecodesEntitiesWithAndWithoutSemicolon() {
        assertThat(Unescaper.decode("&#36;&lbrace;x&rcub &#x7D;").text).isEqualTo("${x} }");
    }

    @Test
    void unescaperDecodesJavaScriptAndPercentEscapesInRounds() {
        assertThat(Unescaper.decode("%5Cu0024\\x7B").text).isEqualTo("${");
    }

    @Test
    void unescaperMapsDecodedOffsetsBackToTheOriginal() {
        UnescapedText decoded = Unescaper.decode("ab&lt;?php");
        assertThat(decoded.text).isEqualTo("ab<?php");
        assertThat(decoded.originOf(2)).isEqualTo(2);
        assertThat(decoded.originOf(3)).isEqualTo(6);
    }

    @Test
    void unescaperReturnsTextWithoutEscapesUnchanged() {
        UnescapedText decoded = Unescaper.decode("plain text, 100 percent");
        assertThat(decoded.changed()).isFalse();
    }

    @Test
    void unescaperLeavesMalformedEscapesAlone() {
        assertThat(Unescaper.decode("50% off & more \\q %zz &#;").text).isEqualTo("50% off & more \\q %zz &#;");
    }

    @Test
    void lexerTreatsApostropheInsideWordsAsPartOfTheWord() {
        CodeLexer lex = new CodeLexer("don't stop", 0, 10, CodeLexer.SLASH_COMMENTS);
        assertThat(lex.next()).isEqualTo(CodeLexer.IDENT);
        assertThat(lex.is("don't")).isTrue();
    }

    @Test
    void lexerDoesNotTakeUrlSchemeSlashesForAComment() {
        String s = "http://x/y (";
        CodeLexer lex = new CodeLexer(s, 0, s.length(), CodeLexer.SLASH_COMMENTS);
        int tokens = 0;
        while (lex.next() != CodeLexer.END) {
            tokens++;
        }
        assertThat(tokens).isGreaterThan(5);
    }

    @Test
    void lexerSkipsCommentsAndRecordsThem() {
        String s = "exec/*x*/(";
        CodeLexer lex = new CodeLexer(s, 0, s.length(), CodeLexer.SLASH_COMMENTS);
        lex.next();
        lex.next();
        assertThat(lex.isPunct('(')).isTrue();
        assertThat(lex.commentBefore).isTrue();
    }

    @Test
    void base64DecodesAtEachAlignment() {
        char[] out = new char[16];
        // "xruntime" base64-encoded, first character dropped: the keyword sits two bits in.
        int n = Base64Text.decode("HJ1bnRpbWU", 0, 10, 2, out);
        assertThat(new String(out, 0, n)).contains("runtime");
    }

    @Test
    void base64TextFilterRejectsOrdinaryTokens() {
        assertThat(Base64Text.mayEncodeText("Chrome/120", 0, 10)).isFalse();
        assertThat(Base64Text.mayEncodeText("cnVudGltZQ", 0, 10)).isTrue();
    }

    @Test
    void wholeValueBase64DecodesOnlyToText() {
        assertThat(Base64Text.decodeWholeValueAsText("d2hpbGUodHJ1ZSk7", 12)).isEqualTo("while(true);");
        assertThat(Base64Text.decodeWholeValueAsText("AIzaSyD5O91QH4kMpZe0A", 12)).isNull();
    }

    @Test
    void lexiconMatchesRangesIgnoringCase() {
        Lexicon lexicon = Lexicon.of("getRuntime", "exec");
        assertThat(lexicon.contains("x.GETRUNTIME(", 2, 12)).isTrue();
        assertThat(lexicon.contains("x.getRuntim(", 2, 11)).isFalse();
        assertThat(lexicon.longestSuffix("myexec", 0, 6, 4)).isEqualTo(4);
    }

    @Test
    void keywordSearchFindsKeywordsIgnoringCase() {
        KeywordSearch search = new KeywordSearch("runtime", "jndi:");
        char[] text = "xxRunTime".toCharArray();
        assertThat(search.find(text, 0, text.length) >>> 16).isEqualTo(2);
    }
}
