package dev.bulwark.core.internal.code.java;

import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.Base64Text;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.TextProfile;
import dev.bulwark.core.internal.rules.UnescapedText;
import dev.bulwark.core.internal.rules.Unescaper;
import dev.bulwark.core.internal.rules.UploadNames;

/**
 * Attacks on Java applications (rule key {@code JAVA}; the OWASP CRS counterpart is the 944xxx
 * group):
 *
 * <ul>
 *   <li>Log4Shell: Log4j lookups resolving to {@code jndi:}, evaluated through nested-lookup
 *       evasions by {@link Log4jLookups}; other Log4j lookups ({@code env}, {@code sys}, ...)
 *       that exfiltrate secrets.
 *   <li>Class-loader manipulation through bound property paths (Spring4Shell
 *       {@code class.module.classLoader...}, Struts {@code class.classLoader...}).
 *   <li>Java deserialization: the stream header {@code AC ED 00 05} raw, hex or base64, gadget
 *       class names, XMLDecoder / XStream object graphs, base64 fragments that decode to gadget
 *       names.
 *   <li>Java code: {@code Runtime.getRuntime()}, {@code new ProcessBuilder(...)}, reflective and
 *       script-engine calls, qualified names of command-running classes, OGNL expressions.
 *   <li>JSP web shells uploaded by file name.
 * </ul>
 *
 * <p>A bare mention of an ordinary class in prose ({@code java.lang.String}) is not reported; a
 * whole value that is a class name of a sensitive package is (it is how polymorphic
 * deserialization is steered). Default level is STANDARD like every detector; BASIC keeps only
 * JNDI lookups, class-loader paths, serialization headers at the start of a value, command
 * execution calls and OGNL sandbox bypasses.
 *
 * @see <a href="https://owasp.org/www-community/vulnerabilities/Deserialization_of_untrusted_data">OWASP: Deserialization of untrusted data</a>
 */
public final class JavaAttackDetector extends RuleFamily {

    private static final Lexicon JSP_EXTENSIONS = Lexicon.of("jsp", "jspx", "jspf", "jsw", "jsv");

    /** Tags of java.beans.XMLDecoder and XStream documents, with the attributes that make them active. */
    private static final Lexicon XML_ACTIVE_TAGS = Lexicon.of("void", "java", "dynamic-proxy",
            "sorted-set", "object", "new", "array", "method", "property", "class");

    // Feature bits of the quick pre-scan.
    static final int F_ESCAPE = 1;
    static final int F_DOLLAR_BRACE = 1 << 1;
    static final int F_DOTTED = 1 << 2;
    static final int F_PAREN = 1 << 3;
    static final int F_OGNL = 1 << 4;
    static final int F_TAG = 1 << 5;
    static final int F_BASE64 = 1 << 6;
    static final int F_BINARY = 1 << 7;
    static final int F_BRACKET = 1 << 8;
    static final int F_ALNUM_RUN = 1 << 9;
    /** A run of base64 characters long enough to be decoded ({@link Base64Text#MIN_RUN}). */
    static final int F_LONG_RUN = 1 << 10;
    /** The run bits of a reading not read yet. */
    private static final int UNKNOWN = -1;
    private static final AsciiSet ESCAPE_CHARS = AsciiSet.of("%&\\");
    private static final AsciiSet OGNL_CHARS = AsciiSet.of("%#@");

