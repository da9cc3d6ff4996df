package dev.bulwark.core.internal.shell;

import static dev.bulwark.core.internal.shell.DetectorAssertions.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailCommandDetectorTest {

    private final MailCommandDetector detector = new MailCommandDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "hello\r\nMAIL FROM:<x@evil.example>", "x\r\nRCPT TO:<victim@example.com>", "x\nEHLO evil.example",
        "x\r\nDATA", "x\r\nQUIT", "x\r\nRETR 1", "x\r\nTOP 1 10",
        "x\r\nAUTH PLAIN dGVzdAB0ZXN0AHRlc3Q=", "x\r\na001 SELECT INBOX", "x\r\nZ9 fetch 1:* (FLAGS)",
        "\r\nHELP Postmaster", "x\r\nHELP",
    })
    void detectsMailProtocolCommandAfterLineBreak(String value) {
        assertThat(standard(detector, value)).containsExactly("MAILCMD-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MAIL FROM: the office", "Dear team,\r\nData will follow tomorrow.\r\nThanks",
        "Shopping\nList of items\nmilk", "Thanks\r\nQuit smoking today", "Notes\n1 list of books",
        "Hi\nHELP WANTED in the shop", "Line one\nline two", "x\r\nTop 10 films", "Hi\nHELP WANTED",
        "Stuck\r\nhelp me",
    })
    void ignoresOrdinaryMultiLineText(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @Test
    void finishesQuicklyOnMegabyteOfLineBreaks() {
        String value = "\r\nRETR x".repeat(1 << 17);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(detector, value));
    }
}
