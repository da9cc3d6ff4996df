package dev.bulwark.core.internal.code.node;

import static dev.bulwark.core.internal.code.node.NodeRules.INFINITE_LOOP;
import static dev.bulwark.core.internal.code.node.NodeRules.JS_DYNAMIC_CODE;
import static dev.bulwark.core.internal.code.node.NodeRules.JS_FUNCTION_LITERAL;
import static dev.bulwark.core.internal.code.node.NodeRules.NODE_CHILD_PROCESS;
import static dev.bulwark.core.internal.code.node.NodeRules.NODE_FUNCTION_MARKER;
import static dev.bulwark.core.internal.code.node.NodeRules.NODE_INTERNALS;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.CodeLexer;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.TokenScan;

/**
 * Token-level checks over a value read as JavaScript: {@code require(...)}, members of
 * {@code process}, {@code require}, {@code module} and {@code global}, evaluators given a string,
 * anonymous function literals and probing console calls, and loops with constant conditions.
 * Linear: one lexer pass, plus look-aheads bounded to 256 characters.
 */
final class NodeTokenScan extends TokenScan {

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
    /** Words a constant loop condition may use. */
    private static final Lexicon CONSTANT_WORDS = Lexicon.of("true", "false", "null", "undefined", "NaN",
            "Infinity", "this", "new", "Date", "String", "Object", "Array", "Number", "Boolean", "Symbol",
            "Math", "window", "globalThis", "document", "True", "False", "None", "1");

    private int pendingEvaluator = -1;
    private int pendingRequire = -1;

    NodeTokenScan(String s, Findings findings) {
        super(s, findings);
    }

