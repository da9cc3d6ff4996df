package dev.bulwark.core.internal.code.script;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.Base64Text;
import dev.bulwark.core.internal.rules.CodeLexer;
import dev.bulwark.core.internal.rules.DecodedText;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.TextProfile;
import dev.bulwark.core.internal.rules.Unescaper;
import java.util.List;

/**
 * Server-side code injection in languages other than Java and PHP (rule key {@value #KEY}; the
 * OWASP CRS counterpart is the 934xxx group):
 *
 * <ul>
 *   <li>Node.js: {@code require('child_process')}, {@code process.mainModule},
 *       {@code constructor.constructor(...)}, {@code new Function(...)}, {@code eval(...)} of a
 *       string, node-serialize's {@code _$$ND_FUNC$$_}, infinite loops ({@code while(true)});
 *   <li>prototype pollution in names and values ({@code __proto__},
 *       {@code constructor[prototype]});
 *   <li>Python: {@code __import__('os')}, {@code os.system(...)}, {@code subprocess.Popen(...)},
 *       object-graph traversal ({@code __class__.__mro__}), pickle opcodes, YAML object tags;
 *   <li>Ruby: {@code Kernel.exec}, {@code IO.popen}, {@code %x(...)}, {@code Marshal.load};
 *   <li>Perl: {@code @{[ ... ]}} interpolation, {@code qx{...}}, pipe {@code open};
 *   <li>{@code data:} URIs that carry a document rather than media, and Django ORM lookups that
 *       filter on secrets or walk relations (ORM leak).
 * </ul>
 *
 * <p>The default level (STANDARD) enables every rule except two STRICT ones ({@code data:} URIs
 * without a media type, any Django-style lookup in a name); BASIC keeps node-serialize markers,
 * {@code require('child_process')} and prototype pollution in names.
 *
 * <p>A value that is one base64 token decoding to text is scanned again, decoded. SSRF payloads
 * (cloud metadata addresses, internal host names) that CRS files under the same rule group are
 * left to the SSRF family.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Code_Injection">OWASP: Code Injection</a>
 */
public final class CodeInjectionDetector extends RuleFamily {

    public static final String KEY = "CODE";

    static final RuleDefinition NODE_DESERIALIZATION = rule("CODE-NODE-DESERIALIZATION", Level.BASIC,
            "node-serialize function marker _$$ND_FUNC$$_ (remote code on unserialize)", cwe(502));
    static final RuleDefinition NODE_FUNCTION_MARKER = rule("CODE-NODE-FUNCTION-MARKER", Level.STANDARD,
            "Serialized JavaScript function marker (__js_function)", cwe(502));
    static final RuleDefinition NODE_CHILD_PROCESS = rule("CODE-NODE-CHILD-PROCESS", Level.BASIC,
            "require('child_process'): Node.js command execution", cwe(94));
    static final RuleDefinition NODE_INTERNALS = rule("CODE-NODE-INTERNALS", Level.STANDARD,
            "Node.js internals: child_process, process.mainModule / binding / env, require.main, module.exports, require('x')",
            cwe(94));
    static final RuleDefinition JS_DYNAMIC_CODE = rule("CODE-JS-DYNAMIC-CODE", Level.STANDARD,
            "JavaScript code built at run time: constructor.constructor, new Function(...), eval of a string or decoder",
            cwe(95));
    static final RuleDefinition JS_FUNCTION_LITERAL = rule("CODE-JS-FUNCTION-LITERAL", Level.STANDARD,
            "JavaScript function literal function(...) { or console call", cwe(94));
    static final RuleDefinition INFINITE_LOOP = rule("CODE-INFINITE-LOOP", Level.STANDARD,
            "Loop with a constant condition (while(true), for(;;)): denial of service through evaluated code",
            cwe(835));
    static final RuleDefinition PROTOTYPE_POLLUTION = rule("CODE-PROTOTYPE-POLLUTION", Level.BASIC,
            "Parameter or key name writing through __proto__ or constructor.prototype", cwe(1321));
    static final RuleDefinition PROTOTYPE_REFERENCE = rule("CODE-PROTOTYPE-REFERENCE", Level.STANDARD,
            "Value referring to __proto__ or constructor.prototype", cwe(1321));
    static final RuleDefinition PYTHON_CODE = rule("CODE-PYTHON", Level.STANDARD,
            "Python code execution: __import__(...), os.system(...), subprocess.*(...), eval(compile(...))", cwe(94));
    static final RuleDefinition PYTHON_INTROSPECTION = rule("CODE-PYTHON-INTROSPECTION", Level.STANDARD,
            "Python object-graph traversal (.__class__, __mro__, __subclasses__(), __globals__)", cwe(94));
    static final RuleDefinition SERIALIZED_CODE = rule("CODE-SERIALIZED-OBJECT", Level.STANDARD,
            "Python pickle calling a module function, or a YAML tag that instantiates objects", cwe(502));
    static final RuleDefinition RUBY_CODE = rule("CODE-RUBY", Level.STANDARD,
            "Ruby command execution or evaluation (Kernel.exec, IO.popen, %x(...), Marshal.load, instance_eval)",
            cwe(94));
    static final RuleDefinition PERL_CODE = rule("CODE-PERL", Level.STANDARD,
            "Perl code: @{[ ... ]} interpolation, qx{...}, open with a pipe", cwe(94));
    static final RuleDefinition DATA_URI = rule("CODE-DATA-URI", Level.STANDARD,
            "Value is a data: URI carrying a document (text/*, application/*), a way to include attacker content",
            cwe(98));
    static final RuleDefinition DATA_URI_ANY = rule("CODE-DATA-URI-ANY", Level.STRICT,
            "Value is a data: URI without a media type", cwe(98));
    static final RuleDefinition ORM_LOOKUP = rule("CODE-ORM-LOOKUP", Level.STANDARD,
            "Django-style ORM filter on a secret field, a deep relation walk or a regex (ORM leak)", cwe(943));
    static final RuleDefinition ORM_LOOKUP_ANY = rule("CODE-ORM-LOOKUP-ANY", Level.STRICT,
            "Django-style ORM filter lookup (field__lookup) in a name", cwe(943));

