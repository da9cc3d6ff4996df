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

    @Test
    void pathPatternVariableMatchesExactlyOneSegment() {
        StringMatcher matcher = StringMatcher.pattern("/pets/{id}");
        assertThat(matcher.matches("/pets/7")).isTrue();
        assertThat(matcher.matches("/pets/")).isFalse();
        assertThat(matcher.matches("/pets")).isFalse();
        assertThat(matcher.matches("/pets/7/photos")).isFalse();
    }

    @Test
    void pathPatternKeepsEverythingElseLiteral() {
        StringMatcher matcher = StringMatcher.pattern("/a.b/{id}.json");
        assertThat(matcher.matches("/a.b/7.json")).isTrue();
        assertThat(matcher.matches("/aXb/7.json")).isFalse();
        assertThat(matcher.matches("/a.b/7.xml")).isFalse();
    }

    @Test
    void pathPatternRestOfPathMatchesAnyDepthOnlyAtTheEnd() {
        StringMatcher matcher = StringMatcher.pattern("/files/**");
        assertThat(matcher.matches("/files")).isTrue();
        assertThat(matcher.matches("/files/a/b")).isTrue();
        assertThat(matcher.matches("/filesx")).isFalse();
        assertThat(StringMatcher.pattern("/{*rest}").matches("/")).isTrue();
        assertThatThrownBy(() -> StringMatcher.pattern("/files/**/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathPatternVariableIgnoresItsOwnRegex() {
        assertThat(StringMatcher.pattern("/pets/{id:\\d+}").matches("/pets/abc")).isTrue();
    }

    @Test
    void rejectsPathPatternsThatAreNotPaths() {
        assertThatThrownBy(() -> StringMatcher.pattern("pets/{id}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StringMatcher.pattern("/pets/{id")).isInstanceOf(IllegalArgumentException.class);
    }
}
