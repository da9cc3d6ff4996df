package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    private static final Location BODY = Location.value(Source.BODY, "");

    @Test
    void masksAWholeValueAnApplicationCheckReportedWithoutRunningOutOfStack() {
        String value = "{\"password\": \"hunter2\", \"note\": \"" + "x".repeat(200_000) + "\"}";

        String excerpt = Masking.safeExcerpt(finding(value));

        assertThat(excerpt).startsWith("{\"password\": \"******\", \"note\": \"xxx").endsWith("…").doesNotContain("hunter2");
    }

    @Test
    void marksAnExcerptCutBeforeMaskingAsCutWhenMaskingShortensIt() {
        String value = "token=" + "a".repeat(500) + "&next=1";

        assertThat(Masking.safeExcerpt(finding(value))).isEqualTo("token=******…");
    }

    @Test
    void leavesAShortExcerptUncut() {
        assertThat(Masking.safeExcerpt(finding("user=bob&password=hunter2"))).isEqualTo("user=bob&password=******");
    }

    private static Finding finding(String excerpt) {
        return new Finding("APP", "APP-CHECK", "an application's check", BODY, excerpt, Level.BASIC, Mode.BLOCK,
                BlockType.DENY, 403);
    }
}
