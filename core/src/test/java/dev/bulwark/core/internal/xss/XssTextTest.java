package dev.bulwark.core.internal.xss;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XssTextTest {

    private static String decode(String value) {
        XssText text = XssText.of(value);
        return new String(text.text, 0, text.length);
    }

    @Test
    void decodesNamedReferencesWithAndWithoutSemicolon() {
        assertThat(decode("&lt;b&gt;&Tab;&colon;&ltscript")).isEqualTo("<b>\t:<script");
    }

    @Test
    void decodesNumericReferencesWithLeadingZerosAndNoSemicolon() {
        assertThat(decode("&#0000106&#x61;&#X76;")).isEqualTo("jav");
    }

    @Test
    void leavesUnknownReferencesAlone() {
        assertThat(decode("a&b=c&copyright")).isEqualTo("a&b=c&copyright");
    }

    @Test
    void decodesJavascriptEscapes() {
        assertThat(decode("\\x3c\\u0073\\u{63}\\n\\'")).isEqualTo("<sc\n'");
    }

    @Test
    void decodesCssHexEscapesOfTwoOrMoreDigitsOnly() {
        assertThat(decode("\\28 x\\0029\\d")).isEqualTo("(x)d");
    }

    @Test
    void decodesFullWidthAndUtf7Markup() {
        assertThat(decode("\uff1cA\uff1e+ADw-b+AD4-")).isEqualTo("<a><b>");
    }

    @Test
    void mapsEveryCharacterBackToItsOrigin() {
        XssText text = XssText.of("&lt;X");
        assertThat(text.originOf(0)).isZero();
        assertThat(text.originOf(1)).isEqualTo(4);
    }
}