    // Character classes of the base64 runs: upper and lower case letters, and the other characters.
    private static final int UPPER = 1;
    private static final int LOWER = 2;
    private static final int OTHER_B64 = 4;
    private static final int BASE64_CLASSES = UPPER | LOWER | OTHER_B64;
    private static final byte[] CHAR_CLASS = new byte[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            CHAR_CLASS[c] = UPPER;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            CHAR_CLASS[c] = LOWER;
        }
        for (char c = '0'; c <= '9'; c++) {
            CHAR_CLASS[c] = OTHER_B64;
        }
        CHAR_CLASS['+'] = OTHER_B64;
        CHAR_CLASS['/'] = OTHER_B64;
        CHAR_CLASS['-'] = OTHER_B64;
        CHAR_CLASS['_'] = OTHER_B64;
    }

    public JavaAttackDetector() {
        super(JavaRules.KEY, JavaRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String value = target.text();
        boolean fileName = UploadNames.isFileName(target);
        TextProfile profile = target.profile();
        int features = punctuationFeatures(value, profile);
        // The run bits of the current reading, read only where a scan needs them: UNKNOWN until then.
        int runs = UNKNOWN;
        if (features == 0 && !fileName) {
            runs = runFeatures(value);
            if (runs == 0) {
                return;
            }
        }
        Findings findings = findings(sink, value.length());
        if (fileName && UploadNames.hasExtension(value, JSP_EXTENSIONS::contains, false)) {
            findings.report(JavaRules.JSP_UPLOAD, UploadNames.baseNameStart(value), value.length());
        }
        String s = value;
        if ((features & F_ESCAPE) != 0) {
            UnescapedText decoded = Unescaper.decode(value);
            if (decoded.changed()) {
                findings.mapThrough(decoded);
                s = decoded.text;
                profile = TextProfile.of(s);
                features = punctuationFeatures(s, profile);
                runs = UNKNOWN;
            }
        }
        boolean pathLike = target.source() == Source.PATH || target.source() == Source.PATH_SEGMENT;
        if ((features & F_DOLLAR_BRACE) != 0) {
            scanLookups(s, findings);
            if (s != value && value.indexOf("${") < 0) {
                int at = s.indexOf("${");
                findings.report(JavaRules.LOG4J_LOOKUP, at, at + 2);
            }
        }
        // The spellings of a header are searched for first, and the runs read only when one is there.
        if ((features & F_BINARY) != 0 || mayHoldSerializationHeader(s, profile)) {
            runs = known(runs, s);
            if (((features | runs) & (F_BINARY | F_BASE64 | F_ALNUM_RUN)) != 0) {
                scanSerializationHeaders(s, findings);
            }
        }
        if ((features & (F_DOTTED | F_BRACKET)) != 0) {
            scanNames(s, !pathLike, findings);
        }
        if ((features & F_PAREN) != 0) {
            scanCalls(s, findings);
        }
        if ((features & F_OGNL) != 0) {
            scanOgnl(s, findings);
        }
        if ((features & F_TAG) != 0) {
            scanXmlObjectGraph(s, findings);
        }
        if (runs == UNKNOWN ? hasLongRun(s) : (runs & F_LONG_RUN) != 0) {
            runs = known(runs, s);
            if ((runs & F_BASE64) != 0 && (runs & F_LONG_RUN) != 0) {
                scanEncodedKeywords(s, findings);
            }
        }
    }

    /** {@code runs}, or the run bits of {@code s} when they are {@link #UNKNOWN} (not read yet). */
    private static int known(int runs, String s) {
        return runs == UNKNOWN ? runFeatures(s) : runs;
    }

    /**
     * The bits of the value's punctuation, read off its profile and found by {@code String.indexOf}:
     * every bit but the runs of base64 characters ({@link #runFeatures}).
     */
    static int punctuationFeatures(String s, TextProfile profile) {
        int f = 0;
        if (profile.hasAny(ESCAPE_CHARS)) {
            f |= F_ESCAPE;
        }
        if (profile.hasAny(OGNL_CHARS)) {
            f |= F_OGNL;
        }
        if (profile.has('(')) {
            f |= F_PAREN;
        }
        if (profile.has('<')) {
            f |= F_TAG;
        }
        if (profile.has('[')) {
            f |= F_BRACKET;
        }
        if (profile.has('$') && profile.has('{') && s.indexOf("${") >= 0) {
            f |= F_DOLLAR_BRACE;
        }
        if (profile.has('.') && hasDottedName(s)) {
            f |= F_DOTTED;
        }
        if (profile.hasNonAscii() && (s.indexOf('\u00ac') >= 0 || s.indexOf('\u00ed') >= 0 || s.indexOf('\ufffd') >= 0)) {
            f |= F_BINARY;
        }
        return f;
    }

    /** Whether a dot joins an identifier character to a segment start, as in a qualified name. */
    private static boolean hasDottedName(String s) {
        int n = s.length();
        for (int dot = s.indexOf('.'); dot >= 0; dot = s.indexOf('.', dot + 1)) {
            if (dot > 0 && Ascii.isJavaIdentPart(s.charAt(dot - 1)) && dot + 1 < n && isSegmentStart(s.charAt(dot + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The run bits of the value ({@link #F_BASE64}, {@link #F_ALNUM_RUN}, {@link #F_LONG_RUN}) in one
     * pass over its characters.
     */
    static int runFeatures(String s) {
        int f = 0;
        int run = 0;
        int cases = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            int cls = c < 128 ? CHAR_CLASS[c] : 0;
            if (cls == 0) {
                run = 0;
                cases = 0;
                continue;
            }
            run++;
            cases |= cls;
            if (run >= Base64Text.MIN_RUN) {
                f |= F_LONG_RUN;
            }
            if (run >= 5 && (cases & (UPPER | LOWER)) == (UPPER | LOWER)) {
                f |= F_BASE64;
            } else if (run >= 8) {
                f |= F_ALNUM_RUN;
            }
        }
        return f;
    }

    /**
     * Whether {@link #F_LONG_RUN} is set: a run of {@link Base64Text#MIN_RUN} base64 characters.
     * Looks at every {@code MIN_RUN}th character only, which any such run covers, and reads the
     * characters around one that is base64; prose, whose words are shorter, is passed in strides.
     * Each character is read at most twice.
     */
    static boolean hasLongRun(String s) {
        int n = s.length();
        int k = Base64Text.MIN_RUN;
        int i = k - 1;
        while (i < n) {
            if (!isBase64(s.charAt(i))) {
                i += k;
                continue;
            }
            // The stride's previous look is not base64, or the text starts there: the run starts after it.
            int start = i;
            while (start > 0 && isBase64(s.charAt(start - 1))) {
                start--;
            }
            int end = i + 1;
            while (end < n && end - start < k && isBase64(s.charAt(end))) {
                end++;
            }
            if (end - start >= k) {
                return true;
            }
            // s[end] is not base64: a run of MIN_RUN after it covers end + MIN_RUN.
            i = end + k;
        }
        return false;
    }

    private static boolean isBase64(char c) {
        return c < 128 && CHAR_CLASS[c] != 0;
    }

    /** The serialization header AC ED 00 05 in base64, at each of its three alignments. */
    private static final String[] BASE64_HEADERS = {"rO0AB", "KztAAU", "Cs7QAF"};
    /**
     * For each of {@link #BASE64_HEADERS}, a character of it that prose seldom holds: a value
     * whose profile lacks it cannot hold that spelling.
     */
    private static final char[] BASE64_HEADER_MARKS = {'0', 'K', 'Q'};
    /** The start of gzip's output in base64 ({@code 1F 8B 08}). */
    private static final String GZIP_BASE64 = "H4sI";

    static {
        for (int i = 0; i < BASE64_HEADERS.length; i++) {
            if (BASE64_HEADERS[i].indexOf(BASE64_HEADER_MARKS[i]) < 0) {
                throw new ExceptionInInitializerError("mark not in " + BASE64_HEADERS[i]);
            }
        }
    }

    /**
     * Whether the value holds one of the spellings {@link #scanSerializationHeaders} reports
     * without bytes outside ASCII: a base64 or hex header, or gzip's base64 at the start. A
     * spelling is searched for only when the value's profile holds its rarest character.
     */
    private static boolean mayHoldSerializationHeader(String s, TextProfile profile) {
        if (profile.has('0') && hexHeader(s) >= 0 || s.startsWith(GZIP_BASE64, contentStart(s))) {
            return true;
        }
        for (int i = 0; i < BASE64_HEADERS.length; i++) {
            if (profile.has(BASE64_HEADER_MARKS[i]) && s.indexOf(BASE64_HEADERS[i]) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static void scanLookups(String s, Findings findings) {
        long result = Log4jLookups.evaluate(s);
        int kind = (int) (result >>> 32);
        int at = (int) result;
        if (kind == Log4jLookups.JNDI) {
            findings.report(JavaRules.JNDI_LOOKUP, at, Math.min(s.length(), at + 2));
        } else if (kind == Log4jLookups.LOOKUP) {
            findings.report(JavaRules.LOG4J_LOOKUP, at, Math.min(s.length(), at + 2));
        }
    }

    /**
     * The Java serialization header AC ED 00 05: raw, as hex, or as base64 at any of its three
     * alignments ({@code rO0AB}, {@code KztAAU}, {@code Cs7QAF}). One pass over the value.
     */
    private static void scanSerializationHeaders(String s, Findings findings) {
        int start = contentStart(s);
        // The first spelling found decides the rule; later ones cannot add to it.
        int at = -1;
        int length = 0;
        for (String header : BASE64_HEADERS) {
            int found = s.indexOf(header);
            if (found >= 0 && (at < 0 || found < at)) {
                at = found;
                length = header.length();
            }
        }
        int hex = hexHeader(s);
        if (hex >= 0 && (at < 0 || hex < at)) {
            at = hex;
            length = 8;
        }
        int raw = rawHeader(s);
        if (raw >= 0 && (at < 0 || raw < at)) {
            at = raw;
            length = 4;
        }
        if (at >= 0) {
            findings.report(at == start ? JavaRules.SERIALIZED_OBJECT : JavaRules.SERIALIZED_EMBEDDED, at, at + length);
        }
        if (s.startsWith(GZIP_BASE64, start)) {
            findings.report(JavaRules.GZIP_BASE64, start, start + GZIP_BASE64.length());
        }
    }

    private static int earliest(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** First {@code aced0005} in any case, found from its digits by {@code String.indexOf}. */
    private static int hexHeader(String s) {
        for (int digits = s.indexOf("0005", 4); digits >= 0; digits = s.indexOf("0005", digits + 1)) {
            if (Ascii.matchesAt(s, digits - 4, "aced0005")) {
                return digits - 4;
            }
        }
        return -1;
    }

    /**
     * First raw header: bytes AC ED 00 05 read as Latin-1, or with invalid bytes replaced. The
     * candidates of each first character are found separately, and only the one taken moves on,
     * so that neither search rereads the value.
     */
    private static int rawHeader(String s) {
        int nextNot = s.indexOf('\u00ac');
        int nextReplacement = s.indexOf('\ufffd');
        while (nextNot >= 0 || nextReplacement >= 0) {
            int i = earliest(nextNot, nextReplacement);
            if (i + 3 >= s.length()) {
                return -1;
            }
            char b = s.charAt(i + 1);
            if ((b == '\u00ed' || b == '\ufffd') && s.charAt(i + 2) == 0 && s.charAt(i + 3) == 5) {
                return i;
            }
            if (i == nextNot) {
                nextNot = s.indexOf('\u00ac', i + 1);
            } else {
                nextReplacement = s.indexOf('\ufffd', i + 1);
            }
        }
        return -1;
    }

    /** First index after leading whitespace and quotes. */
    private static int contentStart(String s) {
        int i = 0;
        while (i < s.length() && (Ascii.isSpace(s.charAt(i)) || s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            i++;
        }
        return i;
    }

    /**
     * Identifiers and dotted names: gadget and dangerous class names in Java context, whole values
     * that are names in a sensitive package, and property paths into the class loader. Each name is
     * walked once, without allocating.
     */
    private static void scanNames(String s, boolean wholeValueRule, Findings findings) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!(Ascii.isIdentStart(c) || c == '$') || (i > 0 && isNameChar(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            int from = i;
            int j = i;
            if (from == 0 || !isPathSeparator(s.charAt(from - 1))) {
                // A lone word reports nothing unless a path separator leads to it: skip its lookup.
                while (j < n && Ascii.isJavaIdentPart(s.charAt(j))) {
                    j++;
                }
                if (!(j + 1 < n && s.charAt(j) == '.' && isSegmentStart(s.charAt(j + 1)))) {
                    i = Math.max(j, i + 1);
                    continue;
                }
                j = i;
            }
            int count = 0;
            int all = 0;
            int firstFlags = 0;
            int dangerous = 0;
            int gadgets = 0;
            boolean rooted = false;
            boolean sensitive = false;
            // Ends of the name's first three segments: the packages a sensitive-name check looks at.
            int end1 = -1;
            int end2 = -1;
            int end3 = -1;
            while (true) {
                int segStart = j;
                while (j < n && Ascii.isJavaIdentPart(s.charAt(j))) {
                    j++;
                }
                int f = JavaNames.SEGMENTS.flags(s, segStart, j);
                if ((f & JavaNames.LOADER_HOP) != 0) {
                    propertyHop(s, segStart, j, findings);
                }
                all |= f;
                if ((f & JavaNames.DANGEROUS) != 0) {
                    dangerous++;
                }
                if ((f & (JavaNames.GADGET | JavaNames.GADGET_WEAK)) != 0) {
                    gadgets++;
                }
                if (count == 0) {
                    firstFlags = f;
                    rooted = (f & JavaNames.ROOT) != 0;
                } else if (count == 1 && (f & JavaNames.ROOT2) != 0
                        && (Ascii.rangeEquals(s, from, segStart - 1, "com") || Ascii.rangeEquals(s, from, segStart - 1, "org")
                                || Ascii.rangeEquals(s, from, segStart - 1, "ch"))) {
                    rooted = true;
                }
                if (count == 0) {
                    end1 = j;
                } else if (count == 1) {
                    end2 = j;
                } else if (count == 2) {
                    end3 = j;
                }
                count++;
                if (j + 1 < n && s.charAt(j) == '.' && isSegmentStart(s.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            if (count >= 3) {
                // Only names of three or more segments can make the rule that asks.
                sensitive = JavaNames.SENSITIVE_PACKAGES.contains(s, from, end1)
                        || JavaNames.SENSITIVE_PACKAGES.contains(s, from, end2)
                        || JavaNames.SENSITIVE_PACKAGES.contains(s, from, end3);
            }
            if (count >= 2) {
                if ((all & JavaNames.GADGET) != 0 || ((all & JavaNames.GADGET_WEAK) != 0 && (rooted || dangerous > 0))) {
                    findings.report(JavaRules.GADGET_CLASS, from, j);
                }
                int next = Ascii.skipSpaces(s, j, n);
                boolean called = next < n && s.charAt(next) == '(';
                if (dangerous > 0 && (rooted || dangerous + gadgets > 1 || called)) {
                    findings.report(JavaRules.DANGEROUS_CLASS, from, j);
                }
                if (wholeValueRule && sensitive && count >= 3 && isFieldStart(s, from) && isFieldEnd(s, j)) {
                    findings.report(JavaRules.CLASS_NAME_VALUE, from, j);
                }
            }
            i = Math.max(j, i + 1);
        }
    }

    private static boolean isSegmentStart(char c) {
        return Ascii.isIdentStart(c) || c == '$';
    }

    private static boolean isNameChar(char c) {
        return Ascii.isJavaIdentPart(c) || c == '.';
    }

    /**
     * Whether a name starts a whole field: the value itself, or the value of a {@code key=value},
     * {@code "key": "value"} or list item in a raw body.
     */
    private static boolean isFieldStart(String s, int start) {
        int i = start - 1;
        if (i >= 0 && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            i--;
        }
        while (i >= 0 && Ascii.isSpace(s.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return true;
        }
        char c = s.charAt(i);
        return c == '=' || c == ':' || c == ',' || c == '[' || c == '{' || c == '&' || c == ';';
    }

    private static boolean isFieldEnd(String s, int end) {
        int i = end;
        if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            i++;
        }
        while (i < s.length() && Ascii.isSpace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length()) {
            return true;
        }
        char c = s.charAt(i);
        return c == '&' || c == ';' || c == ',' || c == ']' || c == '}';
    }

    /**
     * {@code class.classLoader}, {@code class.module.classLoader}, {@code class['classLoader']}:
     * data binding walking from any bean into its class loader. {@code [at, after)} holds
     * {@code classLoader} or {@code protectionDomain}; the property before it decides.
     */
    private static void propertyHop(String s, int at, int after, Findings findings) {
        int j = at - 1;
        int separators = 0;
        boolean hopSeparator = false;
        while (j >= 0 && separators < 4 && isPathSeparator(s.charAt(j))) {
            hopSeparator |= s.charAt(j) == '.' || s.charAt(j) == '[';
            separators++;
            j--;
        }
        int identEnd = j + 1;
        int identStart = identEnd;
        while (identStart > 0 && identEnd - identStart < 12 && Ascii.isJavaIdentPart(s.charAt(identStart - 1))) {
            identStart--;
        }
        if (hopSeparator && identStart < identEnd) {
            boolean fromClass = Ascii.rangeEquals(s, identStart, identEnd, "class")
                    || Ascii.rangeEquals(s, identStart, identEnd, "module");
            boolean loader = Ascii.rangeEquals(s, at, after, "classloader");
            findings.report(fromClass && loader ? JavaRules.CLASSLOADER_ACCESS : JavaRules.CLASSLOADER_PATH,
                    identStart, after);
        }
    }

    private static boolean isPathSeparator(char c) {
        return c == '.' || c == '[' || c == ']' || c == '\'' || c == '"';
    }

    /**
     * Calls: {@code getRuntime()}, {@code ProcessBuilder(}, reflective methods on a receiver,
     * {@code new InitialContext(}. Looks back from each {@code (} over whitespace and comments to
     * the callee, a bounded distance, so no tokenizer is needed.
     */
    private static void scanCalls(String s, Findings findings) {
        for (int paren = s.indexOf('('); paren >= 0; paren = s.indexOf('(', paren + 1)) {
            int nameEnd = skipBackOverSpace(s, paren - 1) + 1;
            int nameStart = nameEnd;
            while (nameStart > 0 && nameEnd - nameStart < 64 && Ascii.isJavaIdentPart(s.charAt(nameStart - 1))) {
                nameStart--;
            }
            if (nameStart == nameEnd || !Ascii.isIdentStart(s.charAt(nameStart))) {
                continue;
            }
            if (Ascii.rangeEquals(s, nameStart, nameEnd, "getruntime")
                    || Ascii.rangeEquals(s, nameStart, nameEnd, "processbuilder")) {
                findings.report(JavaRules.RUNTIME_EXEC, nameStart, paren + 1);
                continue;
            }
            int before = skipBackOverSpace(s, nameStart - 1);
            boolean member = before >= 0 && s.charAt(before) == '.';
            if (member && JavaNames.REFLECTIVE_METHODS.contains(s, nameStart, nameEnd)) {
                findings.report(JavaRules.REFLECTION_CALL, nameStart, paren + 1);
            } else if ((JavaNames.SEGMENTS.flags(s, nameStart, nameEnd) & JavaNames.DANGEROUS) != 0
                    && (member || (before >= 2 && Ascii.matchesAt(s, before - 2, "new")
                            && (before < 3 || !Ascii.isIdentPart(s.charAt(before - 3)))))) {
                findings.report(JavaRules.DANGEROUS_CLASS, nameStart, paren + 1);
            }
        }
    }

    /** Index of the last character at or before {@code i} that is not whitespace or inside a comment. */
    private static int skipBackOverSpace(String s, int i) {
        int limit = Math.max(-1, i - 64);
        while (i > limit) {
            char c = s.charAt(i);
            if (Ascii.isSpace(c)) {
                i--;
            } else if (c == '/' && i > 0 && s.charAt(i - 1) == '*') {
                int open = i - 2;
                while (open > limit && !(s.charAt(open) == '/' && open + 1 < s.length() && s.charAt(open + 1) == '*')) {
                    open--;
                }
                if (open <= limit) {
                    return i;
                }
                i = open - 1;
            } else {
                return i;
            }
        }
        return i;
    }

    /**
     * OGNL as injected into Struts: {@code #_memberAccess}, {@code @java.lang.Runtime@getRuntime()},
     * {@code %{(#a=...)}}, {@code (#context[...])}.
     */
    private static void scanOgnl(String s, Findings findings) {
        int n = s.length();
        int bypass = Ascii.indexOfIgnoreCase(s, "_memberaccess", 0);
        if (bypass < 0) {
            bypass = Ascii.indexOfIgnoreCase(s, "default_member_access", 0);
        }
        if (bypass >= 0) {
            findings.report(JavaRules.OGNL_SANDBOX_BYPASS, bypass, bypass + 13);
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '@' && i + 1 < n && Ascii.isIdentStart(s.charAt(i + 1))) {
                staticAccess(s, i, findings);
            } else if (c == '#' && i + 1 < n && (Ascii.isIdentStart(s.charAt(i + 1)))) {
                contextVariable(s, i, findings);
            } else if (c == '%' && i + 1 < n && s.charAt(i + 1) == '{') {
                int j = Ascii.skipSpaces(s, i + 2, n);
                if (j < n && (s.charAt(j) == '#' || s.charAt(j) == '@'
                        || (s.charAt(j) == '(' && j + 1 < n && (s.charAt(j + 1) == '#' || s.charAt(j + 1) == '@')))) {
                    findings.report(JavaRules.OGNL_EXPRESSION, i, j + 1);
                }
            }
        }
    }

    /** {@code @qualified.Name@member}: OGNL static field or method access. */
    private static void staticAccess(String s, int at, Findings findings) {
        int n = s.length();
        int j = at + 1;
        int segments = 0;
        boolean dangerous = false;
        int firstEnd = -1;
        while (true) {
            int segStart = j;
            while (j < n && Ascii.isJavaIdentPart(s.charAt(j))) {
                j++;
            }
            if (firstEnd < 0) {
                firstEnd = j;
            }
            dangerous |= (JavaNames.SEGMENTS.flags(s, segStart, j) & JavaNames.DANGEROUS) != 0;
            segments++;
            if (j + 1 < n && s.charAt(j) == '.' && Ascii.isIdentStart(s.charAt(j + 1)) && segments < 32) {
                j++;
            } else {
                break;
            }
        }
        if (segments < 2 || j + 1 >= n || s.charAt(j) != '@' || !Ascii.isIdentStart(s.charAt(j + 1))) {
            return;
        }
        boolean rooted = (JavaNames.SEGMENTS.flags(s, at + 1, firstEnd) & JavaNames.ROOT) != 0
                || Ascii.matchesAt(s, at + 1, "com.") || Ascii.matchesAt(s, at + 1, "org.");
        if (dangerous) {
            findings.report(JavaRules.OGNL_SANDBOX_BYPASS, at, j + 1);
        } else if (rooted) {
            findings.report(JavaRules.OGNL_EXPRESSION, at, j + 1);
        }
    }

    /** {@code #context[...]}, {@code #request.x}, {@code (#cmd=...)}. */
    private static void contextVariable(String s, int at, Findings findings) {
        int n = s.length();
        int j = at + 1;
        while (j < n && Ascii.isJavaIdentPart(s.charAt(j))) {
            j++;
        }
        if (j >= n) {
            return;
        }
        char next = s.charAt(j);
        char before = at > 0 ? s.charAt(at - 1) : 0;
        boolean known = JavaNames.OGNL_VARIABLES.contains(s, at + 1, j);
        boolean assignment = before == '(' && next == '=' && (j + 1 >= n || s.charAt(j + 1) != '=');
        boolean access = known && (next == '[' || next == '.' || next == '=' || next == '(')
                && (before == '(' || before == '{' || before == ',' || before == '.' || before == '+'
                        || before == '=' || before == 0);
        if (assignment || access) {
            findings.report(JavaRules.OGNL_EXPRESSION, at, j + 1);
        }
    }

    /** {@code <java class="java.beans.XMLDecoder">}, {@code <void method="start"/>}, {@code <dynamic-proxy>}. */
    private static void scanXmlObjectGraph(String s, Findings findings) {
        int n = s.length();
        for (int i = s.indexOf('<'); i >= 0 && i + 1 < n; i = s.indexOf('<', i + 1)) {
            int j = i + 1;
            while (j < n && (Ascii.isLetter(s.charAt(j)) || s.charAt(j) == '-')) {
                j++;
            }
            if (j == i + 1 || !XML_ACTIVE_TAGS.contains(s, i + 1, j)) {
                continue;
            }
            boolean proxy = Ascii.rangeEquals(s, i + 1, j, "dynamic-proxy")
                    || Ascii.rangeEquals(s, i + 1, j, "sorted-set");
            if (proxy && j < n && (s.charAt(j) == '>' || Ascii.isSpace(s.charAt(j)))) {
                findings.report(JavaRules.XML_OBJECT_GRAPH, i, j);
                return;
            }
            int a = Ascii.skipSpaces(s, j, n);
            if (a == j) {
                continue;
            }
            int attrEnd = a;
            while (attrEnd < n && Ascii.isLetter(s.charAt(attrEnd))) {
                attrEnd++;
            }
            int eq = Ascii.skipSpaces(s, attrEnd, n);
            if (eq >= n || s.charAt(eq) != '=') {
                continue;
            }
            boolean active;
            if (Ascii.rangeEquals(s, i + 1, j, "void")) {
                active = Ascii.rangeEquals(s, a, attrEnd, "method") || Ascii.rangeEquals(s, a, attrEnd, "property")
                        || Ascii.rangeEquals(s, a, attrEnd, "class") || Ascii.rangeEquals(s, a, attrEnd, "index");
            } else if (Ascii.rangeEquals(s, i + 1, j, "java")) {
                active = Ascii.rangeEquals(s, a, attrEnd, "version") || Ascii.rangeEquals(s, a, attrEnd, "class");
            } else {
                int q = Ascii.skipSpaces(s, eq + 1, n);
                if (q < n && (s.charAt(q) == '"' || s.charAt(q) == '\'')) {
                    q++;
                }
                active = Ascii.rangeEquals(s, a, attrEnd, "class")
                        && (Ascii.matchesAt(s, q, "java.") || Ascii.matchesAt(s, q, "javax.")
                                || Ascii.matchesAt(s, q, "com.sun.") || Ascii.matchesAt(s, q, "org.")
                                || Ascii.matchesAt(s, q, "sun."));
            }
            if (active) {
                findings.report(JavaRules.XML_OBJECT_GRAPH, i, attrEnd);
                return;
            }
        }
    }

    /** Whether decoded bytes hold a keyword; a common word only when it is nearly all there is. */
    private static boolean encodesKeyword(char[] buf, int len) {
        int from = 0;
        while (from < len) {
            long hit = JavaNames.ENCODED_KEYWORDS.find(buf, from, len);
            if (hit < 0) {
                return false;
            }
            int keyword = (int) (hit & 0xFFFF);
            if (keyword >= JavaNames.COMMON_ENCODED_KEYWORDS
                    || len - JavaNames.ENCODED_KEYWORDS.keyword(keyword).length() <= JavaNames.COMMON_KEYWORD_SLACK) {
                return true;
            }
            from = (int) (hit >>> 16) + 1;
        }
        return false;
    }

    /** Base64 runs decoded at every alignment, searched for gadget and command class names. */
    private static void scanEncodedKeywords(String s, Findings findings) {
        int n = s.length();
        char[] buf = null;
        int i = 0;
        while (i < n) {
            if (Base64Text.sextet(s.charAt(i)) < 0) {
                i++;
                continue;
            }
            int end = Base64Text.runEnd(s, i, n);
            if (end - i >= Base64Text.MIN_RUN && Base64Text.mayEncodeText(s, i, end)) {
                if (buf == null || buf.length < end - i) {
                    buf = new char[Math.max(64, end - i)];
                }
                for (int skip = 0; skip <= 4; skip += 2) {
                    int len = Base64Text.decode(s, i, end, skip, buf);
                    if (encodesKeyword(buf, len)) {
                        findings.report(JavaRules.ENCODED_KEYWORD, i, end);
                        return;
                    }
                }
            }
            i = end;
        }
    }
}
