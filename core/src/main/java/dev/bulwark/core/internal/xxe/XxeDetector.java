package dev.bulwark.core.internal.xxe;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Text;

/**
 * XML external entities and XInclude in values (key {@code XXE}).
 *
 * <p>XML request bodies are parsed with document type declarations refused; this detector covers
 * XML that arrives inside a parameter, header, JSON string or file upload and that the
 * application may parse itself. It reports entity declarations ({@code <!ENTITY}, also without
 * the {@code <} and HTML-escaped as {@code &lt;!ENTITY}), document types with an internal subset
 * or an external DTD ({@code <!DOCTYPE x [}, {@code <!DOCTYPE x SYSTEM "http://..."}), and
 * XInclude elements. A plain {@code <!DOCTYPE html>} is left alone.
 *
 * @see <a href="https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing">OWASP: XXE Processing</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/611.html">CWE-611</a>
 */
public final class XxeDetector extends RuleFamily {

    private static final String XINCLUDE_NAMESPACE = "http://www.w3.org/2001/xinclude";
    /** Longest namespace prefix considered before {@code :include}. */
    private static final int MAX_PREFIX = 64;

    public XxeDetector() {
        super(XxeRules.KEY, XxeRules.ALL);
    }

    /** Characters without which nothing is found: a declaration's bang or a prefixed name's colon. */
    private static final AsciiSet CANDIDATES = AsciiSet.of("!:");

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String text = target.text();
        if (text.length() < 8 || !target.profile().hasAny(CANDIDATES)) {
            return;
        }
        int bang = target.profile().has('!') ? text.indexOf('!') : -1;
        if (bang >= 0 && scanDeclarations(text, bang, sink)) {
            return;
        }
        scanXInclude(text, sink);
    }

    /** Reports an entity declaration, or else a document type with a subset or external DTD. */
    private static boolean scanDeclarations(String text, int firstBang, DetectionSink sink) {
        int doctype = -1;
        for (int bang = firstBang; bang >= 0; bang = text.indexOf('!', bang + 1)) {
            boolean opened = openedBefore(text, bang);
            if (Ascii.matchesAt(text, bang + 1, "entity") && isSpaceAt(text, bang + 7)) {
                int i = Text.skipSpaces(text, bang + 7);
                if (opened || isParameterOrExternal(text, i)) {
                    sink.report(XxeRules.ENTITY_DECLARATION, bang, Math.min(text.length() - bang, 48));
                    return true;
                }
            } else if (opened && Ascii.matchesAt(text, bang + 1, "doctype") && isSpaceAt(text, bang + 8)) {
                int i = Text.skipSpaces(text, bang + 8);
                int nameEnd = i;
                while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd))) {
                    nameEnd++;
                }
                if (nameEnd == i) {
                    continue;
                }
                int next = Text.skipSpaces(text, nameEnd);
                boolean subset = next < text.length() && text.charAt(next) == '[';
                boolean external = (Ascii.matchesAt(text, next, "system") || Ascii.matchesAt(text, next, "public"))
                        && isSpaceAt(text, next + 6);
                if ((subset || external) && doctype < 0) {
                    // an entity declaration in the subset is the stronger finding: keep looking
                    doctype = bang;
                }
            }
        }
        if (doctype >= 0) {
            sink.report(XxeRules.DOCTYPE_SUBSET, doctype, Math.min(text.length() - doctype, 48));
            return true;
        }
        return false;
    }

    /** {@code %} (a parameter entity) or a name followed by {@code SYSTEM}/{@code PUBLIC}. */
    private static boolean isParameterOrExternal(String text, int i) {
        if (i < text.length() && text.charAt(i) == '%') {
            return true;
        }
        int nameEnd = i;
        while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd))) {
            nameEnd++;
        }
        if (nameEnd == i) {
            return false;
        }
        int next = Text.skipSpaces(text, nameEnd);
        return (Ascii.matchesAt(text, next, "system") || Ascii.matchesAt(text, next, "public")) && isSpaceAt(text, next + 6);
    }

    /** Whether the {@code !} follows {@code <} or {@code &lt;}. */
    private static boolean openedBefore(String text, int bang) {
        return (bang > 0 && text.charAt(bang - 1) == '<') || Ascii.matchesAt(text, bang - 4, "&lt;");
    }

    /** {@code <xi:include href=...>} or any prefix bound to the XInclude namespace. */
    private static void scanXInclude(String text, DetectionSink sink) {
        int first = Ascii.indexOfIgnoreCase(text, ":include", 0);
        if (first < 0) {
            return;
        }
        boolean namespace = Ascii.indexOfIgnoreCase(text, XINCLUDE_NAMESPACE, 0) >= 0;
        int href = -1;
        for (int i = first; i >= 0; i = Ascii.indexOfIgnoreCase(text, ":include", i + 8)) {
            int prefixStart = i;
            while (prefixStart > 0 && i - prefixStart < MAX_PREFIX && isNameChar(text.charAt(prefixStart - 1))) {
                prefixStart--;
            }
            boolean opened = prefixStart < i && prefixStart > 0 && text.charAt(prefixStart - 1) == '<'
                    || Ascii.matchesAt(text, prefixStart - 4, "&lt;");
            if (!opened || !(isSpaceAt(text, i + 8) || Ascii.matchesAt(text, i + 8, "/"))) {
                continue;
            }
            if (href < i && href != Integer.MAX_VALUE) {
                int found = Ascii.indexOfIgnoreCase(text, "href", i);
                href = found < 0 ? Integer.MAX_VALUE : found;
            }
            if (namespace || href != Integer.MAX_VALUE) {
                sink.report(XxeRules.XINCLUDE, prefixStart, Math.min(text.length() - prefixStart, 48));
                return;
            }
        }
    }

    private static boolean isSpaceAt(String text, int i) {
        return i < text.length() && Ascii.isAsciiSpace(text.charAt(i));
    }

    private static boolean isNameChar(char c) {
        return Ascii.isAlnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c > 0x7F;
    }
}
