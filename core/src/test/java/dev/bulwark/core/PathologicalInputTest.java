package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Repetitive hostile input of about 1 MiB goes through the whole engine (parsing, decoding and
 * every deny rule) within a bound that only linear-time processing meets. The bound is generous so
 * a loaded machine does not make the test flaky; quadratic behaviour would take minutes. Every
 * detector family has its fragments here: SQL, scripts and templates, and LDAP filters, NoSQL
 * operators, mail headers and commands and server-side includes, raw and percent-encoded; and the
 * openings the detectors' own lookaheads start from: path junk, shell and template expansions,
 * joined strings, CSS overlays and JSON escapes.
 */
class PathologicalInputTest {

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.defaults());
    private static final int SIZE = 1024 * 1024 - 64;

    private static byte[] repeat(String unit) {
        StringBuilder text = new StringBuilder(SIZE);
        while (text.length() + unit.length() <= SIZE) {
            text.append(unit);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'((((", "<<<<", "${${${", ";;;;", "%25%25", "\\\\\\", "a'||'", "<a ", "{{{{", "$(`", "../",
            "/**/", "&#", "\"\"\"\"", "<!--", "((((", "rO0AB", "${jndi:", "<?php ", "eval(", " or 1=1 ", "<script>",
            "q'[", "$a$ ", "%C0%", "%u00", "=?utf-8?q?", "\u560d", "', 1)", "this.", ">/tmp/"})
    void finishesRepetitiveTextBodyInLinearTime(String unit) {
        HttpRequest request = HttpRequest.builder("POST", "/upload").header("Content-Type", "text/plain")
                .body(repeat(unit)).build();

        Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> BULWARK.evaluate(request));

        assertThat(decision.incidentId()).isNotEmpty();
    }

    /** Bodies under a type without parser whose content is guessed as JSON, NDJSON, XML or a form. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":[", "[1]\n", "{\"k\":\"v\"}\n", "a=1&", "a=%27&", "<a>", "<a b='c'>x</a>\n"})
    void finishesSniffedBodyInLinearTime(String unit) {
        HttpRequest request = HttpRequest.builder("POST", "/import").header("Content-Type", "application/octet-stream")
                .body(repeat(unit)).build();

        Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> BULWARK.evaluate(request));

        assertThat(decision.incidentId()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'((((", "<<<<", "${${${", "%2525"})
    void finishesLongQueryValueWithinLimits(String unit) {
        String value = unit.repeat(8000 / unit.length());
        HttpRequest request = HttpRequest.builder("GET", "/search").rawQuery("q=" + value).build();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> BULWARK.evaluate(request));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!--#", "<!-- ", "<esi:", "$(HTTP_", "\r\nTo: ", "a@b.example\r\n", "\rRCPT ", "%0d%0a",
            "*)(|", ")(", "*()|&", "[$ne]", "{\"$ne\":", "$where:", "';return '", "db.a.", "this.a.", "%24ne%22",
            "%%32", "%2%f", "..\uFFFD", "$[a+", "${a:", "{$a", "@(", "'__cla'~'", "<a style=\"position:absolute;",
            "\\u0027"})
    void finishesRepetitiveFragmentsInLinearTime(String unit) {
        for (String contentType : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            HttpRequest request = HttpRequest.builder("POST", "/upload").header("Content-Type", contentType)
                    .body(repeat(unit)).build();

            Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> BULWARK.evaluate(request));

            assertThat(decision.incidentId()).isNotEmpty();
        }
    }

    @Test
    void finishesLongBasicCredentialsWithinHeaderLimits() {
        String credentials = "*)(|".repeat(1500) + ":" + "';return '".repeat(600);
        HttpRequest request = HttpRequest.builder("GET", "/").header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).build();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> BULWARK.evaluate(request));
    }
}