    private static final List<RuleDefinition> RULES = List.of(NODE_DESERIALIZATION, NODE_FUNCTION_MARKER,
            NODE_CHILD_PROCESS, NODE_INTERNALS, JS_DYNAMIC_CODE, JS_FUNCTION_LITERAL, INFINITE_LOOP,
            PROTOTYPE_POLLUTION, PROTOTYPE_REFERENCE, PYTHON_CODE, PYTHON_INTROSPECTION, SERIALIZED_CODE,
            RUBY_CODE, PERL_CODE, DATA_URI, DATA_URI_ANY, ORM_LOOKUP, ORM_LOOKUP_ANY);

    private static final Lexicon NODE_MODULES = Lexicon.of("fs", "net", "vm", "os", "http", "https", "dgram",
            "cluster", "worker_threads", "module", "process", "v8", "inspector", "repl", "tls", "dns");

    /** Members of Node's {@code process} object that payloads read or call. */
    private static final Lexicon PROCESS_MEMBERS = Lexicon.of("mainModule", "binding", "_linkedBinding", "env",
            "exit", "reallyExit", "kill", "dlopen", "execPath", "argv", "execArgv", "chdir", "cwd", "stdout",
            "stderr", "stdin", "getuid", "setuid", "getgid", "setgid", "umask", "moduleLoadList", "openStdin",
            "abort", "versions", "config", "emitWarning", "_getActiveHandles", "constructor");
    private static final Lexicon REQUIRE_MEMBERS = Lexicon.of("main", "cache", "resolve", "extensions");
    private static final Lexicon MODULE_MEMBERS = Lexicon.of("exports", "constructor", "require", "children",
            "parent", "_load", "paths", "_compile", "_resolveFilename", "main", "_cache");
    private static final Lexicon GLOBAL_MEMBERS = Lexicon.of("process", "require", "Function", "eval",
            "constructor", "Buffer", "module", "global", "globalThis");
    private static final Lexicon CONSOLE_METHODS = Lexicon.of("log", "info", "warn", "error", "debug", "dir",
            "trace", "table", "assert", "time", "count");
    /** Functions whose result, passed to an evaluator, is code built at run time. */
    private static final Lexicon DECODERS = Lexicon.of("atob", "unescape", "decodeURIComponent",
            "decodeURI", "String", "Buffer", "btoa", "escape", "compile", "__import__", "getattr", "chr",
            "bytes", "base64", "codecs", "b64decode", "fromCharCode", "require");
    private static final Lexicon EVALUATORS = Lexicon.of("eval", "execScript", "setTimeout", "setInterval",
            "Function", "setImmediate");

    /** Python modules whose functions run commands or code, with those functions. */
    private static final Lexicon PYTHON_MODULES = Lexicon.of("os", "subprocess", "commands", "pty", "posix",
            "nt", "builtins", "__builtins__", "__builtin__", "importlib", "pickle", "cPickle", "marshal",
            "shutil", "sys", "platform", "socket", "code", "runpy", "ctypes");
    private static final Lexicon PYTHON_CALLS = Lexicon.of("system", "popen", "popen2", "popen3", "popen4",
            "spawn", "spawnl", "spawnlp", "spawnv", "spawnvp", "execl", "execle", "execlp", "execv", "execve",
            "execvp", "execvpe", "fork", "forkpty", "kill", "remove", "unlink", "rmdir", "rmtree",
            "Popen", "call", "run", "check_call", "check_output", "getoutput", "getstatusoutput",
            "import_module", "loads", "load", "eval", "exec", "compile", "open", "__import__", "modules",
            "interact", "run_module", "run_path", "CDLL", "listdir", "walk", "getenv", "putenv",
            "environ");
    private static final Lexicon PYTHON_DUNDERS = Lexicon.of("__class__", "__mro__", "__subclasses__",
            "__globals__", "__builtins__", "__bases__", "__base__", "__getattribute__", "__dict__",
            "__code__", "__closure__", "func_globals", "f_globals", "__loader__", "__spec__", "__reduce__",
            "__reduce_ex__", "__init_subclass__");
    /** Modules a pickle's GLOBAL opcode can import to run commands. */
    private static final Lexicon PICKLE_MODULES = Lexicon.of("os", "posix", "nt", "subprocess", "builtins",
            "__builtin__", "commands", "pty", "socket", "sys", "platform", "webbrowser", "shutil", "runpy",
            "code", "ctypes", "importlib", "eval", "exec");

    /** Ruby receivers and the methods on them that run commands or load code. */
    private static final Lexicon RUBY_RECEIVERS = Lexicon.of("Kernel", "IO", "Process", "Open3", "PTY",
            "Marshal", "ObjectSpace", "ERB", "YAML", "Psych", "Shell");
    private static final Lexicon RUBY_METHODS = Lexicon.of("exec", "system", "spawn", "open", "eval", "fork",
            "syscall", "popen", "popen2", "popen3", "popen2e", "capture2", "capture2e", "capture3", "pipeline",
            "pipeline_r", "pipeline_w", "load", "restore", "each_object", "new", "unsafe_load", "readlines",
            "read", "write", "binread", "sysopen");
    private static final Lexicon RUBY_EVALUATORS = Lexicon.of("instance_eval", "class_eval", "module_eval",
            "instance_exec", "class_exec", "public_send", "__send__");

