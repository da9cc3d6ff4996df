package dev.bulwark.core.internal.protocol;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the protocol family (keys {@code PROTOCOL} and {@code HPP}), in the order
 * {@link ProtocolDetector} collects them.
 */
final class ProtocolRules {

    static final String KEY = "PROTOCOL";
    static final String HPP_KEY = "HPP";
    private static final String SMUGGLING = cwe(444);
    private static final String ENCODING = cwe(172);
    private static final String HPP_REFERENCE =
            "https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/04-Testing_for_HTTP_Parameter_Pollution";

    static final RuleDefinition CONTENT_LENGTH_WITH_TRANSFER_ENCODING = rule(
            "PROTOCOL-CL-TE", Level.BASIC, "Content-Length together with Transfer-Encoding", SMUGGLING);
    static final RuleDefinition INVALID_CONTENT_LENGTH = rule("PROTOCOL-CONTENT-LENGTH",
            Level.BASIC, "Content-Length that is not a number, or several that differ", SMUGGLING);
    static final RuleDefinition DUPLICATE_CONTENT_LENGTH = rule(
            "PROTOCOL-DUPLICATE-CONTENT-LENGTH", Level.STANDARD, "Content-Length sent more than once", SMUGGLING);
    static final RuleDefinition TRANSFER_ENCODING = rule("PROTOCOL-TRANSFER-ENCODING",
            Level.STANDARD, "Transfer-Encoding other than a single chunked", SMUGGLING);
    static final RuleDefinition DUPLICATE_HOST = rule("PROTOCOL-DUPLICATE-HOST",
            Level.BASIC, "Host header sent more than once", SMUGGLING);
    static final RuleDefinition DUPLICATE_CONTENT_TYPE = rule("PROTOCOL-DUPLICATE-CONTENT-TYPE", Level.STANDARD,
            "Content-Type sent more than once", SMUGGLING);
    static final RuleDefinition INVALID_CONTENT_TYPE = rule("PROTOCOL-CONTENT-TYPE",
            Level.STANDARD, "Content-Type that is not a valid media type with parameters",
            "https://www.rfc-editor.org/rfc/rfc9110#section-8.3");
    static final RuleDefinition CONTENT_TYPE_CONFUSION = rule(
            "PROTOCOL-CONTENT-TYPE-CONFUSION", Level.STANDARD,
            "Content-Type parameter holding another media type, or a boundary outside multipart", SMUGGLING);
    static final RuleDefinition CHARSET = rule("PROTOCOL-CHARSET", Level.STANDARD,
            "several charsets, or a charset that is unknown or used to evade inspection (UTF-7, UTF-16/32, EBCDIC)",
            ENCODING);
    static final RuleDefinition FORM_BODY_WITHOUT_SEMANTICS = rule("PROTOCOL-FORM-BODY-ON-GET", Level.STANDARD,
            "GET or HEAD request with a form or multipart body", SMUGGLING);
    static final RuleDefinition BODY_WITHOUT_SEMANTICS = rule("PROTOCOL-BODY-ON-GET",
            Level.STRICT, "GET or HEAD request with a body", SMUGGLING);
    static final RuleDefinition INVALID_METHOD = rule("PROTOCOL-METHOD", Level.BASIC,
            "request method with characters other than letters, digits, - and _", "https://www.rfc-editor.org/rfc/rfc9110#section-9.1");
    static final RuleDefinition UNKNOWN_METHOD = rule("PROTOCOL-UNKNOWN-METHOD",
            Level.STRICT, "request method outside HTTP and WebDAV", "https://www.rfc-editor.org/rfc/rfc9110#section-9.1");
    static final RuleDefinition INVALID_RANGE = rule("PROTOCOL-RANGE", Level.STANDARD,
            "Range header that is not a byte range set", "https://www.rfc-editor.org/rfc/rfc9110#section-14.2");
    static final RuleDefinition MANY_RANGES = rule("PROTOCOL-MANY-RANGES", Level.STRICT,
            "Range header with more than five ranges", "https://nvd.nist.gov/vuln/detail/CVE-2011-3192");
    static final RuleDefinition LEGACY_COOKIE = rule("PROTOCOL-LEGACY-COOKIE",
            Level.STANDARD, "RFC 2109 cookie with $Version, parsed differently by different servers",
            cwe(436));
    static final RuleDefinition NUL_BYTE = rule("PROTOCOL-NUL-BYTE", Level.STANDARD,
            "NUL character in a decoded value", cwe(158));
    static final RuleDefinition CONTROL_CHARACTER = rule("PROTOCOL-CONTROL-CHARACTER",
            Level.STRICT, "control character other than tab, CR and LF in a decoded value",
            cwe(20));
    static final RuleDefinition OVERLONG_UTF8 = rule("PROTOCOL-OVERLONG-UTF8",
            Level.BASIC, "overlong UTF-8 form (e.g. C0 AF for /)", cwe(176));
    static final RuleDefinition INVALID_UTF8 = rule("PROTOCOL-INVALID-UTF8", Level.STRICT,
            "bytes that are not valid UTF-8", cwe(176));
    static final RuleDefinition ENCODING_DEPTH = rule("PROTOCOL-ENCODING-DEPTH",
            Level.STANDARD, "more layers of percent-encoding than the decoder undoes", ENCODING);
    static final RuleDefinition MULTIPLE_ENCODING = rule("PROTOCOL-MULTIPLE-ENCODING",
            Level.STRICT, "value percent-encoded more than once", ENCODING);
    static final RuleDefinition INVALID_PERCENT_ENCODING = rule(
            "PROTOCOL-INVALID-PERCENT-ENCODING", Level.STRICT, "% not followed by two hex digits", ENCODING);
    static final RuleDefinition PATH_ABOVE_ROOT = rule("PROTOCOL-PATH-ABOVE-ROOT",
            Level.BASIC, "request path climbing above the root with ..",
            "https://owasp.org/www-community/attacks/Path_Traversal");
    static final RuleDefinition DUPLICATE_SENSITIVE_PARAMETER = hppRule("HPP-SENSITIVE-PARAMETER", Level.STANDARD,
            "security-relevant parameter sent twice with different values", HPP_REFERENCE);
    static final RuleDefinition DUPLICATE_PARAMETER = hppRule("HPP-DUPLICATE-PARAMETER",
            Level.STRICT, "parameter sent twice with values of different character classes", HPP_REFERENCE);
    static final RuleDefinition MALFORMED_ARRAY_NAME = hppRule("HPP-MALFORMED-ARRAY-NAME", Level.STANDARD,
            "parameter name with text after an array index (foo[1]a), parsed differently by frameworks",
            HPP_REFERENCE);
    static final RuleDefinition ARRAY_NAME = hppRule("HPP-ARRAY-NAME", Level.STRICT,
            "parameter name in array notation (foo[1])", HPP_REFERENCE);

    static final List<RuleDefinition> ALL = List.of(CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
            INVALID_CONTENT_LENGTH, DUPLICATE_CONTENT_LENGTH, TRANSFER_ENCODING, DUPLICATE_HOST,
            DUPLICATE_CONTENT_TYPE, INVALID_CONTENT_TYPE, CONTENT_TYPE_CONFUSION, CHARSET,
            FORM_BODY_WITHOUT_SEMANTICS, BODY_WITHOUT_SEMANTICS, INVALID_METHOD, UNKNOWN_METHOD, INVALID_RANGE,
            MANY_RANGES, LEGACY_COOKIE, NUL_BYTE, CONTROL_CHARACTER, OVERLONG_UTF8, INVALID_UTF8, ENCODING_DEPTH,
            MULTIPLE_ENCODING, INVALID_PERCENT_ENCODING, PATH_ABOVE_ROOT, DUPLICATE_SENSITIVE_PARAMETER,
            DUPLICATE_PARAMETER, MALFORMED_ARRAY_NAME, ARRAY_NAME);

    private ProtocolRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }

    private static RuleDefinition hppRule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, HPP_KEY, level, description, reference);
    }
}
