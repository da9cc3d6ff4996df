package dev.bulwark.core.internal.ssrf;

import static dev.bulwark.core.internal.rules.Scans.header;
import static dev.bulwark.core.internal.rules.Scans.json;
import static dev.bulwark.core.internal.rules.Scans.mebibyteOf;
import static dev.bulwark.core.internal.rules.Scans.query;
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

class SsrfDetectorTest {

    private final SsrfDetector detector = new SsrfDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/computeMetadata/v1/",
        "http://100.100.100.200/latest/meta-data", "http://[fd00:ec2::254]/latest", "http://169.254.170.2/v2/credentials",
        "http://[::ffff:a9fe:a9fe]/", "http://2852039166/", "http://0xA9FEA9FE/", "http://0251.0376.0251.0376/",
        "http://169.254.43518/", "http://169.16689662/", "http://169。254。169。254/", "http://[0:0:0:0:0:ffff:169.254.169.254]"})
    void detectsMetadataServiceInEveryNotation(String value) {
        assertThat(Scans.at(Level.BASIC, detector, query("url", value))).containsExactly("SSRF-METADATA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/admin", "http://localhost/", "http://LOCALHOST/", "http://127.1/",
        "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://[::1]/", "http://[::]/",
        "http://0.0.0.0:6379/", "http://[::ffff:127.0.0.1]/", "http://10.0.0.5/", "http://192.168.1.1/",
        "http://172.16.0.1/", "http://[fe80::1%25eth0]/", "http://host.docker.internal/",
        "http://kubernetes.default.svc.cluster.local/", "http://127.0.0.1.nip.io/", "http://①②⑦.⓪.⓪.①/",
        "http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/"})
    void detectsInternalTargets(String value) {
        assertThat(standard(query("url", value))).containsExactly("SSRF-INTERNAL-HOST");
    }

    @Test
    void detectsSchemeWithoutSlashes() {
        assertThat(standard(query("http:127.0.0.1"))).containsExactly("SSRF-INTERNAL-HOST");
        assertThat(standard(query("gopher:0x7f000001"))).containsExactly("SSRF-INTERNAL-HOST");
    }

    @Test
    void detectsInternalHostWithoutScheme() {
        assertThat(standard(query("url", "localhost/admin"))).containsExactly("SSRF-INTERNAL-HOST");
        assertThat(standard(query("url", "127.0.0.1:6379"))).containsExactly("SSRF-INTERNAL-HOST");
        assertThat(Scans.at(Level.BASIC, detector, query("url", "169.254.169.254/latest"))).containsExactly("SSRF-METADATA");
    }

    @Test
    void detectsInternalHostAndPortFollowedByPathQueryOrLineBreak() {
        assertThat(standard(query("url", "localhost:8080/admin"))).containsExactly("SSRF-INTERNAL-HOST");
        assertThat(standard(query("url", "127.0.0.1:6379?x"))).containsExactly("SSRF-INTERNAL-HOST");
        assertThat(standard(query("url", "127.0.0.1:6379\r\nFLUSHALL"))).contains("SSRF-INTERNAL-HOST");
    }

    @Test
    void ignoresHostAndPortNamedInASentence() {
        assertThat(standard(query("q", "localhost:3000 not loading"))).isEmpty();
        assertThat(standard(query("q", "127.0.0.1:8080 refused the connection"))).isEmpty();
    }

    @Test
    void ignoresBareHostWordsWithoutPathOrPort() {
        assertThat(standard(query("server", "localhost"))).isEmpty();
        assertThat(standard(query("server", "mylocalhost/x"))).isEmpty();
    }

    @Test
    void ignoresVersionNumbersThatParseAsShortAddresses() {
        assertThat(standard(query("0.9.1/changelog"))).isEmpty();
        assertThat(standard(query("10.2/notes"))).isEmpty();
    }

    @Test
    void detectsPublicAddressInUnusualNotation() {
        assertThat(standard(query("http://3405803521/"))).containsExactly("SSRF-OBFUSCATED-HOST");
        assertThat(standard(query("http://0xcb.0x0.0x71.0x1/"))).containsExactly("SSRF-OBFUSCATED-HOST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gopher://evil.example:70/_GET", "dict://evil.example:11211/stats", "ldap://evil.example/o",
        "tftp://evil.example/x"})
    void detectsSmugglingSchemes(String value) {
        assertThat(standard(query(value))).containsExactly("SSRF-SCHEME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example#@good.example/", "http://good.example@evil.example/",
        "http://a@b@evil.example/", "http://evil.example\\@good.example/", "http://\\l\\o\\c\\a\\l/",
        "http://good.example/@evil.example/", "http://good.example/:pw@evil.example/",
        "https://good.example.com.evil.net/", "http://good.example:80 &@evil.example:22/"})
    void detectsAuthoritiesThatParsersSplitDifferently(String value) {
        assertThat(standard(query(value))).containsExactly("SSRF-AMBIGUOUS-AUTHORITY");
    }

    @Test
    void allowsUserAndPasswordInAuthority() {
        assertThat(standard(query("ftp://user:secret@files.example/")).contains("SSRF-AMBIGUOUS-AUTHORITY")).isFalse();
    }

    @Test
    void allowsCountryCodeSecondLevelDomains() {
        assertThat(standard(query("https://www.example.com.au/shop"))).isEmpty();
        assertThat(standard(query("https://example.co.uk/"))).isEmpty();
    }

    @Test
    void detectsUnusualPort() {
        assertThat(standard(query("https://shop.example:1234/"))).containsExactly("SSRF-UNUSUAL-PORT");
        assertThat(standard(query("https://shop.example:8443/"))).isEmpty();
    }

    @Test
    void detectsUnixSocketProxySyntax() {
        assertThat(standard(query("unix:/run/app.sock|http://backend/"))).containsExactly("SSRF-UNIX-SOCKET");
    }

    @Test
    void ignoresInternalAddressesInSelfReferenceHeaders() {
        assertThat(standard(header("Referer", "http://localhost:3000/dashboard"))).isEmpty();
        assertThat(standard(header("Origin", "http://192.168.0.10"))).isEmpty();
    }

    @Test
    void detectsInternalAddressesInOtherHeaders() {
        assertThat(standard(header("X-Callback", "http://127.0.0.1/"))).containsExactly("SSRF-INTERNAL-HOST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com/", "https://api.example.org/v1/items?id=3",
        "Meet at 10.0.0.1 tomorrow", "IP 8.8.8.8 is public", "alice@example.com", "mailto:bob@example.org",
        "https://medium.com/@alice/my-first-post-123", "12:30:45", "https://example.com:443/",
        "javascript:void(0)", "tel:+15550100", "https://ünicode.example/straße"})
    void ignoresOrdinaryValues(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @Test
    void ignoresInternalUrlsMentionedInBodyText() {
        assertThat(standard(json("/comment", "Run it and open http://localhost:3000 to see the book"))).isEmpty();
    }

    @Test
    void detectsMetadataUrlAnywhereInBodyText() {
        assertThat(standard(json("/comment", "see http://169.254.169.254/latest/meta-data/"))).containsExactly("SSRF-METADATA");
    }

    @Test
    void ignoresJsonWithPublicUrls() {
        assertThat(standard(json("/avatar", "https://cdn.example.com/u/1.png"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://@", "unix:", "unix:a|", "[::", "http://[", "http://a#@", "gopher:0", "0.", "http://\\"})
    void finishesQuicklyOnRepetitiveAuthorities(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }
}
