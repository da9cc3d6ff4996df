package dev.bulwark.core.internal.crlf;

import static dev.bulwark.core.internal.rules.Scans.cookie;
import static dev.bulwark.core.internal.rules.Scans.fileName;
import static dev.bulwark.core.internal.rules.Scans.form;
import static dev.bulwark.core.internal.rules.Scans.header;
import static dev.bulwark.core.internal.rules.Scans.json;
import static dev.bulwark.core.internal.rules.Scans.mebibyteOf;
import static dev.bulwark.core.internal.rules.Scans.path;
import static dev.bulwark.core.internal.rules.Scans.query;
import static dev.bulwark.core.internal.rules.Scans.queryName;
import static dev.bulwark.core.internal.rules.Scans.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import dev.bulwark.core.internal.rules.TextProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrlfInjectionDetectorTest {

    private final CrlfInjectionDetector detector = new CrlfInjectionDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @Test
    void detectsInjectedSetCookieHeader() {
        assertThat(standard(query("lang", "en\r\nSet-Cookie: session=evil"))).containsExactly("CRLF-HEADER-INJECTION");
    }

    @Test
    void detectsDoubleEncodedLineBreakInJsonValue() {
        assertThat(standard(json("/next", "/%250aSet-Cookie:crlf=injection"))).containsExactly("CRLF-HEADER-INJECTION");
    }

    @Test
    void detectsInjectedHyphenatedHeaderInQuery() {
        assertThat(standard(query("v", "x\r\nRemote-Addr: 127.0.0.1"))).containsExactly("CRLF-HEADER-INJECTION");
    }

    @Test
    void detectsSecondResponseAtBasic() {
        assertThat(Scans.at(Level.BASIC, detector, query("x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html")))
                .containsExactly("CRLF-RESPONSE-SPLITTING");
    }

    @Test
    void detectsInjectedBodyAfterBlankLine() {
        assertThat(standard(query("x\r\n\r\n<html>owned</html>"))).containsExactly("CRLF-RESPONSE-SPLITTING");
    }

    @Test
    void detectsLineBreakHiddenInLowByteOfUnicodeCharacter() {
        assertThat(standard(query("x\u560D\u560ASet-Cookie: a=b"))).containsExactly("CRLF-HEADER-INJECTION");
    }

    @Test
    void ignoresCzechTextWithCaron() {
        assertThat(standard(query("\u010desky text: Location: Praha"))).isEmpty();
    }

    @Test
    void detectsParameterInjectedAfterLineBreak() {
        assertThat(standard(query("a", "test\nnext=more"))).containsExactly("CRLF-PARAMETER-INJECTION");
    }

    @Test
    void detectsLineBreakInNames() {
        assertThat(standard(queryName("param\r\n"))).containsExactly("CRLF-IN-NAME");
        assertThat(standard(fileName("a\nb.txt"))).containsExactly("CRLF-IN-NAME");
    }

    @Test
    void detectsLineBreakInRequestPath() {
        assertThat(standard(path("/index.php/PHP\ninfo.php"))).containsExactly("CRLF-IN-PATH");
    }

    @Test
    void detectsLineBreakInHeaderAndCookieValues() {
        assertThat(standard(header("X-Note", "a\rInjected: b"))).containsExactly("CRLF-IN-HEADER");
        assertThat(standard(cookie("c", "v\r\n\r\n<html>"))).isNotEmpty();
    }

    @Test
    void detectsStillEncodedLineBreakInHeader() {
        assertThat(standard(header("X-Note", "data%0dInjectedHeader: x"))).containsExactly("CRLF-HEADER-INJECTION");
    }

    @Test
    void detectsResponseSplittingInXmlAttribute() {
        assertThat(standard(xml("foo\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK"))).containsExactly("CRLF-RESPONSE-SPLITTING");
    }

    @Test
    void detectsRequestLineInsideValue() {
        assertThat(standard(form("v", "aaa\nGET /admin HTTP/1.1"))).containsExactly("CRLF-REQUEST-LINE");
        assertThat(standard(query("GET http://evil.example/ HTTP/1.1"))).containsExactly("CRLF-REQUEST-LINE");
    }

    @Test
    void detectsMetaRefresh() {
        assertThat(standard(query("<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\">")))
                .containsExactly("CRLF-META-HTTP-EQUIV");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dear team,\r\n\r\nThanks for the quick reply.\r\nBest,\r\nAlice",
        "Location: Berlin\nSalary: competitive", "Date: Monday\nSubject: hello", "Note: call me\r\nPS: thanks",
        "line one\nline two", "Step 1: open\nStep 2: close", "```\ncurl -H 'Accept: */*' x\n```",
        "Follow-up: next week\nE-mail: me@example.com", "Get / the thing HTTP is nice", "1 or 2 items"})
    void ignoresMultiLineTextInBodies(String value) {
        assertThat(standard(form("comment", value))).isEmpty();
        assertThat(standard(json("/comment", value))).isEmpty();
    }

    @Test
    void ignoresMetaElementsOfPostedHtmlDocument() {
        String page = "<html><head><meta http-equiv=\"refresh\" content=\"30\"></head><body>news</body></html>";
        assertThat(standard(form("template", page))).isEmpty();
    }

    @Test
    void ignoresMetaContentType() {
        assertThat(standard(query("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"))).isEmpty();
    }

    @Test
    void ignoresTrailingLineBreakOfFormBody() {
        assertThat(standard(new ScanTarget("last\r\n", dev.bulwark.core.Source.FORM, dev.bulwark.core.Component.NAME,
                "last\r\n"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36", "text/html;q=0.9",
        "https://example.com/a?b=c&d=e", "multi word value", "O'Brien", "http://example.com/search?q=GET+HTTP"})
    void ignoresOrdinaryValues(String value) {
        assertThat(standard(header("User-Agent", value))).isEmpty();
        assertThat(standard(query(value))).isEmpty();
    }

    @Test
    void passesMarkupInProseWithOneSearchForAMetaTagAndFindsWhatAFullScanFinds() {
        assertThat(standard(json("/description", "Calm with children; <span style=\"color:brown\">loves</span> naps.")))
                .isEmpty();
        Random random = new Random(20261207L);
        int found = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int p = 0, pieces = 1 + random.nextInt(10); p < pieces; p++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String value = b.toString();
            for (Source source : new Source[] {Source.QUERY, Source.JSON, Source.FORM, Source.HEADER, Source.PATH}) {
                ScanTarget target = new ScanTarget(value, source, Component.VALUE, "v");
                // A profile that also claims a CR takes the scan past the quick reject, as before it.
                ScanTarget fullScan = new ScanTarget(value, source, Component.VALUE, "v", TextProfile.of(value + "\r"));
                List<String> findings = reports(target);
                assertThat(findings).as(source + " " + value).isEqualTo(reports(fullScan));
                found += findings.isEmpty() ? 0 : 1;
            }
        }
        assertThat(found).isGreaterThan(10_000);
    }

    /** Every report of the detector, with where it points. */
    private List<String> reports(ScanTarget target) {
        List<String> reports = new ArrayList<>();
        detector.scan(target, (rule, offset, length) -> reports.add(rule.id() + "@" + offset + "+" + length));
        return reports;
    }

    /** Markup, meta tags, request lines, line breaks, escapes and prose. */
    private static final String[] PIECES = {
        "<span>", "</span>", "<meta", "<META ", " http-equiv=", "\"refresh\"", " content=\"0;url=http://e.example/\">",
        "\"set-cookie\"", " content=\"a=b\">", ">", "<", " ", "GET", "POST", " /x", " HTTP/1.1", " http/1.1", "H", "\r\n",
        "\n", "%0d%0a", "%3Cmeta", "\u010d\u010a", "Set-Cookie: x=y", "Location: /", "loves", " naps", "é", "%",
    };

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\na:", "\r\nHTTP/", " HTTP/1", "<meta", "<meta http-equiv", "GET / HTTP/1 "})
    void finishesQuicklyOnRepetitiveInput(String unit) {
        ScanTarget target = form("v", mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }
}
