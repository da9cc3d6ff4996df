package dev.bulwark.core.internal.ssrf;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/** The rules of the SSRF family (key {@code SSRF}), in the order {@link SsrfDetector} collects them. */
final class SsrfRules {

    static final String KEY = "SSRF";
    private static final String REFERENCE = cwe(918);

    static final RuleDefinition METADATA = rule("SSRF-METADATA", Level.BASIC,
            "URL pointing at a cloud instance metadata service", REFERENCE);
    static final RuleDefinition INTERNAL_HOST = rule("SSRF-INTERNAL-HOST", Level.STANDARD,
            "URL pointing at loopback, a private or link-local address or an internal host name", REFERENCE);
    static final RuleDefinition OBFUSCATED_HOST = rule("SSRF-OBFUSCATED-HOST", Level.STANDARD,
            "URL host written as an integer, in hex or octal, short form or look-alike characters", REFERENCE);
    static final RuleDefinition SMUGGLING_SCHEME = rule("SSRF-SCHEME", Level.STANDARD,
            "URL with a protocol used to reach internal services (gopher, dict, ldap, tftp, ...)", REFERENCE);
    static final RuleDefinition AMBIGUOUS_AUTHORITY = rule("SSRF-AMBIGUOUS-AUTHORITY", Level.STANDARD,
            "URL authority that URL parsers split differently, or a host embedding another domain",
            "https://portswigger.net/web-security/ssrf/url-validation-bypass-cheat-sheet");
    static final RuleDefinition UNUSUAL_PORT = rule("SSRF-UNUSUAL-PORT", Level.STANDARD,
            "http(s) URL with an explicit port other than 80, 443, 8080 or 8443", REFERENCE);
    static final RuleDefinition UNIX_SOCKET = rule("SSRF-UNIX-SOCKET", Level.STANDARD,
            "unix: socket path followed by a URL (mod_proxy socket confusion)",
            "https://nvd.nist.gov/vuln/detail/CVE-2021-40438");

    static final List<RuleDefinition> ALL = List.of(METADATA, INTERNAL_HOST, OBFUSCATED_HOST,
            SMUGGLING_SCHEME, AMBIGUOUS_AUTHORITY, UNUSUAL_PORT, UNIX_SOCKET);

    private SsrfRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
