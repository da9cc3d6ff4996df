package dev.bulwark.core.internal.scanner;

import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;

/**
 * Fingerprints of vulnerability scanners (key {@code SCANNING}).
 *
 * <p>The {@code User-Agent} is split into product tokens (on every character that is not a letter
 * or digit) and each token is looked up in a table of scanner names: {@code sqlmap/1.7},
 * {@code Mozilla/5.0 (compatible; Nmap Scripting Engine)}, {@code Mozilla/5.0 zgrab/0.x}. Whole
 * tokens only, so {@code urlgrabber} is not {@code grabber}. Generic HTTP clients (curl, wget,
 * python-requests, Go, Java) are legitimate API traffic and are not in the table. Headers that
 * only scanners send ({@code Acunetix-Aspect}, {@code X-Scanner}) and host names of out-of-band
 * interaction services ({@code *.oastify.com}, {@code *.interact.sh}), which scanners plant in
 * payloads to detect blind injection, are reported in any value.
 *
 * @see <a href="https://owasp.org/www-project-automated-threats-to-web-applications/assets/oats/EN/OAT-014_Vulnerability_Scanning">OWASP OAT-014 Vulnerability Scanning</a>
 * @see <a href="https://capec.mitre.org/data/definitions/169.html">CAPEC-169 Footprinting</a>
 */
public final class ScannerDetector extends RuleFamily {

    /** Product names of scanners and attack tools, lower case. */
    private static final Lexicon SCANNER_TOKENS = Lexicon.of(
            "sqlmap", "nikto", "nmap", "masscan", "zmap", "zgrab", "acunetix", "nessus", "openvas", "w3af",
            "dirbuster", "dirb", "gobuster", "feroxbuster", "ffuf", "wfuzz", "wpscan", "joomscan", "droopescan",
            "nuclei", "havij", "arachni", "netsparker", "appscan", "webinspect", "skipfish", "wapiti", "whatweb",
            "commix", "xsstrike", "sqlninja", "bsqlbf", "pangolin", "paros", "webshag", "nsauditor", "fimap",
            "jaeles", "zmeu", "morfeus", "grendel", "detectify", "dotdotpwn", "jbrofuzz", "owasp_zap",
            "burpsuite", "blackwidow", "brutus", "cgichk", "n-stealth", "nasl", "webvulnscan");

    /** Header names that scanners add to their requests, lower case. */
    private static final Lexicon SCANNER_HEADERS = Lexicon.of(
            "acunetix-aspect", "acunetix-aspect-password", "acunetix-aspect-queries", "acunetix-product",
            "x-scanner", "x-scan-memo", "x-request-memo", "x-wipp", "x-ratproxy-loop", "x-arachni-scan-seed");

    /** Out-of-band interaction services as (second-level label, top-level label). */
    private static final String[][] OAST_DOMAINS = {
        {"burpcollaborator", "net"}, {"oastify", "com"}, {"oast", "pro"}, {"oast", "live"}, {"oast", "site"},
        {"oast", "online"}, {"oast", "fun"}, {"oast", "me"}, {"interact", "sh"}, {"interactsh", "com"},
        {"dnslog", "cn"}, {"dnslog", "link"}, {"ceye", "io"}, {"requestbin", "net"}, {"canarytokens", "com"},
        {"bxss", "me"}, {"r87", "me"}, {"xss", "ht"}, {"eyes", "sh"},
    };

    public ScannerDetector() {
        super(ScannerRules.KEY, ScannerRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String text = target.text();
        if (target.source() == Source.HEADER) {
            String name = target.name();
            if (Ascii.equalsLower(name, "user-agent")) {
                if (scanUserAgent(text, sink)) {
                    return;
                }
            } else if (SCANNER_HEADERS.contains(name)) {
                sink.report(ScannerRules.SCANNER_HEADER, 0, text.length());
                return;
            }
        }
        scanOastDomains(text, sink);
    }

    private static boolean scanUserAgent(String text, DetectionSink sink) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && !Ascii.isAlnum(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && (Ascii.isAlnum(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            // "N-Stealth" keeps its hyphen: a one-letter word joined to the next
            if (i - start == 1 && i + 1 < length && text.charAt(i) == '-' && Ascii.isLetter(text.charAt(i + 1))) {
                i++;
                while (i < length && Ascii.isAlnum(text.charAt(i))) {
                    i++;
                }
            }
            if (i > start && SCANNER_TOKENS.contains(text, start, i)) {
                sink.report(ScannerRules.USER_AGENT, start, i - start);
                return true;
            }
        }
        return false;
    }

    /** Looks at every dot: the label after it and the label before it against the table. */
    private static void scanOastDomains(String text, DetectionSink sink) {
        int length = text.length();
        for (int dot = text.indexOf('.'); dot > 0; dot = text.indexOf('.', dot + 1)) {
            int tldEnd = dot + 1;
            while (tldEnd < length && Ascii.isLetter(text.charAt(tldEnd))) {
                tldEnd++;
            }
            if (tldEnd == dot + 1 || (tldEnd < length && isHostChar(text.charAt(tldEnd)) && text.charAt(tldEnd) != '.')) {
                continue;
            }
            if (tldEnd < length && text.charAt(tldEnd) == '.' && tldEnd + 1 < length
                    && Ascii.isAlnum(text.charAt(tldEnd + 1))) {
                continue;
            }
            int sldStart = -1;
            for (String[] domain : OAST_DOMAINS) {
                if (!Ascii.rangeEquals(text, dot + 1, tldEnd, domain[1])) {
                    continue;
                }
                if (sldStart < 0) {
                    sldStart = dot;
                    while (sldStart > 0 && dot - sldStart < 64 && (Ascii.isAlnum(text.charAt(sldStart - 1))
                            || text.charAt(sldStart - 1) == '-')) {
                        sldStart--;
                    }
                }
                if (Ascii.rangeEquals(text, sldStart, dot, domain[0])) {
                    sink.report(ScannerRules.OAST_DOMAIN, sldStart, tldEnd - sldStart);
                    return;
                }
            }
        }
    }

    private static boolean isHostChar(char c) {
        return Ascii.isAlnum(c) || c == '-' || c == '.' || c == '_';
    }
}
