package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadersTest {

    private final Headers headers = Headers.builder()
            .add("Content-Type", "application/json")
            .add("x-forwarded-for", "10.0.0.1")
            .add("X-Forwarded-For", "10.0.0.2")
            .build();

    @Test
    void findsFieldsWhateverTheCaseOfTheNameAskedFor() {
        assertThat(headers.first("content-type")).isEqualTo("application/json");
        assertThat(headers.first("CONTENT-TYPE")).isEqualTo("application/json");
        assertThat(headers.values("X-FORWARDED-for")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(headers.count("x-Forwarded-For")).isEqualTo(2);
        assertThat(headers.contains("Content-type")).isTrue();
    }

    @Test
    void findsNothingForANameNotSentOrOnlyAPrefixOfOne() {
        assertThat(headers.first("Content")).isNull();
        assertThat(headers.values("Accept")).isEmpty();
        assertThat(headers.count("x-forwarded")).isZero();
        assertThat(headers.contains("Content-Type-X")).isFalse();
    }

    @Test
    void givesTheOneValueOfAFieldSentOnceAndEveryValueOfOneSentThreeTimes() {
        Headers repeated = Headers.builder()
                .add("Accept", "a")
                .add("Via", "1")
                .add("via", "2")
                .add("VIA", "3")
                .build();

        assertThat(repeated.values("accept")).containsExactly("a");
        assertThat(repeated.values("Via")).containsExactly("1", "2", "3");
        assertThat(repeated.count("via")).isEqualTo(3);
    }
}
