package dev.bulwark.core.internal.scanner;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the scanner family (key {@code SCANNING}), in the order {@link ScannerDetector}
 * collects them.
 */
final class ScannerRules {

    static final String KEY = "SCANNING";
    private static final String REFERENCE =
            "https://owasp.org/www-project-automated-threats-to-web-applications/assets/oats/EN/OAT-014_Vulnerability_Scanning";

    static final RuleDefinition USER_AGENT = rule("SCANNING-USER-AGENT", Level.STANDARD,
            "User-Agent of a known vulnerability scanner or attack tool", REFERENCE);
    static final RuleDefinition SCANNER_HEADER = rule("SCANNING-HEADER", Level.STANDARD,
            "request header that only vulnerability scanners send", REFERENCE);
    static final RuleDefinition OAST_DOMAIN = rule("SCANNING-OAST-DOMAIN", Level.STANDARD,
            "host name of an out-of-band interaction service used to detect blind injection",
            "https://portswigger.net/burp/documentation/collaborator");

    static final List<RuleDefinition> ALL = List.of(USER_AGENT, SCANNER_HEADER, OAST_DOMAIN);

    private ScannerRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
