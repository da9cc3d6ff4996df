package dev.bulwark.core.internal.xss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.TextProfile;
import org.junit.jupiter.api.Test;

class XssTextTest {

    private static String decode(String value) {
        XssText text = XssText.of(value);
        try {
            return new String(text.text, 0, text.length);
        } finally {
            text.release();
        }
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
        text.release();
    }

    @Test
    void leavesNothingOfAValueInTheThreadsBufferOnceReleased() {
        XssText text = XssText.of("<SCRIPT>alert(1)</SCRIPT>");
        char[] buffer = text.text;
        text.release();

        assertThat(new String(buffer)).isEqualTo("\0".repeat(buffer.length));
    }

    @Test
    void leavesNoPartOfADecodedValueInTheThreadsBufferOnceReleased() {
        XssText text = XssText.of("&lt;script&gt;alert(&quot;secret-token&quot;)&lt;/script&gt;");
        char[] buffer = text.text;
        text.release();

        assertThat(new String(buffer)).isEqualTo("\0".repeat(buffer.length));
    }

    @Test
    void givesATextBuiltWhileAnotherHoldsTheBufferAnArrayOfItsOwn() {
        XssText first = XssText.of("<b>one</b>");
        XssText second = XssText.of("<I>TWO</I>");
        try {
            assertThat(second.text).isNotSameAs(first.text);
            assertThat(new String(first.text, 0, first.length)).isEqualTo("<b>one</b>");
            assertThat(new String(second.text, 0, second.length)).isEqualTo("<i>two</i>");
        } finally {
            second.release();
            first.release();
        }
    }

    @Test
    void readsAValueLongerThanTheBufferIntoAnArrayOfItsOwn() {
        String value = "A".repeat(XssText.SCRATCH_CHARS + 1);
        XssText text = XssText.of(value);
        text.release();

        assertThat(text.text).hasSize(value.length());
        assertThat(new String(text.text)).isEqualTo("a".repeat(value.length()));
    }

    @Test
    void readsAShortValueAfterALongerOneWithoutItsLeftovers() {
        assertThat(decode("&lt;abcdefgh")).isEqualTo("<abcdefgh");
        XssText text = XssText.of("&lt;b");
        try {
            assertThat(new String(text.text, text.length, 8)).isEqualTo("\0".repeat(8));
        } finally {
            text.release();
        }
    }

    @Test
    void readsAsciiWithNothingToDecodeFromItsProfileAsTheDecodingDoes() {
        String[] values = {"Call before delivery: +41 44", "Gift wrap (it's a present). Leave it at the DOOR!",
            "<IMG SRC=x onerror=alert(1)>", "a=b&c", "x\\u0041", "+ADw-script+AD4-", "1+1=2", "+A", "{{7*7}} [a] `b` \"c\" @d", "", "A"};
        for (String value : values) {
            XssText expected = XssText.of(value);
            String expectedText = new String(expected.text, 0, expected.length);
            int expectedSeen = expected.seen;
            int expectedLastOrigin = expected.originOf(value.length() - 1);
            expected.release();
            XssText text = XssText.of(value, TextProfile.of(value));
            try {
                assertThat(new String(text.text, 0, text.length)).as(value).isEqualTo(expectedText);
                assertThat(text.seen).as(value).isEqualTo(expectedSeen);
                assertThat(text.originOf(value.length() - 1)).as(value).isEqualTo(expectedLastOrigin);
            } finally {
                text.release();
            }
        }
    }
}
