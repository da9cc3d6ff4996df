package dev.bulwark.core.internal.xss;

import dev.bulwark.core.Component;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.FirstFindings;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;

/**
 * Detects cross-site scripting (rule key {@code XSS}) in single decoded values: markup that a
 * browser would parse into script-running tags or attributes, URLs with script schemes, script in
 * CSS, and JavaScript that calls code-running functions or reaches the DOM.
 *
 * <p>The value is first decoded the way a browser or a decoding application would see it
 * ({@link XssText}: character references, JavaScript escapes, full-width and UTF-7 forms), then read
 * by hand-written scanners that judge structure: a tag opening followed by a tag name, an event
 * handler inside a tag or after a quote, a scheme where a URL starts, a call with code-like
 * arguments. Word lists live in {@link XssVocabulary}. Every scanner is linear in the length of the
 * value; values without any character that markup or script needs are passed after one cheap loop.
 * Values the engine leaves percent-encoded (headers, JSON, XML, multipart) are read once more with
 * up to two layers of escapes undone.
 *
 * <p>Levels: {@code BASIC} rules fire on script tags, event handlers in tags and script URLs that
 * call something; {@code STANDARD} (the default) adds the other structural rules; {@code STRICT}
 * adds any tag with attributes and weaker script hints.
 *
 * @see <a href="https://owasp.org/www-community/attacks/xss/">OWASP: Cross Site Scripting</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/79.html">CWE-79</a>
 */
public final class XssDetector extends RuleFamily {

    /** ASCII characters without which a value holds no markup, script URL, CSS or script call. */
    private static final AsciiSet TRIGGERS = AsciiSet.of("<>&\\(`{[\"':=+.!");

    public XssDetector() {
        super(XssRules.KEY, XssRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String value = target.text();
        boolean markupCharacters = target.profile().hasAny(TRIGGERS)
                || (target.profile().hasNonAscii() && hasFullWidthForm(value));
        FirstFindings collector = FINDINGS.get();
        try {
            FirstFindings asSent = null;
            if (markupCharacters) {
                XssText text = XssText.of(value, target.profile());
                try {
                    if (findings(text, value, target.component(), collector)) {
                        asSent = collector;
                        asSent.reportTo(text.mappedTo(sink));
                    }
                } finally {
                    text.release();
                }
            }
            if (target.keepsPercentEscapes() && target.profile().has('%')) {
                // Bodies and headers are not percent-decoded by the engine, but an application may
                // decode what it reads from them: %3Cscript%3E in a JSON or XML value.
                String decoded = BODY_ESCAPES.decode(value, false).text();
                if (!decoded.equals(value)) {
                    XssText text = XssText.of(decoded);
                    FirstFindings findings = asSent == null ? collector : new FirstFindings(XssRules.ALL);
                    boolean found;
                    try {
                        found = findings(text, decoded, target.component(), findings);
                    } finally {
                        text.release();
                    }
                    FirstFindings reported = asSent;
                    if (found) {
                        findings.reportTo((rule, offset, length) -> {
                            if (reported == null || !reported.has(rule)) {
                                sink.report(rule, 0, value.length());
                            }
                        });
                    }
                }
            }
        } finally {
            collector.clear();
        }
    }

    /** The findings of a value, kept by each thread and emptied after each scan. */
    private static final ThreadLocal<FirstFindings> FINDINGS =
            ThreadLocal.withInitial(() -> new FirstFindings(XssRules.ALL));

    /** Layers of percent-encoding undone in values that the engine passes on undecoded. */
    private static final PercentDecoder BODY_ESCAPES = new PercentDecoder(2);

    /** Runs the scanners over decoded text into empty {@code findings}; whether they found anything. */
    private static boolean findings(XssText text, String raw, Component component, FirstFindings findings) {
        if (text.has(XssText.LT)) {
            boolean document = MarkupScanner.isXmlDocument(text);
            MarkupScanner.scan(text, true, document, findings);
            MarkupScanner.scan(text, false, document, findings);
        }
        if (text.has(XssText.COLON)) {
            UrlSchemeScanner.scan(text, findings);
        }
        if (text.has(XssText.COLON | XssText.PAREN | XssText.AT)) {
            CssScanner.scan(text, findings);
        }
        if (text.has(XssText.SCRIPT_PUNCTUATION)) {
            ScriptScanner.scan(text, raw, findings);
        }
        if (findings.isEmpty()) {
            return false;
        }
        if (component != Component.VALUE && findings.has(XssRules.HTML_TAG)) {
            // Names are chosen by the application; markup in one is never legitimate.
            findings.add(XssRules.MARKUP_IN_NAME, 0, text.length);
        }
        return true;
    }

    /**
     * Part of the quick reject: whether the value has a full-width form of an ASCII character,
     * which {@link XssText} decodes to that character. The other part asks the value's profile
     * whether it has any ASCII character that an attack of this family needs.
     */
    private static boolean hasFullWidthForm(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c >= '\uff01' && c <= '\uff5e') {
                return true;
            }
        }
        return false;
    }
}
