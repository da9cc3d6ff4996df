package dev.bulwark.core.internal.template;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.CharPositions;
import dev.bulwark.core.internal.rules.CodeLexer;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.TextProfile;
import dev.bulwark.core.internal.rules.UnescapedText;
import dev.bulwark.core.internal.rules.Unescaper;

/**
 * Server-side template and expression-language injection (rule key {@code TEMPLATE}): a value that
 * reaches a template engine or an expression evaluator runs as code (Jinja2, Twig, Freemarker,
 * Velocity, Thymeleaf, ERB, JSP/EL, SpEL, OGNL, AngularJS).
 *
 * <p>The detector finds template delimiters ({@code ${...}}, {@code #{...}}, {@code *{...}},
 * {@code {{...}}}, {@code {%...%}}, {@code <%...%>}, {@code [[...]]}, {@code <#...>},
 * {@code #set(...)}, Razor {@code @(...)}, Smarty {@code {$...}}) with a bounded stack, then judges what is inside as an expression. A
 * delimiter alone is not an attack: {@code Hello {{name}}}, {@code ${name}} and {@code ${5}} are
 * placeholders and prices. Reported are contents that compute ({@code 7*7}), call
 * ({@code t.x()}), run statements that import, include or assign ({@code {% import %}},
 * {@code <#assign>}, or test a literal as probes do, {@code {% if True %}}; control flow on data,
 * {@code {% if user %}}, at STRICT), or name objects that lead to code execution
 * ({@code __class__}, {@code config}, {@code getRuntime}, {@code T(java.lang.Runtime)}), also when a
 * name is joined from string pieces ({@code ""["__cla"~"ss__"]}) or read from a SpEL bean or the
 * environment ({@code #{@systemEnvironment['KEY']}}). Backticks inside Ruby {@code #{...}}, PHP
 * {@code ${...}} and ERB run a shell command; Handlebars block helpers ({@code {{#with x}}}) are
 * statements, but {@code {{#each items}}} and {@code {{#if user}}} on data are control flow, STRICT as
 * {@code {% if user %}} is; a closed Smarty block whose condition calls a function ({@code {if system('id')}{/if}})
 * is an expression, as Smarty compiles the condition to PHP. A plain property reference ({@code {{user.name}}}) is reported at STRICT only.
 *
 * <p>With the default level (STANDARD) every rule but the STRICT property reference is on; BASIC
 * keeps only expressions that call into or walk to code-execution objects.
 *
 * <p>Delimiter nesting is bounded at {@value #MAX_DEPTH} and each expression is judged over at
 * most {@value #MAX_EXPRESSION} characters, so the scan is linear.
 *
 * @see <a href="https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/18-Testing_for_Server-side_Template_Injection">OWASP WSTG: Server-side Template Injection</a>
 */
public final class TemplateInjectionDetector extends RuleFamily {

    static final int MAX_DEPTH = 16;
    static final int MAX_EXPRESSION = 2048;

    // Delimiter kinds.
    private static final int DOLLAR = 1;
    private static final int HASH = 2;
    private static final int STAR = 3;
    private static final int AT = 4;
    private static final int TILDE = 5;
    private static final int MUSTACHE = 6;
    private static final int BLOCK = 7;
    private static final int SCRIPTLET = 8;
    private static final int INLINE = 9;
    private static final int INLINE_PAREN = 10;
    private static final int FTL_DIRECTIVE = 11;
    private static final int VELOCITY = 12;
    /** Razor {@code @(...)}: an explicit C# expression. */
    private static final int RAZOR = 13;
    /** Smarty {@code {$...}}: a variable tag, judged only for the objects it names. */
    private static final int SMARTY = 14;

    private static final int EXECUTION_NAME = 1;
    private static final int SENSITIVE_NAME = 2;

    /**
     * Names that lead from inside a template to code execution (the Python object graph, Java
     * reflection, OGNL and Node.js internals), and names of objects that leak configuration and
     * secrets (Flask {@code config}, JSP implicit objects, Jinja2 globals).
     */
    private static final Lexicon DANGEROUS_NAMES = Lexicon.builder()
            .add(EXECUTION_NAME, "__class__", "__mro__", "__subclasses__", "__globals__", "__builtins__",
                    "__import__", "__init__", "__base__", "__bases__", "__dict__", "__getattribute__",
                    "__reduce__", "mro", "subclasses", "popen", "system", "exec", "eval", "getruntime",
                    "runtime", "processbuilder", "getclass", "forname", "classloader", "getclassloader",
                    "newinstance", "getdeclaredmethod", "scriptenginemanager", "getenginebyname",
                    "objectconstructor", "jythonruntime", "_memberaccess", "ognlcontext", "_self",
                    "registerundefinedfiltercallback", "getfilter", "subprocess", "child_process",
                    "mainmodule", "constructor", "freemarker")
            .add(SENSITIVE_NAME, "config", "settings", "self", "lipsum", "cycler", "joiner", "namespace",
                    "url_for", "get_flashed_messages", "servletcontext", "pagecontext", "facescontext",
                    "applicationscope", "initparam", "systemproperties", "systemenvironment", "sessionscope",
                    "requestscope", "pagescope", "smarty")
            .build();

