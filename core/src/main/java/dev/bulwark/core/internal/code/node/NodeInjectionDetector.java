package dev.bulwark.core.internal.code.node;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.ScriptFeatures;
import dev.bulwark.core.internal.rules.ScriptPasses;
import dev.bulwark.core.internal.rules.ScriptReading;
import dev.bulwark.core.internal.rules.ScriptWords;

/**
 * Node.js and JavaScript code injection (rule key {@code CODE}, shared by the script languages;
 * the OWASP CRS counterpart is the 934xxx group):
 *
 * <ul>
 *   <li>{@code require('child_process')}, {@code process.mainModule}, {@code constructor.constructor(...)},
 *       {@code new Function(...)}, {@code eval(...)} of a string, node-serialize's
 *       {@code _$$ND_FUNC$$_}, infinite loops ({@code while(true)}) (see {@link NodeTokenScan});
 *   <li>prototype pollution in names and values ({@code __proto__},
 *       {@code constructor[prototype]}, {@code Object.prototype.x = ...}) and React Flight
 *       references that walk to constructors.
 * </ul>
 *
 * <p>The default level (STANDARD) enables every rule; BASIC keeps node-serialize markers,
 * {@code require('child_process')} and prototype pollution in names. Values are read as the
 * other script families read them ({@link ScriptPasses}): as sent, unescaped, and base64-decoded
 * one level.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Code_Injection">OWASP: Code Injection</a>
 */
public final class NodeInjectionDetector extends RuleFamily {

    private static final Lexicon FLIGHT_HOPS = Lexicon.of("constructor", "prototype", "__proto__", "_compile",
            "_load", "mainModule", "_formData", "_prefix");

