package dev.bulwark.core.internal.code.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Log4j lookup evaluator that undoes nested-lookup evasions. */
class Log4jLookupsTest {

    private static int kind(String s) {
        return (int) (Log4jLookups.evaluate(s) >>> 32);
    }

    @Test
    void lookupEvaluatorResolvesLowerCaseAndDefaults() {
        assertThat(kind("${${lower:JN}${::-d}${env:X:-i}:x}")).isEqualTo(Log4jLookups.JNDI);
    }

    @Test
    void lookupEvaluatorReportsWhereTheOutermostLookupStarts() {
        long result = Log4jLookups.evaluate("abc ${${::-j}ndi:x}");
        assertThat((int) result).isEqualTo(4);
    }

    @Test
    void lookupEvaluatorIgnoresPlainPlaceholders() {
        assertThat(kind("${user} ${5} ${a.b}")).isEqualTo(Log4jLookups.NONE);
    }

    @Test
    void lookupEvaluatorStaysLinearOnDeepNesting() {
        String value = Scans.mebibyteOf("${a:-");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Log4jLookups.evaluate(value));
    }
}
