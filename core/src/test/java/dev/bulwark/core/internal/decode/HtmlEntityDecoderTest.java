package dev.bulwark.core.internal.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HtmlEntityDecoderTest {

    @Test
    void returnsTheSameStringWhenNothingChanges() {
        String plain = "no references here";
        String lonely = "fish & chips &; &# &#x &unknown;";

        assertThat(HtmlEntityDecoder.decode(plain)).isSameAs(plain);
        assertThat(HtmlEntityDecoder.decode(lonely)).isSameAs(lonely);
    }

    @Test
    void tellsWhetherTextMayHoldAReference() {
        assertThat(HtmlEntityDecoder.mayContainEntity("a &amp; b")).isTrue();
        assertThat(HtmlEntityDecoder.mayContainEntity("a and b")).isFalse();
    }

    @Test
    void decodesTheBasicNamedReferences() {
        assertThat(HtmlEntityDecoder.decode("&lt;script&gt;&quot;&apos;&amp;&nbsp;"))
                .isEqualTo("<script>\"'&\u00A0");
    }

    @Test
    void decodesThePunctuationNamesUsedToHideJavascriptUrls() {
        assertThat(HtmlEntityDecoder.decode("javascript&colon;alert&lpar;1&rpar;")).isEqualTo("javascript:alert(1)");
        assertThat(HtmlEntityDecoder.decode("java&Tab;script&NewLine;:")).isEqualTo("java\tscript\n:");
        assertThat(HtmlEntityDecoder.decode("&sol;&bsol;&comma;&period;&excl;&quest;&num;&dollar;&percnt;"))
                .isEqualTo("/\\,.!?#$%");
        assertThat(HtmlEntityDecoder.decode("&plus;&equals;&lsqb;&rsqb;&lcub;&rcub;&grave;"))
                .isEqualTo("+=[]{}`");
    }

    @Test
    void matchesNamesCaseSensitively() {
        assertThat(HtmlEntityDecoder.decode("&LT;&Lt;&COLON;")).isEqualTo("<&Lt;&COLON;");
        assertThat(HtmlEntityDecoder.decode("&tab;")).isEqualTo("&tab;");
    }

    @Test
    void decodesLegacyNamesWithoutSemicolonLongestFirst() {
        assertThat(HtmlEntityDecoder.decode("&ltscript&gt")).isEqualTo("<script>");
        assertThat(HtmlEntityDecoder.decode("&copy2024")).isEqualTo("©2024");
        assertThat(HtmlEntityDecoder.decode("&notit;")).isEqualTo("¬it;");
        assertThat(HtmlEntityDecoder.decode("&notin;")).isEqualTo("∉");
    }

    @Test
    void requiresTheSemicolonForNonLegacyNames() {
        assertThat(HtmlEntityDecoder.decode("&colon")).isEqualTo("&colon");
    }

    @Test
    void decodesDecimalAndHexReferencesWithOrWithoutSemicolon() {
        assertThat(HtmlEntityDecoder.decode("&#106;&#97&#x76;&#X61;&#x73")).isEqualTo("javas");
    }

    @Test
    void acceptsAnyNumberOfLeadingZeros() {
        assertThat(HtmlEntityDecoder.decode("&#0000000000000000106;&#x000000000003C;")).isEqualTo("j<");
    }

    @Test
    void replacesImpossibleCodePointsWithReplacementCharacter() {
        assertThat(HtmlEntityDecoder.decode("&#0;&#xD800;&#x110000;&#99999999999999999999999;"))
                .isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void decodesSupplementaryCharacters() {
        assertThat(HtmlEntityDecoder.decode("&#x1F600;")).isEqualTo("😀");
    }

    @Test
    void readsC1ReferencesAsWindows1252LikeBrowsers() {
        assertThat(HtmlEntityDecoder.decode("&#128;&#x99;")).isEqualTo("€™");
    }

    @Test
    void decodesOnlyOneLayer() {
        assertThat(HtmlEntityDecoder.decode("&amp;lt;")).isEqualTo("&lt;");
    }

    @Test
    void decodesAdversarialMegabyteInputsInLinearTime() {
        int size = 1 << 20;
        String[] inputs = {
            "&".repeat(size), "&#".repeat(size / 2), ("&" + "a".repeat(40)).repeat(size / 41),
            "&#" + "9".repeat(size), "&amp".repeat(size / 4),
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String input : inputs) {
                assertThat(HtmlEntityDecoder.decode(input)).isNotNull();
            }
        });
    }
}
