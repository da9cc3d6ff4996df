package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurrogatesTest {

    @Test
    void dropsOnlySurrogatesThatPairWithNothing() {
        assertThat(Surrogates.withoutUnpaired("a\ud800b\ud83d\ude00c\udc00")).isEqualTo("ab\ud83d\ude00c");
        assertThat(Surrogates.withoutUnpaired("\ude00\ud83d")).isEmpty();
        assertThat(Surrogates.withoutUnpaired("plain \ud83d\ude00")).isNull();
    }

    @Test
    void startsAPairOnlyAtAHighSurrogateThatALowOneFollows() {
        assertThat(Surrogates.startsPair("\ud83d\ude00", 0)).isTrue();
        assertThat(Surrogates.startsPair("\ud83d\ude00", 1)).isFalse();
        assertThat(Surrogates.startsPair("\ud83dx", 0)).isFalse();
        assertThat(Surrogates.startsPair("\ud83d", 0)).isFalse();
    }
}
