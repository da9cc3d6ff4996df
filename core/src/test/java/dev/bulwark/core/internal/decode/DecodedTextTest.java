package dev.bulwark.core.internal.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.DecodingFlag;
import org.junit.jupiter.api.Test;

class DecodedTextTest {

    @Test
    void jsonTextFlagsAreNullForASurrogateThatPairsWithNothing() {
        assertThat(DecodedText.jsonTextFlags("a\uD800b")).isNull();
        assertThat(DecodedText.jsonTextFlags("a\uDC00")).isNull();
        assertThat(DecodedText.jsonTextFlags("\uDE00\uD83D")).isNull();
        assertThat(DecodedText.jsonTextFlags("\uD83D")).isNull();
    }

    @Test
    void jsonTextFlagsPassSurrogatePairsAndKeepControlCharacterFlags() {
        assertThat(DecodedText.jsonTextFlags("\uD83D\uDE00\uD83D\uDE00")).isEmpty();
        assertThat(DecodedText.jsonTextFlags("a\u0000\uD83D\uDE00\u0007")).containsExactlyInAnyOrder(
                DecodingFlag.NUL_BYTE, DecodingFlag.CONTROL_CHARACTER);
    }

    @Test
    void scannedTextCarriesNoFlagForAnUnpairedSurrogate() {
        assertThat(DecodedText.scanned("a\uD800").flags()).isEmpty();
        assertThat(DecodedText.controlCharacterFlags("\u0000\uDC00")).containsExactly(DecodingFlag.NUL_BYTE);
    }
}