    @Override
    protected void onToken() {
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
        if (type == CodeLexer.IDENT) {
            identifier();
        } else if (type == CodeLexer.STRING) {
            int a = lex.stringContentStart();
            int b = lex.stringContentEnd();
            if (Ascii.rangeEquals(s, a, b, "child_process")) {
                findings.report(NODE_INTERNALS, lex.start, lex.end);
            }
            if (window.isPunct(0, '[')
                    && (window.isWord(1, "process") || window.isWord(1, "require") || window.isWord(1, "global"))) {
                findings.report(NODE_INTERNALS, window.start(1), lex.end);
            }
            if (window.isPunct(0, '[') && window.isWord(1, "console") && CONSOLE_METHODS.contains(s, a, b)) {
                findings.report(JS_FUNCTION_LITERAL, window.start(1), lex.end);
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
        if (window.isPunct(0, '.') && window.type(1) == CodeLexer.IDENT) {
            memberAccess(window.start(1), window.end(1), a, b);
        }
        if (window.isPunct(0, '[') && (window.isWord(1, "process") || window.isWord(1, "require"))) {
            findings.report(NODE_INTERNALS, window.start(1), b);
        }
        if ((Ascii.rangeEquals(s, a, b, "while") || Ascii.rangeEquals(s, a, b, "for"))
                && (window.type(0) == CodeLexer.END || window.isPunct(0, ';') || window.isPunct(0, '{')
                        || window.isPunct(0, '}') || window.isPunct(0, ')') || window.isWord(0, "do"))) {
            constantLoop(a, b);
        }
    }

    /** {@code receiver.member} on Node's globals. */
    private void memberAccess(int ra, int rb, int a, int b) {
        boolean called = lex.charAfter() == '(';
        if (!continuesAsCode(b)) {
            // "process.env is how Node reads variables" is prose about code.
            return;
        }
        if (Ascii.rangeEquals(s, ra, rb, "process") && PROCESS_MEMBERS.contains(s, a, b)) {
            findings.report(NODE_INTERNALS, ra, b);
        } else if (Ascii.rangeEquals(s, ra, rb, "require") && REQUIRE_MEMBERS.contains(s, a, b)) {
            findings.report(NODE_INTERNALS, ra, b);
        } else if (Ascii.rangeEquals(s, ra, rb, "module") && MODULE_MEMBERS.contains(s, a, b)
                && (window.type(2) == CodeLexer.END || !window.isPunct(2, '.'))) {
            findings.report(NODE_INTERNALS, ra, b);
        } else if ((Ascii.rangeEquals(s, ra, rb, "global") || Ascii.rangeEquals(s, ra, rb, "globalthis"))
                && GLOBAL_MEMBERS.contains(s, a, b)) {
            findings.report(NODE_INTERNALS, ra, b);
        } else if (Ascii.rangeEquals(s, ra, rb, "console") && CONSOLE_METHODS.contains(s, a, b)
                && (lex.charAfter() == '.' || called && constantArguments(b + 1))) {
            findings.report(JS_FUNCTION_LITERAL, ra, b);
        }
    }

    /**
     * Whether the arguments that start at {@code from} (after the opening parenthesis) are numbers
     * and arithmetic only, up to the closing parenthesis: {@code console.info(1)}, {@code (7*7)},
     * {@code (1,2)}.
     * That is a probe, which prints a constant to see whether the code runs; code shown in a
     * developer form logs a message or a variable ({@code console.log(user.name)}). Bounded to 64
     * characters.
     */
    private boolean constantArguments(int from) {
        int limit = Math.min(s.length(), from + 64);
        int depth = 0;
        boolean digit = false;
        boolean inNumber = false;
        for (int i = from; i < limit; i++) {
            char c = s.charAt(i);
            if (c == ')' && depth == 0) {
                return digit;
            }
            if (Ascii.isDigit(c)) {
                digit = true;
                inNumber = true;
            } else if (Ascii.isLetter(c) || c == '_') {
                // 0x41, 1e3, 10n, 1_000: letters only inside a number
                if (!inNumber) {
                    return false;
                }
            } else if (c == '(') {
                depth++;
                inNumber = false;
            } else if (c == ')') {
                depth--;
                inNumber = false;
            } else if (c == ' ' || c == ',' || "+-*/%".indexOf(c) >= 0) {
                inNumber = false;
            } else if (c != '.') {
                return false;
            }
        }
        return false;
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

    private void openParen() {
        if (window.type(0) != CodeLexer.IDENT) {
            return;
        }
        int a = window.start(0);
        int b = window.end(0);
        boolean member = window.isPunct(1, '.');
        if (Ascii.rangeEquals(s, a, b, "require") && !member) {
            pendingRequire = a;
        }
        if (Ascii.rangeEquals(s, a, b, "function")) {
            functionLiteral(a);
        } else if (window.isWord(1, "function") && !member) {
            namedFunctionExpression();
        }
        if (Ascii.rangeEquals(s, a, b, "function") && window.isWord(1, "new")) {
            findings.report(JS_DYNAMIC_CODE, window.start(1), lex.end);
        } else if (EVALUATORS.contains(s, a, b) && !member) {
            pendingEvaluator = a;
        }
    }

    /**
     * {@code function (...) {}: an anonymous function, the shape a payload takes to be passed to an
     * evaluator, a timer or a deserializer, or to run at once ({@code (function(){...})()}). A
     * named declaration ({@code function greet(name) { ... }}) is how code is shown, and is left to
     * the rules on what the code does. Scans ahead a bounded distance for the parameter list and body.
     */
    private void functionLiteral(int at) {
        int body = bodyAfterParameters();
        if (body >= 0) {
            findings.report(JS_FUNCTION_LITERAL, at, body + 1);
        }
    }

    /**
     * Where the body of the function whose parameter list follows the current token opens: the
     * opening brace after a list without nested parentheses that closes within
     * {@value #FUNCTION_REACH} characters, or -1.
     */
    private int bodyAfterParameters() {
        int n = s.length();
        int limit = Math.min(n, lex.end + FUNCTION_REACH);
        int j = lex.end;
        while (j < limit && s.charAt(j) != ')' && s.charAt(j) != '(') {
            j++;
        }
        if (j >= limit || s.charAt(j) != ')') {
            return -1;
        }
        int body = Ascii.skipSpaces(s, j + 1, n);
        return body < n && s.charAt(body) == '{' ? body : -1;
    }

    /** How far past {@code function} its parameter list is looked for, in characters. */
    private static final int FUNCTION_REACH = 256;

    /**
     * {@code function x(...) {...}} where an expression stands: after {@code (}, {@code !},
     * {@code =}, {@code ,}, {@code :}, {@code [} or {@code return}, or called at once
     * ({@code }()}, {@code })(}). A name does not make such a function a declaration shown as
     * code: {@code (function x(){...})()} and {@code setTimeout(function x(){...},1)} run it as an
     * anonymous one would. Bounded as {@link #functionLiteral} is.
     */
    private void namedFunctionExpression() {
        int at = window.start(1);
        boolean expression = window.isWord(2, "return");
        for (char c : EXPRESSION_BEFORE) {
            expression |= window.isPunct(2, c);
        }
        int body = bodyAfterParameters();
        if (body < 0) {
            return;
        }
        if (expression || calledAtOnce(body, Math.min(s.length(), lex.end + FUNCTION_REACH))) {
            findings.report(JS_FUNCTION_LITERAL, at, body + 1);
        }
    }

    /** Punctuation after which {@code function} starts an expression, not a declaration. */
    private static final char[] EXPRESSION_BEFORE = {'(', '!', '=', ',', ':', '['};

    /** Whether the body that opens at {@code open} closes before {@code limit} and is called: {@code }()} or {@code })(}. */
    private boolean calledAtOnce(int open, int limit) {
        int depth = 0;
        for (int i = open; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                int next = i + 1 < s.length() && s.charAt(i + 1) == ')' ? i + 2 : i + 1;
                return next < s.length() && s.charAt(next) == '(';
            }
        }
        return false;
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
}
