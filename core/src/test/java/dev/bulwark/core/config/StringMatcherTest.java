package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StringMatcherTest {

    @Test
    void prefixMatchesStartOnly() {
        assertThat(StringMatcher.prefix("/api/").matches("/api/orders")).isTrue();
        assertThat(StringMatcher.prefix("/api/").matches("/v1/api/")).isFalse();
    }

    @Test
    void ignoreCaseFoldsBothSides() {
        StringMatcher matcher = StringMatcher.exact("X-Debug").ignoringCase();
        assertThat(matcher.matches("x-debug")).isTrue();
        assertThat(matcher.matches("X-DEBUG")).isTrue();
    }

    @Test
    void regexMustMatchWholeValue() {
        StringMatcher matcher = StringMatcher.regex("[0-9]+");
        assertThat(matcher.matches("123")).isTrue();
        assertThat(matcher.matches("123a")).isFalse();
    }

    @Test
    void regexRunsInLinearTimeOnCatastrophicPattern() {
        StringMatcher matcher = StringMatcher.regex("(a+)+b");
        String input = "a".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(matcher.matches(input)).isFalse());
    }

    @Test
    void rejectsBackreferences() {
        assertThatThrownBy(() -> StringMatcher.regex("(a)\\1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullNeverMatches() {
        assertThat(StringMatcher.contains("").matches(null)).isFalse();
    }
}
