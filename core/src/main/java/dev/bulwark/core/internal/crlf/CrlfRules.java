package dev.bulwark.core.internal.crlf;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the CRLF injection family (key {@code CRLF}), in the order
 * {@link CrlfInjectionDetector} collects them.
 */
final class CrlfRules {

    static final String KEY = "CRLF";
    private static final String REFERENCE = cwe(113);

    static final RuleDefinition IN_NAME = rule("CRLF-IN-NAME", Level.STANDARD,
            "CR or LF in a parameter, cookie, key, field or file name", REFERENCE);
    static final RuleDefinition IN_PATH = rule("CRLF-IN-PATH", Level.STANDARD,
            "CR or LF in the request path", REFERENCE);
    static final RuleDefinition IN_HEADER = rule("CRLF-IN-HEADER", Level.STANDARD,
            "CR or LF in a header or cookie value", REFERENCE);
    static final RuleDefinition HEADER_INJECTION = rule("CRLF-HEADER-INJECTION", Level.STANDARD,
            "line break followed by an HTTP header field", REFERENCE);
    static final RuleDefinition PARAMETER_INJECTION = rule("CRLF-PARAMETER-INJECTION", Level.STANDARD,
            "line break in a query value followed by another name=value pair", REFERENCE);
    static final RuleDefinition RESPONSE_SPLITTING = rule("CRLF-RESPONSE-SPLITTING", Level.BASIC,
            "line break followed by an HTTP status line or a second response body",
            "https://owasp.org/www-community/attacks/HTTP_Response_Splitting");
    static final RuleDefinition REQUEST_LINE = rule("CRLF-REQUEST-LINE", Level.STANDARD,
            "HTTP request line inside a value (request smuggling)", cwe(444));
    static final RuleDefinition META_HTTP_EQUIV = rule("CRLF-META-HTTP-EQUIV", Level.STANDARD,
            "HTML meta element setting Refresh, Set-Cookie or Location (http-equiv)", REFERENCE);

    static final List<RuleDefinition> ALL = List.of(IN_NAME, IN_PATH, IN_HEADER, HEADER_INJECTION,
            PARAMETER_INJECTION, RESPONSE_SPLITTING, REQUEST_LINE, META_HTTP_EQUIV);

    private CrlfRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
