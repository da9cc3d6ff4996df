package dev.bulwark.core.internal.mail;

import static dev.bulwark.core.internal.rules.Scans.standard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
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

    @ParameterizedTest
    @ValueSource(strings = {"x\r\nAUTH LOGIN", "x\rRCPT TO:<victim@example.com>", "x\r\n1 LOGOUT",
        "INBOX\r\n2 UID FETCH 1:* (FLAGS)"})
    void detectsBareCarriageReturnMechanismOnlyAuthAndNumericTags(String value) {
        assertThat(standard(detector, value)).containsExactly("MAILCMD-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"victim@example.com\r\nBcc: list@attacker.example", "victim@example.com\nCc: a@b.example",
        "me@example.com\r\nSubject: you won\r\n\r\nbody", "me@example.com\nContent-Type: text/html",
        "\r\nBcc: list@attacker.example", "Support request\nBcc: list@attacker.example",
        "Hello\nSubject: you won\n\nclick here", "x\r\nMIME-Version: 1.0"})
    void detectsMailHeaderInjectedIntoQueryValue(String value) {
        assertThat(standard(detector, value)).containsExactly("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void detectsMailHeaderAfterAddressInFormBody() {
        assertThat(form("email", "victim@example.com\r\nBcc: list@attacker.example"))
                .containsExactly("MAILCMD-HEADER-INJECTION");
        assertThat(form("email", "\nTo: list@attacker.example")).containsExactly("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void detectsPercentEncodedInjectionInJsonValue() {
        ScanTarget target = new ScanTarget("victim@example.com%0d%0aBcc:list@attacker.example", Source.JSON,
                Component.VALUE, "/to");
        assertThat(Scans.at(Level.STANDARD, detector, target)).containsExactly("MAILCMD-HEADER-INJECTION");
        ScanTarget command = new ScanTarget("INBOX%0d%0aA1%20LOGIN%20user%20pass", Source.HEADER, Component.VALUE, "x-folder");
        assertThat(Scans.at(Level.STANDARD, detector, command)).containsExactly("MAILCMD-INJECTION");
    }

    @Test
    void detectsDoublyPercentEncodedInjectionInJsonValue() {
        ScanTarget target = new ScanTarget("victim@example.com%250d%250aBcc:list@attacker.example", Source.JSON,
                Component.VALUE, "/to");
        assertThat(Scans.at(Level.STANDARD, detector, target)).containsExactly("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void ignoresPercentEncodedTextWithoutLineBreaksInHeaderValue() {
        ScanTarget target = new ScanTarget("Caf%C3%A9%20M%C3%BCller%3A%20To%3A%20team@example.com", Source.HEADER,
                Component.VALUE, "x-display-name");
        assertThat(Scans.at(Level.STRICT, detector, target)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"From: John <john@example.com>\nTo: anna@example.com\nSubject: Re: order",
        "anna.obrien@example.com\nPhone: 555-0100", "Dear team,\r\nTo: whom it may concern\r\nRegards",
        "Line one\nSubject: my order #123", "Hello\nCc: the whole team please", "a@b.example\nb@c.example",
        "Notes:\nTODO: call O'Brien at obrien@example.com"})
    void ignoresPastedMessagesAndContactDetailsInBodies(String value) {
        assertThat(form("message", value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"test@example.com\\r\\nRCPT TO:<victim@example.com>", "x\\r\\nDATA\\r\\n",
        "victim@example.com\\nBcc: list@attacker.example", "INBOX\\r\\nA1 LOGIN user pass"})
    void readsBackslashEscapedLineBreaks(String value) {
        assertThat(standard(detector, value)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\new\\report.final.pdf", "printf(\"hello\\n\");", "a\\nb\\nc", "\\r\\n\\r\\n",
        "see C:\\reports\\nightly\\DATA"})
    void ignoresBackslashEscapesWithoutCommands(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Line one\nSubject: my order #123", "Dear team,\nDate: tomorrow", "Notes\nTo: whom it may concern",
        "Hi there\nFirst\nSubject: later line",
        "From: support@example.com\nTo: jane@example.com\nSubject: Your order", "Date: today\nCc: jane@example.com"})
    void ignoresProseWithHeaderLikeLinesInQueryValues(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\nTo: a", "a@b.example\n", "\r", "%0d%0aTo:", "x\nBcc: ", "\\r\\nTo: ", "a@b.example\\n"})
    void finishesQuicklyOnMebibyteOfHeaderLines(String unit) {
        String value = unit.repeat((1 << 20) / unit.length());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(detector, value));
        ScanTarget json = new ScanTarget(value, Source.JSON, Component.VALUE, "/to");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.at(Level.STANDARD, detector, json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"subject:Hello\r\nBcc: a@attacker.example", "name:John\nTo: x@attacker.example",
        "name:Bob\r\nSubject: Free money", "subject:Invoice\rBcc: x@attacker.example", "/contact/email:x\nCc: y@attacker.example"})
    void detectsHeaderInjectedIntoFormFieldThatBecomesAHeader(String field) {
        int colon = field.indexOf(':');
        assertThat(form(field.substring(0, colon), field.substring(colon + 1))).containsExactly("MAILCMD-HEADER-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com\r\n\r\nInjected body text", "a@example.com\n\nclick here"})
    void detectsMessageBodyInjectedAfterAddress(String value) {
        assertThat(form("email", value)).containsExactly("MAILCMD-HEADER-INJECTION");
        assertThat(standard(detector, value)).containsExactly("MAILCMD-HEADER-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com\n\nb@example.com", "a@example.com\r\n\r\n"})
    void ignoresAddressListsWithEmptyLines(String value) {
        assertThat(form("email", value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker\\\" -oQ/tmp/ -X/var/www/html/shell.php some\"@email.com",
        "x@example.com -X/var/www/html/log.php", "x@example.com -C /etc/mail/evil.cf",
        "a@example.com -OQueueDirectory=/tmp", "a@example.com -be ${run{/bin/id}}", "x@example.com -X c:\\inetpub\\wwwroot\\x.aspx"})
    void detectsSendmailOptionAfterAddress(String value) {
        assertThat(form("from", value)).containsExactly("MAILCMD-SENDMAIL-OPTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna@example.com - Sales", "bob@example.com -C/O Acme", "x@example.com -X", "a@b.example -be there",
        "see /var/www -X/ and me@example.com", "x@example.com -Xmx512m", "cc -C/etc anna@example.com"})
    void ignoresDashesInOrdinaryAddressValues(String value) {
        assertThat(form("from", value)).isEmpty();
    }

    private java.util.List<String> form(String name, String value) {
        return Scans.at(Level.STANDARD, detector, new ScanTarget(value, Source.FORM, Component.VALUE, name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna\r\nPASS secret\r\nLIST", "x\r\nUSER admin", "x\nLIST"})
    void detectsPop3LoginAndListing(String value) {
        assertThat(standard(detector, value)).containsExactly("MAILCMD-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Notes\nPass it on", "Hi\nuser admin is locked", "Todo\nList", "Steps\nPass 3"})
    void ignoresLoginWordsInOrdinaryText(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=?utf-8?q?Hi=0D=0ABcc:x@evil.test?=", "Hello =?UTF-8?Q?there=0ACc:_a@evil.test?=",
        "=?utf-8?b?SGkNCkJjYzogeEBldmlsLnRlc3Q=?=", "a@example.com=?iso-8859-1?q?=0ASubject:_won?="})
    void detectsHeaderInjectedThroughEncodedWord(String value) {
        assertThat(standard(detector, value)).containsExactly("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void detectsHeaderInjectedThroughPercentEncodedEncodedWordInHeaderValue() {
        ScanTarget target = new ScanTarget("%3D%3Futf-8%3Fq%3FHi%3D0D%3D0ABcc%3Ax%40evil.test%3F%3D", Source.HEADER,
                Component.VALUE, "x-subject");
        assertThat(Scans.at(Level.STANDARD, detector, target)).containsExactly("MAILCMD-HEADER-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi\u560a\u560dBcc:x@evil.test", "me@example.com\u560aSubject: won",
        "x\u010aRCPT TO:<victim@example.com>"})
    void detectsLineBreakHiddenInCharacterWithLineBreakLowByte(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com\u0085Bcc: x@evil.test", "a@example.com\u2028Bcc: x@evil.test",
        "Hi\u2029Cc: list@evil.test", "x\u2028RCPT TO:<victim@example.com>"})
    void detectsHeaderAfterUnicodeLineSeparator(String value) {
        assertThat(standard(detector, value)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"First paragraph\u2028second paragraph", "Price\u0085 list: 5 EUR", "anna@example.com\u2028thanks"})
    void ignoresUnicodeLineSeparatorsInOrdinaryText(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Re: Invoice 42 =?utf-8?q?caf=C3=A9?=", "=?utf-8?b?Q2Fmw6k=?= menu", "Počet: 5 to a@b.example",
        "Načtení: anna@example.com", "what is =?x?q? in a formula?", "\u560a\u560d 嘊嘍 bcc: me"})
    void ignoresEncodedWordsAndCharactersWithoutInjectedLines(String value) {
        assertThat(standard(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=?utf-8?q?", "=?a?b?QUJD", "\u560a\u560dx", "=?=?"})
    void finishesQuicklyOnMebibyteOfEncodedWordStartsAndTruncatingCharacters(String unit) {
        String value = "a@example.com " + unit.repeat((1 << 20) / unit.length());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(detector, value));
    }
}