    /**
     * Statement keywords that only choose or repeat what a template prints: the {@code {% if %}}
     * and {@code {% for %}} of the e-mail and page templates that users of a CMS write. They are a
     * probe at most; statements that import, include, assign or define stay at STANDARD, and
     * anything inside them that computes, calls or names a dangerous object is judged as usual.
     */
    private static final Lexicon CONTROL_KEYWORDS = Lexicon.of(
            "if", "elif", "else", "endif", "for", "endfor", "while", "unless", "case", "when", "each", "end",
            "with", "endwith", "raw", "endraw", "autoescape", "endautoescape", "block", "endblock", "spaceless",
            "verbatim", "capture", "cycle", "tablerow", "list", "items", "sep", "switch", "break", "continue",
            "compress", "escape", "noescape", "noparse", "outputformat", "endunless", "endcase", "endcapture",
            "endeach", "endwhile", "endswitch");

    /** Longest value judged as a polyglot probe, in characters. */
    private static final int MAX_PROBE = 64;

    /** Openers of template languages, as pairs of characters, for {@link #isPolyglotProbe}. */
    private static final String[] PROBE_OPENERS = {"${", "{{", "<%", "[%", "#{", "{%", "*{", "@(", "[["};

    /**
     * Punctuation only (no letter or digit) with the openers of at least three template languages:
     * {@code ${{<%[%'"}}%\.} makes whichever engine reads it fail, and its error names the engine.
     */
    static boolean isPolyglotProbe(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Ascii.isAlnum(s.charAt(i)) || s.charAt(i) >= 0x80) {
                return false;
            }
        }
        int kinds = 0;
        for (String opener : PROBE_OPENERS) {
            if (s.contains(opener)) {
                kinds++;
            }
        }
        return kinds >= 3;
    }

    /** Smarty block tags whose condition Smarty compiles to PHP, with the tag that closes each. */
    private static final String[][] SMARTY_BLOCKS = {{"{if ", "{/if}"}, {"{elseif ", "{/if}"}, {"{while ", "{/while}"}};

    /**
     * A Smarty block whose condition calls a function: {@code {if system('id')}{/if}}. Without a
     * security policy Smarty compiles the condition to PHP, so any PHP function runs. The
     * condition starts with a name or a variable, not with {@code (} as an {@code if} of C or
     * JavaScript code does, and the block is closed later in the value, as Smarty needs to compile
     * it. Each condition is read to its {@code }} once, at most {@value #MAX_EXPRESSION} characters.
     *
     * <p>A pass of its own rather than a delimiter kind of {@link Scan}: it reads the value as sent
     * (the delimiter scan may read it unescaped), a block counts only when its end tag comes anywhere
     * later (the delimiter stack pairs each opener with its own closer), and a block found ends the
     * value's scan. Folding it into the delimiter scan would change verdicts.
     */
    private static boolean scanSmartyBlock(String s, DetectionSink sink) {
        if (s.lastIndexOf("{/") < 0) {
            // no closing tag: most JSON and prose with braces end here after one pass
            return false;
        }
        for (String[] block : SMARTY_BLOCKS) {
            String open = block[0];
            int close = s.lastIndexOf(block[1]);
            int end = -1;
            for (int at = s.indexOf(open); at >= 0 && at < close; at = s.indexOf(open, at + 1)) {
                int from = Ascii.skipSpaces(s, at + open.length(), close);
                if (from >= close || !(Ascii.isLetter(s.charAt(from)) || s.charAt(from) == '$')) {
                    continue;
                }
                if (end < from) {
                    // the braces are found in order, so the value is read once
                    end = s.indexOf('}', from);
                }
                if (end < 0 || end > close) {
                    break;
                }
                if (end - from <= MAX_EXPRESSION) {
                    Expression e = Expression.of(s, from, end);
                    if (e.calls > 0) {
                        sink.report(e.executes ? TemplateRules.CODE_EXECUTION : TemplateRules.EXPRESSION, at,
                                end + 1 - at);
                        return true;
                    }
                }
                // a later opener before the same brace reads part of this condition again
                at = end;
            }
        }
        return false;
    }

    /** .NET namespaces and types under {@code System} that start processes or reach files, the network or types. */
    private static final Lexicon DOTNET_DANGEROUS = Lexicon.of(
            "Diagnostics", "IO", "Reflection", "Environment", "Activator", "AppDomain", "Net", "Runtime", "Web",
            "Type", "Management", "CodeDom");

    /** Longest Razor implicit expression read, in characters. */
    private static final int MAX_RAZOR_CHAIN = 200;

    /**
     * A Razor implicit expression that calls into {@code System}: {@code @System.Diagnostics.Process.Start("cmd")},
     * {@code @System.IO.File.ReadAllText(...)}. Razor needs no delimiter around {@code @name.name(...)},
     * so the delimiter scan does not see it; a call on a dangerous {@code System} namespace is
     * reported as an expression.
     */
    private static boolean scanRazorImplicitCall(String s, DetectionSink sink) {
        for (int at = s.indexOf("@System."); at >= 0; at = s.indexOf("@System.", at + 1)) {
            int segmentStart = at + "@System.".length();
            int i = segmentStart;
            boolean dangerous = false;
            int limit = Math.min(s.length(), at + MAX_RAZOR_CHAIN);
            while (i < limit) {
                char c = s.charAt(i);
                if (c == '.') {
                    dangerous |= DOTNET_DANGEROUS.contains(s, segmentStart, i);
                    segmentStart = i + 1;
                } else if (!Ascii.isAlnum(c) && c != '_') {
                    break;
                }
                i++;
            }
            if (dangerous && i < s.length() && s.charAt(i) == '(' && i > segmentStart) {
                sink.report(TemplateRules.EXPRESSION, at, i + 1 - at);
                return true;
            }
        }
        return false;
    }

    /**
     * JSP directives ({@code <%@ page import="java.io.*" %>}): with an attribute they import classes
     * or include files; {@code <%@ page %>} named in prose does nothing.
     */
    private static final Lexicon JSP_DIRECTIVES = Lexicon.of("page", "include", "taglib", "tag");

    /** Constants that a probe tests in place of data, for {@link #CONTROL_KEYWORDS}. */
    private static final Lexicon LITERALS = Lexicon.of("true", "false", "none", "nil", "null");

    /** Statement keywords of Jinja2/Twig/Django/Liquid, ERB, Freemarker and Velocity. */
    private static final Lexicon STATEMENT_KEYWORDS = Lexicon.of(
            "if", "elif", "else", "endif", "for", "endfor", "while", "set", "import", "from", "include",
            "extends", "block", "macro", "call", "filter", "with", "load", "raw", "autoescape", "debug",
            "print", "do", "assign", "list", "local", "global", "function", "return", "setting",
            "attempt", "recover", "visit", "recurse", "ftl", "foreach", "evaluate", "parse", "define",
            "each", "end", "unless", "case", "when", "capture", "cycle", "tablerow", "render", "liquid",
            "puts", "require", "system", "exec", "eval", "def", "class", "begin", "spawn", "endblock",
            "endmacro", "endwith", "endfilter", "endset", "embed", "sandbox", "verbatim", "apply",
            "use", "flush", "spaceless", "deprecated", "macro", "nested", "stop", "compress", "escape",
            "noescape", "items", "sep", "switch", "break", "continue", "outputformat", "noparse");

    /** Handlebars block helpers, opened as {@code {{#with x}}}. */
    private static final Lexicon HANDLEBARS_HELPERS = Lexicon.of("with", "each", "if", "unless", "let", "lookup",
            "log", "blockhelpermissing", "helpermissing");

    /**
     * Handlebars block helpers that only choose or repeat what a template prints, as {@code {% if %}}
     * and {@code {% for %}} do: {@code {{#each items}}} and {@code {{#if user}}} in the e-mail templates
     * users of a CMS write. On data they are a control statement (STRICT); on a literal, as probes
     * write them, and the helpers that bind or look up names ({@code {{#with "s" as |string|}}}, the
     * start of the known sandbox escapes), they stay a statement.
     */
    private static final Lexicon HANDLEBARS_CONTROL_HELPERS = Lexicon.of("each", "if", "unless");

    private static final Lexicon VELOCITY_DIRECTIVES = Lexicon.of("set", "foreach", "if", "elseif", "macro",
            "evaluate", "parse", "include", "define");

    private static final Lexicon FREEMARKER_BUILTINS = Lexicon.of("new", "api", "eval", "interpret",
            "exec", "eval_json");

    private static final Lexicon LOG4J_PREFIXES = Lexicon.of("jndi", "env", "sys", "java", "ctx", "main",
            "date", "lower", "upper", "base64", "bundle", "docker", "k8s", "kubernetes", "log4j",
            "jvmrunargs", "map", "marker", "sd", "spring", "web", "event");

    public TemplateInjectionDetector() {
        super(TemplateRules.KEY, TemplateRules.ALL);
    }

    /**
     * Characters without which the loop below finds nothing: those of opener pairs, directives,
     * built-ins and escapes ({@code $} needs {@code (} as well).
     */
    private static final AsciiSet CANDIDATES = AsciiSet.of("{%[(#?&\\");

    /** ASCII characters the quick scan below looks at in themselves. */
    private static final AsciiSet INTERESTING = AsciiSet.of("{%[(#&\\$");
    /** The characters of {@link #INTERESTING} and the sigils the character after which counts. */
    private static final AsciiSet MARKS = INTERESTING.union(AsciiSet.of("?"));

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        if (target.profile().has('@') && scanRazorImplicitCall(target.text(), sink)) {
            return;
        }
        if (target.text().length() <= MAX_PROBE && isPolyglotProbe(target.text())) {
            sink.report(TemplateRules.POLYGLOT_PROBE, 0, target.text().length());
            return;
        }
        if (!target.profile().hasAny(CANDIDATES)) {
            return;
        }
        String value = target.text();
        if (target.profile().has('{') && scanSmartyBlock(value, sink)) {
            return;
        }
        QuickScan quick = quickScan(value, target.profile());
        if (quick == QuickScan.NOTHING) {
            return;
        }
        Findings findings = findings(sink, value.length());
        String s = value;
        if (quick == QuickScan.ESCAPED_TEXT) {
            UnescapedText decoded = Unescaper.decode(value);
            if (decoded.changed()) {
                findings.mapThrough(decoded);
                s = decoded.text;
            }
        }
        new Scan(s, findings).run();
    }

    /** What {@link #quickScan} found: nothing to judge, or the text to judge as it is or with its escapes decoded. */
    enum QuickScan { NOTHING, TEXT, ESCAPED_TEXT }

    /**
     * The quick scan of {@code value}, whose profile is {@code profile}: whether it has an opener
     * pair, a directive or built-in, an escape (before the first of those), or a {@code $name}
     * reference next to a parenthesis.
     */
    static QuickScan quickScan(String value, TextProfile profile) {
        boolean candidates = false;
        boolean escapes = false;
        boolean reference = false;
        boolean paren = false;
        int n = value.length();
        // Only a character of INTERESTING or one right after a sigil can set a flag: look at each
        // mark and the character after it, in order, and skip the rest.
        CharPositions marks = new CharPositions(value, MARKS, profile);
        int unseen = 0;
        for (int mark = marks.next(0); mark >= 0 && !candidates; mark = marks.next(mark + 1)) {
            for (int i = Math.max(mark, unseen), end = Math.min(mark + 2, n); i < end && !candidates; i++) {
                unseen = i + 1;
                char c = value.charAt(i);
                char prev = i > 0 ? value.charAt(i - 1) : 0;
                if (!INTERESTING.contains(c) && prev != '$' && prev != '#' && prev != '?') {
                    // No branch below applies: not an opener, escape or parenthesis, nor after a sigil.
                    continue;
                }
                if (isOpenerPair(prev, c)) {
                    candidates = true;
                } else if (c == '%' || c == '&' || c == '\\') {
                    escapes = true;
                } else if (c == '(') {
                    paren = true;
                } else if (prev == '$' && Ascii.isIdentStart(c)) {
                    reference = true;
                } else if (prev == '#' && Ascii.isLetter(c)) {
                    candidates = startsWord(value, i, VELOCITY_DIRECTIVES);
                } else if (prev == '?' && Ascii.isLetter(c)) {
                    candidates = startsWord(value, i, FREEMARKER_BUILTINS);
                }
            }
        }
        if (!candidates && !escapes && !(reference && paren)) {
            return QuickScan.NOTHING;
        }
        return escapes ? QuickScan.ESCAPED_TEXT : QuickScan.TEXT;
    }

    /**
     * Whether two adjacent characters can start something this detector judges: a delimiter,
     * a Velocity directive, a SpEL type reference or a Freemarker built-in.
     */
    private static boolean isOpenerPair(char a, char b) {
        return switch (b) {
            case '{' -> a == '$' || a == '#' || a == '*' || a == '@' || a == '~' || a == '{';
            case '$' -> a == '{';
            case '%' -> a == '{' || a == '<';
            case '[', '(' -> a == '[' || (b == '(' && (a == 'T' || a == '@'));
            case '#' -> a == '<';
            default -> false;
        };
    }

    /** Whether a word of {@code words} starts at {@code i} (followed by a non-letter). */
    private static boolean startsWord(String s, int i, Lexicon words) {
        int j = i;
        while (j < s.length() && j - i <= words.maxLength() && Ascii.isLetter(s.charAt(j))) {
            j++;
        }
        return words.contains(s, i, j);
    }

    /** One scan: a stack of open delimiters; each closed delimiter's contents are judged. */
    private static final class Scan {
        private final String s;
        private final Findings findings;
        private final int[] kinds = new int[MAX_DEPTH];
        private final int[] opens = new int[MAX_DEPTH];
        private final int[] contentStarts = new int[MAX_DEPTH];
        private final int[] nesting = new int[MAX_DEPTH];
        private final boolean[] preprocessed = new boolean[MAX_DEPTH];
        private int depth;

        Scan(String s, Findings findings) {
            this.s = s;
            this.findings = findings;
        }

        void run() {
            int n = s.length();
            int i = 0;
            while (i < n) {
                int consumed = depth > 0 ? tryClose(i) : 0;
                if (consumed > 0) {
                    i += consumed;
                    continue;
                }
                consumed = tryOpen(i);
                if (consumed > 0) {
                    i += consumed;
                    continue;
                }
                char c = s.charAt(i);
                if (depth > 0) {
                    int top = depth - 1;
                    if ((c == '{' && closesWithBrace(kinds[top]))
                            || (c == '(' && (kinds[top] == VELOCITY || kinds[top] == RAZOR))) {
                        nesting[top]++;
                    }
                }
                if (c == 'T' && i + 1 < n && s.charAt(i + 1) == '(' && (i == 0 || !Ascii.isJavaIdentPart(s.charAt(i - 1)))) {
                    typeReference(i);
                } else if (c == '?' && i > 0) {
                    freemarkerBuiltin(i);
                } else if (c == '$' && i + 1 < n && Ascii.isIdentStart(s.charAt(i + 1))) {
                    velocityReference(i);
                }
                i++;
            }
            while (depth > 0) {
                depth--;
                judge(depth, n, false);
            }
        }

        private static boolean closesWithBrace(int kind) {
            return kind == DOLLAR || kind == HASH || kind == STAR || kind == AT || kind == TILDE || kind == MUSTACHE
                    || kind == SMARTY;
        }

        /** Opens a delimiter at {@code i}; returns the characters consumed, or 0. */
        private int tryOpen(int i) {
            int n = s.length();
            if (i + 1 >= n) {
                return 0;
            }
            char c = s.charAt(i);
            char d = s.charAt(i + 1);
            int kind = 0;
            int width = 2;
            switch (c) {
                case '$' -> kind = d == '{' ? DOLLAR : 0;
                case '#' -> {
                    if (d == '{') {
                        kind = HASH;
                    } else if (Ascii.isLetter(d)) {
                        int j = i + 1;
                        while (j < n && j - i < 12 && Ascii.isLetter(s.charAt(j))) {
                            j++;
                        }
                        int k = Ascii.skipSpaces(s, j, n);
                        if (k < n && s.charAt(k) == '(' && VELOCITY_DIRECTIVES.contains(s, i + 1, j)) {
                            kind = VELOCITY;
                            width = k + 1 - i;
                        }
                    }
                }
                case '*' -> kind = d == '{' ? STAR : 0;
                case '@' -> kind = d == '{' ? AT
                        : d == '(' && (i == 0 || !Ascii.isJavaIdentPart(s.charAt(i - 1))) ? RAZOR : 0;
                case '~' -> kind = d == '{' ? TILDE : 0;
                case '{' -> kind = d == '{' ? MUSTACHE : d == '%' ? BLOCK
                        : d == '$' && i + 2 < n && Ascii.isIdentStart(s.charAt(i + 2)) ? SMARTY : 0;
                case '<' -> {
                    if (d == '%') {
                        kind = SCRIPTLET;
                    } else if (d == '#' && i + 2 < n && Ascii.isLetter(s.charAt(i + 2))) {
                        kind = FTL_DIRECTIVE;
                    }
                }
                case '[' -> kind = d == '[' ? INLINE : d == '(' ? INLINE_PAREN : 0;
                default -> { }
            }
            if (kind == 0) {
                return 0;
            }
            if (depth >= MAX_DEPTH) {
                return width;
            }
            kinds[depth] = kind;
            opens[depth] = i;
            contentStarts[depth] = i + width;
            nesting[depth] = 0;
            preprocessed[depth] = i >= 2 && s.charAt(i - 1) == '_' && s.charAt(i - 2) == '_'
                    && (kind == DOLLAR || kind == HASH || kind == STAR || kind == AT || kind == TILDE);
            depth++;
            return width;
        }

        /** Closes the innermost delimiter at {@code i}; returns the characters consumed, or 0. */
        private int tryClose(int i) {
            int top = depth - 1;
            int kind = kinds[top];
            char c = s.charAt(i);
            char d = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            int width = 0;
            switch (kind) {
                case DOLLAR, HASH, STAR, AT, TILDE, SMARTY -> {
                    if (c == '}') {
                        if (nesting[top] > 0) {
                            nesting[top]--;
                            return 0;
                        }
                        width = 1;
                    }
                }
                case MUSTACHE -> {
                    if (c == '}') {
                        if (nesting[top] > 0) {
                            nesting[top]--;
                            return 0;
                        }
                        width = d == '}' ? 2 : 0;
                    }
                }
                case BLOCK -> width = c == '%' && d == '}' ? 2 : 0;
                case SCRIPTLET -> width = c == '%' && d == '>' ? 2 : 0;
                case INLINE -> width = c == ']' && d == ']' ? 2 : 0;
                case INLINE_PAREN -> width = c == ')' && d == ']' ? 2 : 0;
                case FTL_DIRECTIVE -> width = c == '>' ? 1 : 0;
                case VELOCITY, RAZOR -> {
                    if (c == '(') {
                        return 0;
                    }
                    if (c == ')') {
                        if (nesting[top] > 0) {
                            nesting[top]--;
                            return 0;
                        }
                        width = 1;
                    }
                }
                default -> { }
            }
            if (width == 0) {
                return 0;
            }
            depth--;
            judge(depth, i, true);
            return width;
        }

        /**
         * Whether the condition after a control keyword is a literal ({@code {% if True %}},
         * {@code <% if 1 %>}): a template tests data, a probe tests whether its input is evaluated.
         */
        private boolean testsLiteral(int from, int to) {
            int i = from;
            while (i < to && Ascii.isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= to || i == from) {
                return false;
            }
            char c = s.charAt(i);
            if (Ascii.isDigit(c) || c == '"' || c == '\'') {
                return true;
            }
            int end = i;
            while (end < to && Ascii.isLetter(s.charAt(end))) {
                end++;
            }
            return LITERALS.contains(s, i, end);
        }

        /** Judges the contents of the delimiter at stack slot {@code slot}, ending at {@code end}. */
        private void judge(int slot, int end, boolean closed) {
            int kind = kinds[slot];
            int open = opens[slot];
            int from = contentStarts[slot];
            int to = Math.min(end, from + MAX_EXPRESSION);
            if (kind == AT && firstNonSpace(from, to) == '[') {
                return;
            }
            if (kind == SCRIPTLET && from < to && (s.charAt(from) == '=' || s.charAt(from) == '-'
                    || s.charAt(from) == '#')) {
                from++;
            }
            boolean jspDirective = kind == SCRIPTLET && from < to && s.charAt(from) == '@';
            if (jspDirective) {
                from++;
            }
            if (!isText(from, to)) {
                return;
            }
            Expression e = Expression.of(s, from, to);
            if (kind == DOLLAR && e.firstIdentEnd > 0 && e.firstIdentEnd < to
                    && s.charAt(e.firstIdentEnd) == ':' && LOG4J_PREFIXES.contains(s, e.firstIdentStart, e.firstIdentEnd)) {
                return;
            }
            if (kind == DOLLAR && firstNonSpace(from, to) == ':') {
                return;
            }
            int reportEnd = closed ? Math.min(s.length(), end + 1) : end;
            if (e.executes && (e.calls > 0 || e.chain > 0)) {
                findings.report(TemplateRules.CODE_EXECUTION, open, reportEnd);
            } else if (e.executes || e.sensitive) {
                findings.report(TemplateRules.SENSITIVE_OBJECT, open, reportEnd);
            }
            if (kind == SMARTY) {
                // "{$x->y()}" is also PHP string interpolation: only dangerous names count.
                return;
            }
            boolean keywordFirst = e.firstIdentStart >= 0 && e.firstIdentStart == firstTokenStart(from, to)
                    && STATEMENT_KEYWORDS.contains(s, e.firstIdentStart, e.firstIdentEnd);
            boolean directiveFirst = jspDirective && e.firstIdentStart >= 0 && e.firstIdentStart == firstTokenStart(from, to)
                    && JSP_DIRECTIVES.contains(s, e.firstIdentStart, e.firstIdentEnd) && e.assignments > 0;
            int helperEnd = kind == MUSTACHE ? handlebarsHelperEnd(from, to) : -1;
            boolean statement = switch (kind) {
                case BLOCK, FTL_DIRECTIVE -> keywordFirst;
                case SCRIPTLET -> keywordFirst || directiveFirst;
                case VELOCITY -> e.hasDollar || e.assignments > 0;
                case MUSTACHE -> helperEnd > 0;
                default -> false;
            };
            if (statement) {
                boolean control = kind == MUSTACHE ? isHandlebarsControl(from, helperEnd, to)
                        : keywordFirst && kind != VELOCITY
                                && CONTROL_KEYWORDS.contains(s, e.firstIdentStart, e.firstIdentEnd)
                                && !testsLiteral(e.firstIdentEnd, to);
                findings.report(control ? TemplateRules.CONTROL_STATEMENT : TemplateRules.STATEMENT, open, reportEnd);
            }
            boolean arithmetic = e.multiplications > 0
                    || (kind != INLINE && kind != INLINE_PAREN && e.otherArithmetic == 1 && e.operators == 1);
            // Backticks run a command in ERB, and in Ruby "#{...}" and PHP "${...}" interpolation.
            boolean runs = e.commands > 0 && (kind == SCRIPTLET || kind == HASH || kind == DOLLAR);
            if (closed && (e.calls > 0 || arithmetic || runs)) {
                findings.report(TemplateRules.EXPRESSION, open, reportEnd);
            }
            if (closed && preprocessed[slot] && s.startsWith("__", end + 1)) {
                findings.report(TemplateRules.PREPROCESSING, open - 2, Math.min(s.length(), end + 3));
            }
            if (closed && (e.chain > 0 || e.filters > 0 || (kind == SCRIPTLET && e.identifiers > 0))) {
                findings.report(TemplateRules.PROPERTY_REFERENCE, open, reportEnd);
            }
        }

        /** Binary data (control characters, undecodable bytes) is not a template. */
        private boolean isText(int from, int to) {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\ufffd' || (c >= 0x7f && c < 0xa0)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * {@code {{#with x}}}: a Handlebars block helper, a statement as {@code {% with %}} is. Returns
         * where the helper's name ends, or -1 when the contents open no block helper.
         */
        private int handlebarsHelperEnd(int from, int to) {
            int i = Ascii.skipSpaces(s, from, to);
            if (i >= to || s.charAt(i) != '#') {
                return -1;
            }
            int j = i + 1;
            while (j < to && Ascii.isLetter(s.charAt(j))) {
                j++;
            }
            return j < to && s.charAt(j) == ' ' && HANDLEBARS_HELPERS.contains(s, i + 1, j) ? j : -1;
        }

        /**
         * {@code {{#each items}}}, {@code {{#if user}}}: a helper that chooses or repeats, on data.
         * {@code helperEnd} is where {@link #handlebarsHelperEnd} found the helper's name to end.
         */
        private boolean isHandlebarsControl(int from, int helperEnd, int to) {
            int name = Ascii.skipSpaces(s, from, to) + 1;
            return HANDLEBARS_CONTROL_HELPERS.contains(s, name, helperEnd) && !testsLiteral(helperEnd, to);
        }

        private char firstNonSpace(int from, int to) {
            int i = Ascii.skipSpaces(s, from, to);
            return i < to ? s.charAt(i) : 0;
        }

        private int firstTokenStart(int from, int to) {
            return Ascii.skipSpaces(s, from, to);
        }

        /** SpEL {@code T(java.lang.Runtime)}: a type reference to a qualified class name. */
        private void typeReference(int at) {
            int n = s.length();
            int j = Ascii.skipSpaces(s, at + 2, n);
            int segments = 0;
            int nameStart = j;
            while (j < n && Ascii.isIdentStart(s.charAt(j)) && segments < 32) {
                while (j < n && Ascii.isJavaIdentPart(s.charAt(j))) {
                    j++;
                }
                segments++;
                if (j + 1 < n && s.charAt(j) == '.' && Ascii.isIdentStart(s.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            int close = Ascii.skipSpaces(s, j, n);
            if (segments >= 2 && close < n && s.charAt(close) == ')' && j > nameStart) {
                findings.report(TemplateRules.TYPE_REFERENCE, at, close + 1);
            }
        }

        /** Freemarker {@code "freemarker.template.utility.Execute"?new()} and {@code ?api}. */
        private void freemarkerBuiltin(int at) {
            char before = s.charAt(at - 1);
            if (!(before == '"' || before == '\'' || before == ')' || Ascii.isIdentPart(before))) {
                return;
            }
            int j = at + 1;
            while (j < s.length() && (Ascii.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < s.length() && (s.charAt(j) == '(' || s.charAt(j) == '.')
                    && FREEMARKER_BUILTINS.contains(s, at + 1, j)) {
                findings.report(TemplateRules.TYPE_REFERENCE, at, j + 1);
            }
        }

        /** Velocity {@code $x.getClass().forName(...)}: a reference calling a dangerous method. */
        private void velocityReference(int at) {
            int n = s.length();
            int j = at + 1;
            boolean dangerous = false;
            int segments = 0;
            while (j < n && segments < 32) {
                int start = j;
                while (j < n && Ascii.isIdentPart(s.charAt(j))) {
                    j++;
                }
                if (j == start) {
                    break;
                }
                segments++;
                boolean called = j < n && s.charAt(j) == '(';
                if (segments > 1 && called && (DANGEROUS_NAMES.flags(s, start, j) & EXECUTION_NAME) != 0) {
                    dangerous = true;
                    break;
                }
                if (called) {
                    break;
                }
                if (j + 1 < n && s.charAt(j) == '.') {
                    j++;
                } else {
                    break;
                }
            }
            if (dangerous) {
                findings.report(TemplateRules.CODE_EXECUTION, at, j);
            }
        }
    }

    /** What the inside of a template delimiter looks like as an expression. */
    private static final class Expression {
        int calls;
        int chain;
        int filters;
        int multiplications;
        int otherArithmetic;
        int operators;
        int identifiers;
        int assignments;
        int commands;
        boolean executes;
        boolean sensitive;
        boolean hasDollar;
        int firstIdentStart = -1;
        int firstIdentEnd = -1;
        /** The expression opens with {@code @name}, a SpEL bean reference. */
        boolean beanReference;

        /**
         * A dangerous name in a string: a dunder name written whole as a subscript ({@code
         * x['__class__']}) or any dangerous name put together from {@code parts} pieces.
         */
        void judgeString(CharSequence text, int parts, boolean subscript) {
            int n = text.length();
            boolean dunder = subscript && n > 4 && text.charAt(0) == '_' && text.charAt(1) == '_'
                    && text.charAt(n - 1) == '_' && text.charAt(n - 2) == '_';
            if (parts < 2 && !dunder) {
                return;
            }
            int danger = DANGEROUS_NAMES.flags(text, 0, n);
            executes |= (danger & EXECUTION_NAME) != 0;
            sensitive |= (danger & SENSITIVE_NAME) != 0;
        }

        /** Longest string a concatenation is followed to; the dangerous names are shorter. */
        private static final int MAX_JOINED = 48;

        static Expression of(String s, int from, int to) {
            Expression e = new Expression();
            CodeLexer lex = new CodeLexer(s, from, to, 0);
            StringBuilder joined = new StringBuilder();
            int parts = 0;
            boolean first = true;
            int prevType = CodeLexer.END;
            char prevPunct = 0;
            int beforePrevType = CodeLexer.END;
            char pendingOperator = 0;
            while (lex.next() != CodeLexer.END) {
                int type = lex.type;
                if (type == CodeLexer.IDENT) {
                    e.identifiers++;
                    if (e.firstIdentStart < 0) {
                        e.firstIdentStart = lex.start;
                        e.firstIdentEnd = lex.end;
                    }
                    int danger = DANGEROUS_NAMES.flags(s, lex.start, lex.end);
                    e.executes |= (danger & EXECUTION_NAME) != 0;
                    e.sensitive |= (danger & SENSITIVE_NAME) != 0;
                    if (prevType == CodeLexer.PUNCT && prevPunct == '.' && beforePrevType != CodeLexer.END) {
                        e.chain++;
                    }
                    if (prevType == CodeLexer.PUNCT && prevPunct == '|') {
                        e.filters++;
                    }
                } else if (type == CodeLexer.PUNCT) {
                    char c = lex.punct;
                    if (c == '(' && (prevType == CodeLexer.IDENT || (prevType == CodeLexer.PUNCT
                            && (prevPunct == ')' || prevPunct == ']')))) {
                        e.calls++;
                    } else if (c == '$') {
                        e.hasDollar = true;
                    } else if (c == '=' && lex.charAfter() != '=' && prevPunct != '=' && prevPunct != '!'
                            && prevPunct != '<' && prevPunct != '>') {
                        e.assignments++;
                    }
                    if (c == '*' || c == '/' || c == '+' || c == '-' || c == '%') {
                        e.operators++;
                        boolean operandBefore = prevType == CodeLexer.NUMBER || prevType == CodeLexer.STRING
                                || (prevType == CodeLexer.PUNCT && prevPunct == ')');
                        pendingOperator = operandBefore ? c : 0;
                    } else {
                        pendingOperator = 0;
                    }
                } else if (type == CodeLexer.NUMBER || type == CodeLexer.STRING) {
                    if (type == CodeLexer.STRING && lex.punct == '`') {
                        e.commands++;
                    } else if (type == CodeLexer.STRING) {
                        // "__cla" ~ "ss__" or '__cl' + 'ass__': a name spelled in pieces.
                        boolean joins = prevType == CodeLexer.PUNCT && (prevPunct == '~' || prevPunct == '+')
                                && beforePrevType == CodeLexer.STRING;
                        if (!joins) {
                            joined.setLength(0);
                            parts = 0;
                        }
                        int contentFrom = lex.stringContentStart();
                        int contentTo = Math.min(lex.stringContentEnd(), contentFrom + MAX_JOINED);
                        if (joined.length() + contentTo - contentFrom <= MAX_JOINED) {
                            joined.append(s, contentFrom, contentTo);
                            parts++;
                            e.judgeString(joined, parts, prevType == CodeLexer.PUNCT && prevPunct == '[');
                        }
                    }
                    if (pendingOperator != 0 && (type == CodeLexer.NUMBER || pendingOperator == '*')) {
                        if (pendingOperator == '*') {
                            e.multiplications++;
                        } else if (prevType == CodeLexer.PUNCT && type == CodeLexer.NUMBER) {
                            e.otherArithmetic++;
                        }
                    }
                    pendingOperator = 0;
                }
                if (type != CodeLexer.PUNCT) {
                    pendingOperator = 0;
                }
                if (first && type == CodeLexer.PUNCT && lex.punct == '@') {
                    e.beanReference = true;
                } else if (e.beanReference && prevType == CodeLexer.IDENT && beforePrevType == CodeLexer.PUNCT
                        && type == CodeLexer.PUNCT && (lex.punct == '[' || lex.punct == '.' || lex.punct == '(')) {
                    // SpEL "#{@systemEnvironment['KEY']}": a Spring bean read or called.
                    e.sensitive = true;
                }
                first = false;
                beforePrevType = prevType;
                prevType = type;
                prevPunct = type == CodeLexer.PUNCT ? lex.punct : 0;
            }
            return e;
        }
    }
}
