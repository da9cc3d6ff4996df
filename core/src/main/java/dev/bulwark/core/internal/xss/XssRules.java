package dev.bulwark.core.internal.xss;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the {@code XSS} family, in the order findings are reported. Each id names one kind of
 * danger, so that an exception lifting one (a style attribute in a rich-text field) leaves the others
 * (links to other hosts, disguised links, event handlers, overlays) in force on the same markup.
 */
final class XssRules {

    static final String KEY = "XSS";

    private static final String OWASP_XSS = "https://owasp.org/www-community/attacks/xss/";
    private static final String CWE_79 = cwe(79);
    private static final String CAPEC_SCRIPT_TAG = "https://capec.mitre.org/data/definitions/18.html";
    private static final String CAPEC_ATTRIBUTE = "https://capec.mitre.org/data/definitions/243.html";
    private static final String CAPEC_URI = "https://capec.mitre.org/data/definitions/244.html";
    private static final String CAPEC_ALTERNATE_SYNTAX = "https://capec.mitre.org/data/definitions/199.html";
    private static final String CAPEC_DOM = "https://capec.mitre.org/data/definitions/588.html";
    private static final String CAPEC_NON_SCRIPT = "https://capec.mitre.org/data/definitions/591.html";
    private static final String CAPEC_CLICKJACKING = "https://capec.mitre.org/data/definitions/103.html";
    private static final String XXE = cwe(611);

    static final RuleDefinition SCRIPT_TAG = rule("XSS-SCRIPT-TAG", Level.BASIC,
            "a <script> element, also namespaced, split or unclosed", CAPEC_SCRIPT_TAG);
    static final RuleDefinition EVENT_HANDLER = rule("XSS-EVENT-HANDLER", Level.BASIC,
            "an on* event-handler attribute inside a tag", CAPEC_ATTRIBUTE);
    static final RuleDefinition SCRIPT_URL_CALL = rule("XSS-SCRIPT-URL-CALL", Level.BASIC,
            "a javascript:/vbscript: URL whose body calls a function", CAPEC_URI);
    static final RuleDefinition SCRIPT_URL = rule("XSS-SCRIPT-URL", Level.STANDARD,
            "a script or active-document URL (javascript:, vbscript:, data:text/html, ...) where a URL"
                    + " starts", CAPEC_URI);
    static final RuleDefinition DANGEROUS_TAG = rule("XSS-DANGEROUS-TAG", Level.STANDARD,
            "an element that loads active content or changes the page (iframe, object, svg, base, meta,"
                    + " style, form, ...)", CAPEC_NON_SCRIPT);
    static final RuleDefinition DANGEROUS_ATTRIBUTE = rule("XSS-DANGEROUS-ATTRIBUTE", Level.STANDARD,
            "an attribute that loads markup or script, binds a namespace or redirects a form whatever its"
                    + " value (srcdoc, formaction, xmlns, xlink:href, http-equiv, ...)", CAPEC_ATTRIBUTE);
    static final RuleDefinition STYLE_ATTRIBUTE = rule("XSS-STYLE-ATTRIBUTE", Level.STANDARD,
            "a style attribute in injected markup, whatever its CSS (script in CSS and overlays have"
                    + " their own rules)", CAPEC_ATTRIBUTE);
    static final RuleDefinition FOREIGN_LINK = rule("XSS-FOREIGN-LINK", Level.STRICT,
            "a link attribute (href, src, action, ...) in injected markup that leads to another host:"
                    + " https://host/...", CAPEC_URI);
    static final RuleDefinition DISGUISED_LINK = rule("XSS-DISGUISED-LINK", Level.STANDARD,
            "a link attribute in injected markup that leads to another host but looks local or hides the"
                    + " host: protocol-relative //host, backslashes, odd slashes, user@, invisible characters",
            CAPEC_URI);
    static final RuleDefinition ATTRIBUTE_BREAKOUT = rule("XSS-ATTRIBUTE-BREAKOUT", Level.STANDARD,
            "an event handler or dangerous attribute injected after a quote or space, outside any tag",
            CAPEC_ATTRIBUTE);
    static final RuleDefinition CSS_SCRIPT = rule("XSS-CSS", Level.STANDARD,
            "script in CSS: expression(), url(javascript:), -moz-binding, behavior, @import",
            CAPEC_NON_SCRIPT);
    static final RuleDefinition CSS_OVERLAY = rule("XSS-CSS-OVERLAY", Level.STANDARD,
            "CSS that lays an element over the page (clickjacking): position:fixed, or position:absolute"
                    + " at page size, stacked with z-index or made transparent", CAPEC_CLICKJACKING);
    static final RuleDefinition JS_CALL = rule("XSS-JS-CALL", Level.STANDARD,
            "a call of a code-running or proof-of-injection function (alert, eval, setTimeout,"
                    + " Function, ...), also as a tagged template", OWASP_XSS);
    static final RuleDefinition DOM_SINK = rule("XSS-DOM-SINK", Level.STANDARD,
            "script access to the cookie, location or document (document.cookie, window[\"...\"],"
                    + " .innerHTML=)", CAPEC_DOM);
    static final RuleDefinition JS_OBFUSCATION = rule("XSS-JS-OBFUSCATION", Level.STANDARD,
            "script written to avoid names: constructor chains, JSFuck, string breakouts with"
                    + " assignments", CAPEC_ALTERNATE_SYNTAX);
    static final RuleDefinition TEMPLATE_INJECTION = rule("XSS-TEMPLATE-EXPRESSION", Level.STANDARD,
            "a client-side template expression {{...}} that escapes its sandbox", OWASP_XSS);
    static final RuleDefinition MARKUP_DECLARATION = rule("XSS-MARKUP-DECLARATION", Level.STANDARD,
            "an XML entity or DTD declaration, a dangerous processing instruction or a server-side"
                    + " include", XXE);
    static final RuleDefinition CONTEXT_BREAKOUT = rule("XSS-CONTEXT-BREAKOUT", Level.STANDARD,
            "a value that opens by closing a comment or raw-text element (-->, </script>,"
                    + " </textarea>)", CWE_79);
    static final RuleDefinition MARKUP_IN_NAME = rule("XSS-MARKUP-IN-NAME", Level.STANDARD,
            "an HTML tag with attributes in a parameter, cookie or field name", CWE_79);
    static final RuleDefinition HTML_TAG = rule("XSS-HTML-TAG", Level.STRICT,
            "any HTML element with attributes, or a closing tag", CWE_79);
    static final RuleDefinition SCRIPT_HINT = rule("XSS-SCRIPT-HINT", Level.STRICT,
            "weaker script hints: any -->, a script scheme anywhere, a DOM global's member", CWE_79);

    static final List<RuleDefinition> ALL = List.of(
            SCRIPT_TAG, EVENT_HANDLER, SCRIPT_URL_CALL, SCRIPT_URL, DANGEROUS_TAG, DANGEROUS_ATTRIBUTE,
            STYLE_ATTRIBUTE, FOREIGN_LINK, DISGUISED_LINK, ATTRIBUTE_BREAKOUT, CSS_SCRIPT, CSS_OVERLAY,
            JS_CALL, DOM_SINK, JS_OBFUSCATION, TEMPLATE_INJECTION, MARKUP_DECLARATION, CONTEXT_BREAKOUT,
            MARKUP_IN_NAME, HTML_TAG, SCRIPT_HINT);

    private XssRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
