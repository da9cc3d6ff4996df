package dev.bulwark.core.internal.scanner;

import static dev.bulwark.core.internal.rules.Scans.header;
import static dev.bulwark.core.internal.rules.Scans.json;
import static dev.bulwark.core.internal.rules.Scans.mebibyteOf;
import static dev.bulwark.core.internal.rules.Scans.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScannerDetectorTest {

    private final ScannerDetector detector = new ScannerDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlmap/1.7.2#stable (https://sqlmap.org)", "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None)",
        "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)", "Mozilla/5.0 zgrab/0.x",
        "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)", "WPScan v3.8.22 (https://wpscan.com/)",
        "gobuster/3.6", "Fuzz Faster U Fool v2.1.0 ffuf", "Arachni/v1.5.1", "masscan/1.3"})
    void detectsScannerUserAgents(String userAgent) {
        assertThat(standard(header("User-Agent", userAgent))).containsExactly("SCANNING-USER-AGENT");
    }

    @Test
    void matchesHeaderNameWithoutRegardToCase() {
        assertThat(standard(header("user-agent", "Nessus"))).containsExactly("SCANNING-USER-AGENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile/15E148 Safari/604.1",
        "curl/8.4.0", "python-requests/2.31.0", "Wget/1.21.4", "okhttp/4.12.0", "Go-http-client/2.0", "Java/17.0.9",
        "PostmanRuntime/7.36.0", "urlgrabber/3.10 yum/3.4.3", "mozilla/5.0 ecairn-grabber/1.0 (+http://ecairn.com/grabber)",
        "Googlebot/2.1 (+http://www.google.com/bot.html)", "python-httpx/0.27.0"})
    void ignoresBrowsersAndOrdinaryClients(String userAgent) {
        assertThat(standard(header("User-Agent", userAgent))).isEmpty();
    }

    @Test
    void ignoresScannerNamesOutsideTheUserAgent() {
        assertThat(standard(query("q", "how to run sqlmap safely"))).isEmpty();
    }

    @Test
    void detectsScannerOnlyHeaders() {
        assertThat(standard(header("Acunetix-Aspect", "enabled"))).containsExactly("SCANNING-HEADER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${jndi:ldap://x1y2.oastify.com/a}", "nslookup abc.burpcollaborator.net",
        "http://c9e3.oast.pro", "ping -c1 q.interact.sh;", "a.B.DNSLOG.CN"})
    void detectsOutOfBandInteractionDomains(String value) {
        assertThat(standard(json("/v", value))).containsExactly("SCANNING-OAST-DOMAIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://oast.pro.example.org/", "visit toast.me", "interact.shop", "news.me/oast",
        "alice@example.com", "v1.2.3"})
    void ignoresLookAlikeDomains(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "a.", "oast.", "a.oast.pro"})
    void finishesQuicklyOnRepetitiveDots(String unit) {
        ScanTarget target = header("User-Agent", mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }
}