    public NodeInjectionDetector() {
        super(NodeRules.KEY, NodeRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        ScriptPasses passes = ScriptPasses.of(target);
        if (passes == null) {
            return;
        }
        String value = target.text();
        Findings findings = passes.findings(sink, rules());
        boolean isName = target.component() == Component.NAME;
        if (isName && target.source() == Source.JSON
                && Ascii.indexOfIgnoreCase(target.name(), "constructor/prototype", 0) >= 0) {
            // A JSON key named prototype inside an object keyed constructor: {"constructor":{"prototype":{...}}}.
            findings.report(NodeRules.PROTOTYPE_POLLUTION, 0, value.length());
        }
        passes.run(findings, NodeInjectionDetector::scanReading);
    }

    /** The checks on one reading of the value. */
    private static void scanReading(ScriptReading reading, Findings findings) {
        String s = reading.text();
        int f = reading.features();
        if ((f & ScriptFeatures.DOLLAR) != 0) {
            int nd = s.indexOf("_$$ND_FUNC$$_");
            if (nd >= 0) {
                findings.report(NodeRules.NODE_DESERIALIZATION, nd, nd + 13);
            }
            scanFlightReferences(s, findings);
        }
        int words = 0;
        if ((f & (ScriptFeatures.UNDERSCORE | ScriptFeatures.SEPARATOR | ScriptFeatures.COLON
                | ScriptFeatures.CODE)) != 0) {
            words = reading.words();
            for (int k = 0, names = reading.underscoreNames(); k < names; k++) {
                judgeUnderscoreName(s, reading.underscoreNameStart(k), reading.underscoreNameEnd(k), findings);
            }
        }
        if ((words & (ScriptWords.CONSTRUCTOR | ScriptWords.PROTO)) != 0) {
            scanPrototypeHops(s, reading.isName(), findings);
        }
        if ((words & ScriptWords.OBJECT) != 0) {
            scanObjectPrototypeWrites(s, findings);
        }
        if ((f & ScriptFeatures.CODE) != 0 && (words & ScriptWords.TRIGGER) != 0) {
            new NodeTokenScan(s, findings).run();
        }
    }

    private static void judgeUnderscoreName(String s, int from, int to, Findings findings) {
        if (s.charAt(from) == '_' && s.charAt(from + 1) == '_' && Ascii.rangeEquals(s, from, to, "__js_function")) {
            findings.report(NodeRules.NODE_FUNCTION_MARKER, from, to);
        }
    }

    /** {@code __proto__}, {@code constructor.prototype}, {@code constructor[prototype]}; also constructor.constructor. */
    private static void scanPrototypeHops(String s, boolean isName, Findings findings) {
        int proto = Ascii.indexOfIgnoreCase(s, "__proto__", 0);
        if (proto >= 0) {
            findings.report(isName ? NodeRules.PROTOTYPE_POLLUTION : NodeRules.PROTOTYPE_REFERENCE, proto, proto + 9);
        }
        for (int at = Ascii.indexOfIgnoreCase(s, "constructor", 0); at >= 0;
                at = Ascii.indexOfIgnoreCase(s, "constructor", at + 11)) {
            int j = at + 11;
            int separators = 0;
            boolean hop = false;
            while (j < s.length() && separators < 6 && isHopSeparator(s.charAt(j))) {
                hop |= s.charAt(j) == '.' || s.charAt(j) == '[' || s.charAt(j) == ':';
                separators++;
                j++;
            }
            if (!hop) {
                continue;
            }
            if (Ascii.matchesAt(s, j, "prototype")) {
                findings.report(isName ? NodeRules.PROTOTYPE_POLLUTION : NodeRules.PROTOTYPE_REFERENCE, at, j + 9);
            } else if (Ascii.matchesAt(s, j, "constructor")) {
                findings.report(NodeRules.JS_DYNAMIC_CODE, at, j + 11);
            }
        }
    }

    private static boolean isHopSeparator(char c) {
        return c == '.' || c == '[' || c == ']' || c == '\'' || c == '"' || c == ' ' || c == '`' || c == ':' || c == '{';
    }

    /** {@code Object.prototype.x = ...}: writing to the shared prototype. */
    private static void scanObjectPrototypeWrites(String s, Findings findings) {
        int n = s.length();
        for (int at = s.indexOf("Object.prototype"); at >= 0; at = s.indexOf("Object.prototype", at + 16)) {
            int j = at + 16;
            while (j < n && (Ascii.isIdentPart(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '['
                    || s.charAt(j) == ']' || s.charAt(j) == '\'' || s.charAt(j) == '"')) {
                j++;
            }
            j = Ascii.skipSpaces(s, j, n);
            if (j > at + 16 && j < n && s.charAt(j) == '=' && (j + 1 >= n || s.charAt(j + 1) != '=')) {
                findings.report(NodeRules.PROTOTYPE_REFERENCE, at, j + 1);
                return;
            }
        }
    }

    /**
     * React Server Components (Flight) references {@code "$1:constructor:constructor"},
     * {@code "$7:Module:prototype"}: a chunk reference followed by a property path that walks to
     * constructors and prototypes (CVE-2025-55182).
     */
    private static void scanFlightReferences(String s, Findings findings) {
        int n = s.length();
        for (int i = s.indexOf('$'); i >= 0 && i + 2 < n; i = s.indexOf('$', i + 1)) {
            int j = i + 1;
            while (j < n && j - i < 10 && Ascii.isHexDigit(s.charAt(j))) {
                j++;
            }
            if (j == i + 1 || j >= n || s.charAt(j) != ':') {
                continue;
            }
            while (j < n && s.charAt(j) == ':') {
                int a = j + 1;
                int b = a;
                while (b < n && Ascii.isIdentPart(s.charAt(b))) {
                    b++;
                }
                if (b == a) {
                    break;
                }
                if (FLIGHT_HOPS.contains(s, a, b)) {
                    findings.report(NodeRules.PROTOTYPE_REFERENCE, i, b);
                    return;
                }
                j = b;
            }
        }
    }
}