    /** Django lookups, and the field names an ORM leak goes after. */
    private static final Lexicon DJANGO_LOOKUPS = Lexicon.of("exact", "iexact", "contains", "icontains", "in",
            "gt", "gte", "lt", "lte", "startswith", "istartswith", "endswith", "iendswith", "range", "isnull",
            "regex", "iregex", "search", "has_key", "has_keys", "has_any_keys", "contained_by", "overlap",
            "trigram_similar", "unaccent", "year", "month", "day", "date", "len");
    private static final Lexicon SECRET_FIELDS = Lexicon.of("password", "passwd", "pwd", "secret", "token",
            "api_key", "apikey", "hash", "salt", "otp", "private_key", "session_key", "reset_token",
            "is_superuser", "is_staff", "is_admin", "totp", "mfa_secret", "access_token", "refresh_token");

    private static final Lexicon MEDIA_TYPES = Lexicon.of("image", "audio", "video", "font");

    private static final int MAX_DECODE_DEPTH = 1;

    public CodeInjectionDetector() {
        super(KEY, RULES);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String value = target.text();
        boolean jsonName = target.source() == Source.JSON && target.component() == Component.NAME;
        int f = features(target.profile());
        if (!jsonName && (value.length() < 3 || (value.length() < 12 && f == 0))) {
            return;
        }
        Findings findings = findings(sink, value.length());
        boolean isName = target.component() == Component.NAME;
        if (isName && target.source() == Source.JSON
                && Ascii.indexOfIgnoreCase(target.name(), "constructor/prototype", 0) >= 0) {
            // A JSON key named prototype inside an object keyed constructor: {"constructor":{"prototype":{...}}}.
            findings.report(PROTOTYPE_POLLUTION, 0, value.length());
        }
        scanValue(value, f, isName, findings, 0);
    }

    /** Scans {@code value}, whose {@link #features} are {@code f}. */
    private static void scanValue(String value, int f, boolean isName, Findings findings, int decodeDepth) {
        String s = value;
        if ((f & F_ESCAPE) != 0) {
            DecodedText decoded = Unescaper.decode(value);
            if (decoded.changed()) {
                if (decodeDepth == 0) {
                    findings.mapThrough(decoded);
                }
                s = decoded.text;
                f = features(s);
            }
        }
        if ((f & F_COLON) != 0) {
            scanDataUri(s, findings);
        }
        if ((f & F_DOLLAR) != 0) {
            int nd = s.indexOf("_$$ND_FUNC$$_");
            if (nd >= 0) {
                findings.report(NODE_DESERIALIZATION, nd, nd + 13);
            }
            scanFlightReferences(s, findings);
        }
        if ((f & F_BANG) != 0) {
            scanYamlTags(s, findings);
        }
        int words = (f & (F_UNDERSCORE | F_SEPARATOR | F_COLON | F_CODE)) != 0 ? scanWords(s, isName, findings) : 0;
        if ((words & (WORD_CONSTRUCTOR | WORD_PROTO)) != 0) {
            scanPrototypeHops(s, isName, findings);
        }
        if ((words & WORD_OBJECT) != 0) {
            scanObjectPrototypeWrites(s, findings);
        }
        if ((f & F_CODE) != 0 && (words & WORD_TRIGGER) != 0) {
            new TokenScan(s, findings).run();
        }
        if ((f & F_SIGIL) != 0) {
            scanPerlAndRuby(s, findings);
        }
        if ((f & F_NEWLINE) != 0 && picklesCommandModule(s)) {
            findings.report(SERIALIZED_CODE, 0, s.length());
        }
        if (decodeDepth < MAX_DECODE_DEPTH && s.length() >= 12 && (f & F_SPACE) == 0) {
            String decoded = Base64Text.decodeWholeValueAsText(s, 12);
            if (decoded != null) {
                findings.reportWholeValue();
                scanValue(decoded, features(decoded), false, findings, decodeDepth + 1);
            } else {
                scanEncodedPickle(s, findings);
            }
        }
    }

    // Feature bits of the pre-scan.
    private static final int F_ESCAPE = 1;
    private static final int F_COLON = 1 << 1;
    private static final int F_DOLLAR = 1 << 2;
    private static final int F_BANG = 1 << 3;
    private static final int F_UNDERSCORE = 1 << 4;
    private static final int F_SEPARATOR = 1 << 5;
    private static final int F_CODE = 1 << 6;
    private static final int F_SIGIL = 1 << 7;
    private static final int F_SPACE = 1 << 8;
    private static final int F_NEWLINE = 1 << 9;

    private static final AsciiSet ESCAPE_CHARS = AsciiSet.of("%&\\");
    private static final AsciiSet SIGIL_CHARS = AsciiSet.of("%@");
    private static final AsciiSet SEPARATOR_CHARS = AsciiSet.of(".[");
    private static final AsciiSet CODE_CHARS = AsciiSet.of("$.[({`'\"");
    private static final AsciiSet SPACE_CHARS = AsciiSet.of(" \t\r\n");

