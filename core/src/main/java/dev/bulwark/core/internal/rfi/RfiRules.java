package dev.bulwark.core.internal.rfi;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the remote file inclusion family (key {@code RFI}), in the order
 * {@link RemoteFileInclusionDetector} collects them.
 */
final class RfiRules {

    static final String KEY = "RFI";
    private static final String REFERENCE = cwe(98);

    static final RuleDefinition WRAPPER_SCHEME = rule("RFI-WRAPPER-SCHEME", Level.STANDARD,
            "stream wrapper or local-file URL scheme (php://, phar://, file:, jar:, ...)",
            "https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/11.1-Testing_for_File_Inclusion");
    static final RuleDefinition INCLUDE_CALL = rule("RFI-INCLUDE-CALL", Level.BASIC,
            "include or require call with a URL argument", REFERENCE);
    static final RuleDefinition IP_HOST = rule("RFI-IP-HOST", Level.STANDARD,
            "URL whose host is a raw IP address", REFERENCE);
    static final RuleDefinition QUERY_TRUNCATION = rule("RFI-QUERY-TRUNCATION", Level.STANDARD,
            "URL ending in ? or NUL, so that an appended suffix is ignored", REFERENCE);
    static final RuleDefinition PAYLOAD_FILE = rule("RFI-PAYLOAD-FILE", Level.STANDARD,
            "URL naming a script or text payload file (.txt, .sh, .pl, ...)", REFERENCE);
    static final RuleDefinition SCRIPT_PAGE = rule("RFI-SCRIPT-PAGE", Level.STRICT,
            "URL naming a server-side script (.php, .asp, .jsp, ...)", REFERENCE);
    static final RuleDefinition FTP_URL = rule("RFI-FTP-URL", Level.STANDARD,
            "FTP URL in a parameter", REFERENCE);
    static final RuleDefinition PATH_PARAMETER = rule("RFI-PATH-PARAMETER", Level.STANDARD,
            "URL in a parameter whose name denotes a file-system path or include", REFERENCE);
    static final RuleDefinition UNC_PATH = rule("RFI-UNC-PATH", Level.STANDARD,
            "Windows UNC path to a remote host (\\\\host\\share), fetched over SMB or WebDAV", REFERENCE);
    static final RuleDefinition URL_IN_PATH = rule("RFI-URL-IN-PATH", Level.STANDARD,
            "absolute URL embedded in the request path", REFERENCE);
    static final RuleDefinition OFF_SITE_URL = rule("RFI-OFF-SITE-URL", Level.STRICT,
            "absolute http(s) URL in a parameter that does not name a URL", REFERENCE);

    static final List<RuleDefinition> ALL = List.of(WRAPPER_SCHEME, INCLUDE_CALL, IP_HOST,
            QUERY_TRUNCATION, PAYLOAD_FILE, SCRIPT_PAGE, FTP_URL, PATH_PARAMETER, UNC_PATH, URL_IN_PATH, OFF_SITE_URL);

    private RfiRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