    /** {@link #features(String)} of the value whose profile this is. */
    private static int features(TextProfile p) {
        int f = 0;
        if (p.hasAny(ESCAPE_CHARS)) {
            f |= F_ESCAPE;
        }
        if (p.hasAny(SIGIL_CHARS)) {
            f |= F_SIGIL;
        }
        if (p.has(':')) {
            f |= F_COLON;
        }
        if (p.has('$')) {
            f |= F_DOLLAR;
        }
        if (p.has('!')) {
            f |= F_BANG;
        }
        if (p.has('_')) {
            f |= F_UNDERSCORE;
        }
        if (p.hasAny(SEPARATOR_CHARS)) {
            f |= F_SEPARATOR;
        }
        if (p.hasAny(CODE_CHARS)) {
            f |= F_CODE;
        }
        if (p.hasAny(SPACE_CHARS)) {
            f |= F_SPACE;
        }
        if (p.has('\n')) {
            f |= F_NEWLINE;
        }
        return f;
    }

    private static int features(String s) {
        int f = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            switch (s.charAt(i)) {
                case '%' -> f |= F_ESCAPE | F_SIGIL;
                case '&', '\\' -> f |= F_ESCAPE;
                case ':' -> f |= F_COLON;
                case '$' -> f |= F_DOLLAR | F_CODE;
                case '!' -> f |= F_BANG;
                case '_' -> f |= F_UNDERSCORE;
                case '.', '[' -> f |= F_SEPARATOR | F_CODE;
                case '(', '{', '`', '\'', '"' -> f |= F_CODE;
                case '@' -> f |= F_SIGIL;
                case ' ', '\t', '\r' -> f |= F_SPACE;
                case '\n' -> f |= F_SPACE | F_NEWLINE;
                default -> { }
            }
        }
        return f;
    }

    // What the identifiers of a value contain.
    private static final int WORD_TRIGGER = 1;
    private static final int WORD_CONSTRUCTOR = 2;
    private static final int WORD_PROTO = 4;
    private static final int WORD_OBJECT = 8;

    /** Identifiers that start a token-level check or a prototype check; others skip those scans. */
    private static final Lexicon WORDS = Lexicon.builder()
            .add(WORD_TRIGGER, "process", "require", "module", "global", "globalThis", "console", "function",
                    "eval", "execScript", "setTimeout", "setInterval", "setImmediate", "Function", "__import__",
                    "while", "for", "qx", "open", "send", "child_process", "instance_eval",
                    "class_eval", "module_eval", "instance_exec", "class_exec", "public_send", "__send__",
                    "os", "subprocess", "commands", "pty", "posix", "nt", "builtins", "__builtins__",
                    "__builtin__", "importlib", "pickle", "cPickle", "marshal", "shutil", "sys", "platform",
                    "socket", "code", "runpy", "ctypes", "Kernel", "IO", "Open3", "PTY", "ObjectSpace", "ERB",
                    "YAML", "Psych", "Shell")
            .add(WORD_CONSTRUCTOR, "constructor")
            .add(WORD_PROTO, "__proto__")
            .add(WORD_OBJECT, "Object")
            .build();

    /**
     * One pass over the identifiers of a value: judges names with double underscores (Python
     * dunders, Django lookups) and returns which {@link #WORDS} occur.
     */
    private static int scanWords(String s, boolean isName, Findings findings) {
        int n = s.length();
        int words = 0;
        int i = 0;
        while (i < n) {
            if (!Ascii.isIdentStart(s.charAt(i)) || (i > 0 && Ascii.isIdentPart(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            int j = i + 1;
            boolean doubleUnderscore = false;
            while (j < n && Ascii.isIdentPart(s.charAt(j))) {
                doubleUnderscore |= s.charAt(j) == '_' && s.charAt(j - 1) == '_';
                j++;
            }
            words |= WORDS.flags(s, i, j);
            if (doubleUnderscore && j - i > 4) {
                judgeUnderscoreName(s, i, j, isName, findings);
            }
            i = j;
        }
        return words;
    }

    /** YAML tags that instantiate objects on load (PyYAML, Psych, SnakeYAML). */
    private static void scanYamlTags(String s, Findings findings) {
        int yamlTag = s.indexOf("!!python/");
        if (yamlTag < 0) {
            yamlTag = s.indexOf("!ruby/");
        }
        if (yamlTag < 0) {
            yamlTag = javaYamlTag(s);
        }
        if (yamlTag >= 0) {
            findings.report(SERIALIZED_CODE, yamlTag, Math.min(s.length(), yamlTag + 8));
        }
    }

    /** SnakeYAML global tags naming a JDK or gadget-library class ({@code !!javax.script.X}). */
    private static int javaYamlTag(String s) {
        for (int i = s.indexOf("!!"); i >= 0; i = s.indexOf("!!", i + 2)) {
            if (Ascii.matchesAt(s, i + 2, "java.") || Ascii.matchesAt(s, i + 2, "javax.")
                    || Ascii.matchesAt(s, i + 2, "com.sun.") || Ascii.matchesAt(s, i + 2, "org.")
                    || Ascii.matchesAt(s, i + 2, "com.")) {
                return i;
            }
        }
        return -1;
    }

    /** {@code data:text/plain;base64,...} as the whole value. */
    private static void scanDataUri(String s, Findings findings) {
        int start = Ascii.skipSpaces(s, 0, s.length());
        if (!Ascii.matchesAt(s, start, "data:")) {
            return;
        }
        int i = start + 5;
        int n = s.length();
        int typeEnd = i;
        while (typeEnd < n && (Ascii.isLetter(s.charAt(typeEnd)) || s.charAt(typeEnd) == '-')) {
            typeEnd++;
        }
        if (typeEnd > i && typeEnd < n && s.charAt(typeEnd) == '/' && typeEnd + 1 < n
                && (Ascii.isLetter(s.charAt(typeEnd + 1)) || s.charAt(typeEnd + 1) == '*')) {
            if (!MEDIA_TYPES.contains(s, i, typeEnd)) {
                findings.report(DATA_URI, start, typeEnd);
            }
        } else if (typeEnd == i && i < n && (s.charAt(i) == ',' || s.charAt(i) == ';')) {
            findings.report(DATA_URI_ANY, start, i + 1);
        }
    }

    private static void judgeUnderscoreName(String s, int from, int to, boolean isName, Findings findings) {
        if (s.charAt(from) == '_' && s.charAt(from + 1) == '_') {
            if (Ascii.rangeEquals(s, from, to, "__js_function")) {
                findings.report(NODE_FUNCTION_MARKER, from, to);
            } else if (PYTHON_DUNDERS.contains(s, from, to) && dunderInCode(s, from, to)) {
                findings.report(PYTHON_INTROSPECTION, from, to);
            }
            return;
        }
        int segments = 1;
        int lastSep = -1;
        boolean secret = false;
        int segStart = from;
        for (int j = from; j + 1 < to; j++) {
            if (s.charAt(j) == '_' && s.charAt(j + 1) == '_' && j > segStart) {
                secret |= SECRET_FIELDS.contains(s, segStart, j);
                segments++;
                lastSep = j;
                segStart = j + 2;
                j++;
            }
        }
        if (lastSep < 0 || lastSep + 2 >= to || !DJANGO_LOOKUPS.contains(s, lastSep + 2, to)) {
            return;
        }
        boolean regex = Ascii.rangeEquals(s, lastSep + 2, to, "regex") || Ascii.rangeEquals(s, lastSep + 2, to, "iregex");
        if (secret || segments >= 4 || regex) {
            findings.report(ORM_LOOKUP, from, to);
        } else if (isName) {
            findings.report(ORM_LOOKUP_ANY, from, to);
        }
    }

    /** A dunder counts when it is reached through an attribute, subscript or call. */
    private static boolean dunderInCode(String s, int from, int to) {
        char before = from > 0 ? s.charAt(from - 1) : 0;
        char after = to < s.length() ? s.charAt(to) : 0;
        return before == '.' || before == '[' || before == '\'' || before == '"' || after == '.' || after == '('
                || after == '[';
    }

    /** {@code __proto__}, {@code constructor.prototype}, {@code constructor[prototype]}; also constructor.constructor. */
    private static void scanPrototypeHops(String s, boolean isName, Findings findings) {
        int proto = Ascii.indexOfIgnoreCase(s, "__proto__", 0);
        if (proto >= 0) {
            findings.report(isName ? PROTOTYPE_POLLUTION : PROTOTYPE_REFERENCE, proto, proto + 9);
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
                findings.report(isName ? PROTOTYPE_POLLUTION : PROTOTYPE_REFERENCE, at, j + 9);
            } else if (Ascii.matchesAt(s, j, "constructor")) {
                findings.report(JS_DYNAMIC_CODE, at, j + 11);
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
                findings.report(PROTOTYPE_REFERENCE, at, j + 1);
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
                    findings.report(PROTOTYPE_REFERENCE, i, b);
                    return;
                }
                j = b;
            }
        }
    }

    private static final Lexicon FLIGHT_HOPS = Lexicon.of("constructor", "prototype", "__proto__", "_compile",
            "_load", "mainModule", "_formData", "_prefix");

    /** Perl {@code @{[ ... ]}} interpolation; Ruby {@code %x(...)}. */
    private static void scanPerlAndRuby(String s, Findings findings) {
        int n = s.length();
        for (int i = s.indexOf("@{"); i >= 0; i = s.indexOf("@{", i + 2)) {
            int j = Ascii.skipSpaces(s, i + 2, n);
            if (j < n && s.charAt(j) == '[') {
                findings.report(PERL_CODE, i, j + 1);
                break;
            }
        }
        // The next closing delimiter only moves forward, so it is searched for at most once per kind.
        int nextClose = -1;
        char closeFor = 0;
        for (int i = s.indexOf("%x"); i >= 0; i = s.indexOf("%x", i + 2)) {
            if (i + 2 < n && isPercentDelimiter(s.charAt(i + 2)) && (i == 0 || !Ascii.isIdentPart(s.charAt(i - 1)))) {
                char close = closingDelimiter(s.charAt(i + 2));
                if (close != closeFor || (nextClose >= 0 && nextClose <= i + 3)) {
                    closeFor = close;
                    nextClose = s.indexOf(close, i + 3);
                }
                if (nextClose < 0) {
                    continue;
                }
                if (nextClose > i + 3) {
                    findings.report(RUBY_CODE, i, i + 3);
                    break;
                }
            }
        }
    }

    private static boolean isPercentDelimiter(char c) {
        return c == '(' || c == '{' || c == '[' || c == '<' || c == '|' || c == '!';
    }

    private static char closingDelimiter(char open) {
        return switch (open) {
            case '(' -> ')';
            case '{' -> '}';
            case '[' -> ']';
            case '<' -> '>';
            default -> open;
        };
    }

    /** A whole-value base64 token that decodes to a pickle importing a command module. */
    private static void scanEncodedPickle(String s, Findings findings) {
        if (!s.startsWith("gA") && !s.startsWith("Y2") && !s.startsWith("KG")) {
            return;
        }
        char[] bytes = Base64Text.decodeWholeValue(s, 12);
        if (bytes == null || bytes.length < 4) {
            return;
        }
        String text = new String(bytes);
        if (picklesCommandModule(text)) {
            findings.reportWholeValue();
            findings.report(SERIALIZED_CODE, 0, s.length());
        }
    }

    /**
     * A pickle GLOBAL opcode ({@code c<module>\n<name>\n}, then a MARK or memo opcode) or a
     * protocol 4 STACK_GLOBAL with short strings, importing from a module that runs commands.
     */
    private static boolean picklesCommandModule(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 'c' && (i == 0 || text.charAt(i - 1) < 0x20 || text.charAt(i - 1) == '(' || text.charAt(i - 1) >= 0x80)) {
                int nl = i + 1;
                while (nl < n && nl - i < 24 && text.charAt(nl) != '\n') {
                    nl++;
                }
                if (nl < n && text.charAt(nl) == '\n' && PICKLE_MODULES.contains(text, i + 1, nl)
                        && globalNameFollows(text, nl + 1)) {
                    return true;
                }
            } else if (c == '\u008c' && i + 1 < n) {
                int len = text.charAt(i + 1);
                if (i + 2 + len <= n && PICKLE_MODULES.contains(text, i + 2, i + 2 + len)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** After a GLOBAL's module line: an identifier line, then MARK {@code (} or a memo opcode. */
    private static boolean globalNameFollows(String text, int from) {
        int j = from;
        while (j < text.length() && j - from < 32 && (Ascii.isIdentPart(text.charAt(j)) || text.charAt(j) == '.')) {
            j++;
        }
        if (j == from || j + 1 >= text.length() || text.charAt(j) != '\n') {
            return false;
        }
        char op = text.charAt(j + 1);
        return op == '(' || op == 'q' || op == 'h' || (op == 'p' && j + 2 < text.length() && Ascii.isDigit(text.charAt(j + 2)));
    }

    /** Token-level checks over the value as code. */
    private static final class TokenScan {
        private final String s;
        private final Findings findings;
        private final CodeLexer lex;
        // The last four significant tokens, most recent first.
        private final int[] types = new int[4];
        private final char[] puncts = new char[4];
        private final int[] starts = new int[4];
        private final int[] ends = new int[4];
        private int pendingEvaluator = -1;
        private int pendingRequire = -1;
        private int perlOpenWindow;
        private boolean perlOpenComma;

        TokenScan(String s, Findings findings) {
            this.s = s;
            this.findings = findings;
            this.lex = new CodeLexer(s, 0, s.length(), CodeLexer.SLASH_COMMENTS);
        }

        void run() {
            while (lex.next() != CodeLexer.END) {
                onToken();
                for (int k = 3; k > 0; k--) {
                    types[k] = types[k - 1];
                    puncts[k] = puncts[k - 1];
                    starts[k] = starts[k - 1];
                    ends[k] = ends[k - 1];
                }
                types[0] = lex.type;
                puncts[0] = lex.type == CodeLexer.PUNCT || lex.type == CodeLexer.STRING ? lex.punct : 0;
                starts[0] = lex.start;
                ends[0] = lex.end;
            }
        }

        private boolean prevIs(int k, String lowerWord) {
            return types[k] == CodeLexer.IDENT && Ascii.rangeEquals(s, starts[k], ends[k], lowerWord);
        }

        private boolean prevPunct(int k, char c) {
            return types[k] == CodeLexer.PUNCT && puncts[k] == c;
        }

        private void onToken() {
            int type = lex.type;
            if (pendingEvaluator >= 0) {
                int at = pendingEvaluator;
                pendingEvaluator = -1;
                if (type == CodeLexer.STRING || (type == CodeLexer.IDENT && DECODERS.contains(s, lex.start, lex.end))) {
                    findings.report(JS_DYNAMIC_CODE, at, lex.end);
                }
            }
            if (pendingRequire >= 0) {
                int at = pendingRequire;
                pendingRequire = -1;
                if (type == CodeLexer.STRING) {
                    int a = lex.stringContentStart();
                    int b = lex.stringContentEnd();
                    if (Ascii.rangeEquals(s, a, b, "child_process")) {
                        findings.report(NODE_CHILD_PROCESS, at, lex.end);
                    } else if (NODE_MODULES.contains(s, a, b)) {
                        findings.report(NODE_INTERNALS, at, lex.end);
                    }
                } else if (type == CodeLexer.IDENT && Ascii.rangeEquals(s, lex.start, lex.end, "child_process")) {
                    findings.report(NODE_CHILD_PROCESS, at, lex.end);
                }
            }
            if (perlOpenWindow > 0) {
                perlOpenWindow--;
                if (lex.isPunct(',')) {
                    perlOpenComma = true;
                } else if (type == CodeLexer.STRING && perlOpenComma && pipes(lex.stringContentStart(), lex.stringContentEnd())) {
                    findings.report(PERL_CODE, lex.start, lex.end);
                    perlOpenWindow = 0;
                }
            }
            if (type == CodeLexer.IDENT) {
                identifier();
            } else if (type == CodeLexer.STRING) {
                int a = lex.stringContentStart();
                int b = lex.stringContentEnd();
                if (Ascii.rangeEquals(s, a, b, "child_process")) {
                    findings.report(NODE_INTERNALS, lex.start, lex.end);
                }
                if (prevPunct(0, '[') && (prevIs(1, "process") || prevIs(1, "require") || prevIs(1, "global"))) {
                    findings.report(NODE_INTERNALS, starts[1], lex.end);
                }
                if (prevPunct(0, '[') && prevIs(1, "console") && CONSOLE_METHODS.contains(s, a, b)) {
                    findings.report(JS_FUNCTION_LITERAL, starts[1], lex.end);
                }
            } else if (lex.isPunct('(')) {
                openParen();
            }
        }

        private void identifier() {
            int a = lex.start;
            int b = lex.end;
            if (Ascii.rangeEquals(s, a, b, "child_process")) {
                findings.report(NODE_INTERNALS, a, b);
            }
            if (Ascii.rangeEquals(s, a, b, "__js_function")) {
                findings.report(NODE_FUNCTION_MARKER, a, b);
            }
            boolean member = prevPunct(0, '.');
            if (member && types[1] == CodeLexer.IDENT) {
                memberAccess(starts[1], ends[1], a, b);
            }
            if (prevPunct(0, '[') && (prevIs(1, "process") || prevIs(1, "require"))) {
                findings.report(NODE_INTERNALS, starts[1], b);
            }
            if (Ascii.rangeEquals(s, a, b, "open") && !member) {
                perlOpenWindow = 8;
                perlOpenComma = false;
            }
            if ((Ascii.rangeEquals(s, a, b, "while") || Ascii.rangeEquals(s, a, b, "for"))
                    && (types[0] == CodeLexer.END || prevPunct(0, ';') || prevPunct(0, '{') || prevPunct(0, '}')
                            || prevPunct(0, ')') || prevIs(0, "do"))) {
                constantLoop(a, b);
            }
            if (Ascii.rangeEquals(s, a, b, "qx") && lex.charAfter() != 0 && "{([</|!#'\"".indexOf(lex.charAfter()) >= 0) {
                findings.report(PERL_CODE, a, b + 1);
            }
        }

        /** {@code receiver.member}: Node globals, Python modules, Ruby kernels. */
        private void memberAccess(int ra, int rb, int a, int b) {
            boolean called = lex.charAfter() == '(';
            boolean code = continuesAsCode(b);
            if (!code) {
                // "process.env is how Node reads variables" is prose about code.
            } else if (Ascii.rangeEquals(s, ra, rb, "process") && PROCESS_MEMBERS.contains(s, a, b)) {
                findings.report(NODE_INTERNALS, ra, b);
            } else if (Ascii.rangeEquals(s, ra, rb, "require") && REQUIRE_MEMBERS.contains(s, a, b)) {
                findings.report(NODE_INTERNALS, ra, b);
            } else if (Ascii.rangeEquals(s, ra, rb, "module") && MODULE_MEMBERS.contains(s, a, b)
                    && (types[2] == CodeLexer.END || !prevPunct(2, '.'))) {
                findings.report(NODE_INTERNALS, ra, b);
            } else if ((Ascii.rangeEquals(s, ra, rb, "global") || Ascii.rangeEquals(s, ra, rb, "globalthis"))
                    && GLOBAL_MEMBERS.contains(s, a, b)) {
                findings.report(NODE_INTERNALS, ra, b);
            } else if (Ascii.rangeEquals(s, ra, rb, "console") && CONSOLE_METHODS.contains(s, a, b)
                    && (called || lex.charAfter() == '.')) {
                findings.report(JS_FUNCTION_LITERAL, ra, b);
            }
            if (called && PYTHON_MODULES.contains(s, ra, rb) && PYTHON_CALLS.contains(s, a, b)
                    && Ascii.isLetter(s.charAt(ra)) && Character.isLowerCase(s.charAt(ra))) {
                findings.report(PYTHON_CODE, ra, b + 1);
            }
            if (RUBY_RECEIVERS.contains(s, ra, rb) && Character.isUpperCase(s.charAt(ra))
                    && RUBY_METHODS.contains(s, a, b) && rubyMethodFits(ra, rb, a, b) && rubyArgumentsFollow(b)) {
                findings.report(RUBY_CODE, ra, b);
            }
        }

        /**
         * Whether code goes on after {@code end}: the value ends there, or punctuation follows
         * without a space. A word after a space means prose that mentions code.
         */
        private boolean continuesAsCode(int end) {
            int i = Ascii.skipSpaces(s, end, s.length());
            if (i >= s.length()) {
                return true;
            }
            char c = s.charAt(i);
            return i == end ? !Ascii.isIdentPart(c) : c == '=' || c == '(' || c == '.' || c == '[' || c == ';';
        }

        /** {@code send(:system, ...)}: the symbol names a method that runs code or commands. */
        private boolean sendsCommand(int from) {
            int j = from;
            while (j < s.length() && Ascii.isIdentPart(s.charAt(j))) {
                j++;
            }
            return RUBY_METHODS.contains(s, from, j) || RUBY_EVALUATORS.contains(s, from, j)
                    || Ascii.rangeEquals(s, from, j, "`");
        }

        /** Ruby calls may omit parentheses: arguments, a chained call or the end must follow. */
        private boolean rubyArgumentsFollow(int end) {
            int i = Ascii.skipSpaces(s, end, s.length());
            if (i >= s.length()) {
                return true;
            }
            char c = s.charAt(i);
            return c == '(' || c == '\'' || c == '"' || c == '`' || c == '%' || c == '.' || c == '[' || c == ';'
                    || c == ':' || c == '$' || c == '@';
        }

        /** Ruby receivers take only some of the methods: {@code Kernel.exec}, not {@code ERB.exec}. */
        private boolean rubyMethodFits(int ra, int rb, int a, int b) {
            if (Ascii.rangeEquals(s, ra, rb, "marshal")) {
                return Ascii.rangeEquals(s, a, b, "load") || Ascii.rangeEquals(s, a, b, "restore");
            }
            if (Ascii.rangeEquals(s, ra, rb, "yaml") || Ascii.rangeEquals(s, ra, rb, "psych")) {
                return Ascii.rangeEquals(s, a, b, "load") || Ascii.rangeEquals(s, a, b, "unsafe_load");
            }
            if (Ascii.rangeEquals(s, ra, rb, "erb")) {
                return Ascii.rangeEquals(s, a, b, "new");
            }
            if (Ascii.rangeEquals(s, ra, rb, "objectspace")) {
                return Ascii.rangeEquals(s, a, b, "each_object");
            }
            return !Ascii.rangeEquals(s, a, b, "new") && !Ascii.rangeEquals(s, a, b, "load")
                    && !Ascii.rangeEquals(s, a, b, "restore") && !Ascii.rangeEquals(s, a, b, "each_object");
        }

        private void openParen() {
            if (types[0] != CodeLexer.IDENT) {
                return;
            }
            int a = starts[0];
            int b = ends[0];
            boolean member = prevPunct(1, '.');
            if (Ascii.rangeEquals(s, a, b, "require") && !member) {
                pendingRequire = a;
            }
            if (Ascii.rangeEquals(s, a, b, "function") || (types[1] == CodeLexer.IDENT
                    && Ascii.rangeEquals(s, starts[1], ends[1], "function"))) {
                functionLiteral(types[1] == CodeLexer.IDENT && Ascii.rangeEquals(s, starts[1], ends[1], "function")
                        ? starts[1] : a);
            }
            if (Ascii.rangeEquals(s, a, b, "function") && prevIs(1, "new")) {
                findings.report(JS_DYNAMIC_CODE, starts[1], lex.end);
            } else if (EVALUATORS.contains(s, a, b) && !member) {
                pendingEvaluator = a;
            }
            if (Ascii.rangeEquals(s, a, b, "__import__")) {
                findings.report(PYTHON_CODE, a, lex.end);
            }
            if (RUBY_EVALUATORS.contains(s, a, b)) {
                findings.report(RUBY_CODE, a, lex.end);
            }
            if ((Ascii.rangeEquals(s, a, b, "send") || Ascii.rangeEquals(s, a, b, "public_send")
                    || Ascii.rangeEquals(s, a, b, "__send__")) && lex.charAfter() == ':'
                    && sendsCommand(lex.end + 1)) {
                findings.report(RUBY_CODE, a, lex.end);
            }
        }

        /** {@code function (...) {}: scans ahead a bounded distance for the parameter list and body. */
        private void functionLiteral(int at) {
            int n = s.length();
            int limit = Math.min(n, lex.end + 256);
            int j = lex.end;
            while (j < limit && s.charAt(j) != ')' && s.charAt(j) != '(') {
                j++;
            }
            if (j >= limit || s.charAt(j) != ')') {
                return;
            }
            int k = Ascii.skipSpaces(s, j + 1, n);
            if (k < n && s.charAt(k) == '{') {
                findings.report(JS_FUNCTION_LITERAL, at, k + 1);
            }
        }

        /**
         * {@code while(true)}, {@code while(!0);}, {@code for(;;)}: a loop whose condition is made of
         * constants only, followed by nothing, an empty statement or a body.
         */
        private void constantLoop(int at, int keywordEnd) {
            int n = s.length();
            int limit = Math.min(n, keywordEnd + 256);
            CodeLexer cond = new CodeLexer(s, keywordEnd, limit, CodeLexer.SLASH_COMMENTS);
            if (cond.next() != CodeLexer.PUNCT || cond.punct != '(') {
                return;
            }
            boolean forLoop = Ascii.rangeEquals(s, at, keywordEnd, "for");
            int depthCount = 1;
            int semicolons = 0;
            int tokens = 0;
            while (depthCount > 0) {
                int t = cond.next();
                if (t == CodeLexer.END) {
                    return;
                }
                tokens++;
                if (t == CodeLexer.PUNCT) {
                    char c = cond.punct;
                    if (c == '(') {
                        depthCount++;
                    } else if (c == ')') {
                        depthCount--;
                    } else if (c == ';') {
                        semicolons++;
                    } else if ("!-+~[]{}".indexOf(c) < 0) {
                        return;
                    }
                } else if (t == CodeLexer.IDENT) {
                    if (forLoop || !CONSTANT_WORDS.contains(s, cond.start, cond.end)) {
                        return;
                    }
                } else if (forLoop) {
                    return;
                }
            }
            if (forLoop ? semicolons != 2 || tokens != 3 : semicolons != 0 || tokens < 2) {
                return;
            }
            int t = cond.next();
            if (t == CodeLexer.END || cond.isPunct(';') || cond.isPunct('{') || cond.isPunct(')')) {
                findings.report(INFINITE_LOOP, at, cond.start);
            }
        }

        private boolean pipes(int from, int to) {
            int a = from;
            int b = to;
            while (a < b && Ascii.isSpace(s.charAt(a))) {
                a++;
            }
            while (b > a && Ascii.isSpace(s.charAt(b - 1))) {
                b--;
            }
            return b > a && (s.charAt(a) == '|' || s.charAt(b - 1) == '|') && b - a > 1;
        }
    }

    /** Words a constant loop condition may use. */
    private static final Lexicon CONSTANT_WORDS = Lexicon.of("true", "false", "null", "undefined", "NaN",
            "Infinity", "this", "new", "Date", "String", "Object", "Array", "Number", "Boolean", "Symbol",
            "Math", "window", "globalThis", "document", "True", "False", "None", "1");

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
