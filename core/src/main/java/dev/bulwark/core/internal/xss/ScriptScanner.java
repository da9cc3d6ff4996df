package dev.bulwark.core.internal.xss;

import dev.bulwark.core.internal.rules.FirstFindings;

/**
 * Finds JavaScript that does harm or proves an injection, by reading identifiers and the tokens
 * around them: calls of code-running functions ({@code alert(1)}, {@code eval(...)},
 * {@code alert`1`}), DOM sinks ({@code document.cookie}, {@code window["alert"]},
 * {@code .innerHTML=}), constructor chains, JSFuck, client-side template expressions, event
 * handlers and dangerous attributes injected after a quote, and comment or string breakouts.
 *
 * <p>Calls are told from prose by their arguments: {@code confirm(yes or no)} has two bare words
 * side by side, which JavaScript does not allow, and a word with a space before its parenthesis
 * ({@code price alert (daily)}) needs arguments that look like code. One pass over the text; every
 * look-ahead is bounded.
 */
final class ScriptScanner {

    private static final int ARGUMENT_WINDOW = 200;
    private static final int TEMPLATE_WINDOW = 512;

    private ScriptScanner() {
    }

    static void scan(XssText text, String raw, FirstFindings findings) {
        char[] t = text.text;
        int n = text.length;
        int ticks = 0;
        int templateHorizon = 0;
        int i = 0;
        while (i < n) {
            char c = t[i];
            if (Chars.isIdentifierPart(c)) {
                int e = Chars.identifierEnd(t, i, n);
                if (!Chars.isDigit(c)) {
                    identifier(text, raw, i, e, ticks, findings);
                }
                i = e;
                continue;
            }
            switch (c) {
                case '`' -> ticks++;
                case '!' -> jsFuck(t, i, n, findings);
                case '{' -> {
                    if (i + 1 < n && t[i + 1] == '{') {
                        templateHorizon = template(t, i, Math.max(i + 2, templateHorizon), n, findings);
                    }
                }
                case '-' -> commentClose(t, i, n, findings);
                default -> {
                }
            }
            i++;
        }
    }

    private static void identifier(XssText text, String raw, int i, int e, int ticks, FirstFindings findings) {
        char[] t = text.text;
        int n = text.length;
        boolean handlerShape = e - i >= 5 && t[i] == 'o' && t[i + 1] == 'n';
        if (!handlerShape && !XssVocabulary.SCRIPT_IDENTIFIERS.contains(t, i, e)) {
            return;
        }
        int before = Chars.previousSignificant(t, i);
        boolean member = before >= 0 && t[before] == '.';
        if (XssVocabulary.DANGEROUS_CALLS.contains(t, i, e)) {
            if (dangerousCall(text, raw, i, e, before, ticks)) {
                findings.add(XssRules.JS_CALL, i, e + 1);
            } else if (e - i == 6 && Chars.startsWith(t, i, n, "import")) {
                importStatement(t, i, e, n, findings);
            }
        } else if (member && XssVocabulary.DANGEROUS_MEMBER_CALLS.contains(t, i, e)) {
            int k = Chars.skipJsSpace(t, e, n);
            if (k < n && t[k] == '(') {
                findings.add(XssRules.JS_CALL, i, k + 1);
            }
        } else if (member && XssVocabulary.INVOKERS.contains(t, i, e)) {
            int k = Chars.skipJsSpace(t, e, n);
            if (k < n && t[k] == '`' && ticks % 2 == 0) {
                findings.add(XssRules.JS_CALL, i, k + 1);
            }
        } else if (member && XssVocabulary.MARKUP_SINKS.contains(t, i, e)) {
            if (isAssignment(t, Chars.skipJsSpace(t, e, n), n)) {
                findings.add(XssRules.DOM_SINK, i, e);
            }
        } else if (XssVocabulary.GLOBALS.contains(t, i, e)) {
            globalAccess(t, i, e, n, findings);
        } else if (Chars.startsWith(t, i, n, "location") && e - i == 8) {
            location(t, i, e, n, before, findings);
        } else if (Chars.startsWith(t, i, n, "constructor") && e - i == 11) {
            constructor(t, i, e, n, before, member, findings);
        } else if (e - i >= 5 && t[i] == 'o' && t[i + 1] == 'n') {
            orphanHandler(t, i, e, n, findings);
        } else if (Chars.startsWith(t, i, n, "entity") && e - i == 6 && before >= 0 && t[before] == '!') {
            entityDeclaration(t, before, e, n, findings);
        } else if (Chars.startsWith(t, i, n, "in") && e - i == 2) {
            stringBreakoutAssignment(t, i, e, n, before, findings);
        } else if (XssVocabulary.DANGEROUS_ATTRIBUTES.contains(t, i, e)
                || XssVocabulary.STYLE_ATTRIBUTES.contains(t, i, e)) {
            orphanAttribute(t, i, e, n, findings);
        }
    }

    /** {@code alert(1)}, {@code top.eval(...)}, {@code alert`1`}, {@code new Function(...)}, {@code import(...)}. */
    private static boolean dangerousCall(XssText text, String raw, int i, int e, int before, int ticks) {
        char[] t = text.text;
        int n = text.length;
        boolean function = Chars.startsWith(t, i, n, "function") && e - i == 8;
        if (function && raw.charAt(text.originOf(i)) != 'F' && !precededByNew(t, before)) {
            return false;
        }
        int k = Chars.skipJsSpace(t, e, n);
        if (k >= n) {
            return false;
        }
        if (t[k] == '`') {
            return ticks % 2 == 0;
        }
        if (t[k] != '(') {
            return false;
        }
        boolean importCall = Chars.startsWith(t, i, n, "import") && e - i == 6;
        if (importCall && k != e) {
            return false;
        }
        return argumentsLookLikeCode(t, k, n, k > e);
    }

    private static boolean precededByNew(char[] t, int before) {
        return before >= 2 && Chars.startsWith(t, before - 2, before + 1, "new")
                && (before < 3 || !Chars.isIdentifierPart(t[before - 3]));
    }

    /**
     * Whether the parenthesised arguments at {@code open} read as code rather than prose. Prose puts
     * two bare words side by side; code separates them by operators. After a space before the
     * parenthesis the arguments must also hold something code-like: nothing, a number, a string or
     * an operator.
     */
    static boolean argumentsLookLikeCode(char[] t, int open, int n, boolean spaced) {
        int limit = Math.min(n, open + 1 + ARGUMENT_WINDOW);
        boolean previousWord = false;
        boolean previousKeyword = false;
        boolean space = false;
        boolean codeLike = false;
        boolean slashed = false;
        int words = 0;
        int depth = 0;
        int j = open + 1;
        while (j < limit) {
            char c = t[j];
            if (Chars.isSpace(c)) {
                space = true;
                j++;
                continue;
            }
            if (Chars.isIdentifierPart(c)) {
                int e = Chars.identifierEnd(t, j, n);
                if (previousWord && space && !previousKeyword) {
                    return false;
                }
                previousWord = true;
                previousKeyword = XssVocabulary.JS_PREFIX_KEYWORDS.contains(t, j, e);
                if (Chars.isDigit(c)) {
                    codeLike = true;
                }
                words++;
                space = false;
                j = e;
                continue;
            }
            space = false;
            previousWord = false;
            if (c == ')') {
                if (depth == 0) {
                    if (words == 1 && !codeLike && j - open <= 3 && Chars.isLetter(t[open + 1])) {
                        // "alert(s)", "prompt(ed)": a plural or tense in prose.
                        return false;
                    }
                    if (words > 1 && !codeLike && slashed) {
                        // "confirm(yes/no)": alternatives in prose, not a division of two names.
                        return false;
                    }
                    return !spaced || codeLike || words == 0;
                }
                depth--;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                codeLike = true;
            } else if (c == '"' || c == '\'' || c == '`') {
                int close = j + 1;
                while (close < limit && t[close] != c) {
                    close++;
                }
                codeLike = true;
                j = close + 1;
                continue;
            } else if (c == '/' || c == '|') {
                slashed = true;
            } else if (c == '.' || c == '=' || c == '+' || c == ',' || c == '-' || c == '*') {
                codeLike = true;
            }
            j++;
        }
        return !spaced || codeLike;
    }

    private static boolean isAssignment(char[] t, int k, int n) {
        if (k >= n) {
            return false;
        }
        if (t[k] == '+' && k + 1 < n && t[k + 1] == '=') {
            return true;
        }
        return t[k] == '=' && (k + 1 >= n || t[k + 1] != '=');
    }

    /** {@code document.cookie}, {@code window.location}, {@code (document)["cookie"]}, {@code self["alert"]}. */
    private static void globalAccess(char[] t, int i, int e, int n, FirstFindings findings) {
        boolean document = e - i == 8 && Chars.startsWith(t, i, n, "document");
        int k = Chars.skipJsSpace(t, e, n);
        if (k < n && t[k] == ')') {
            k = Chars.skipJsSpace(t, k + 1, n);
        }
        if (k >= n) {
            return;
        }
        if (t[k] == '[') {
            int m = Chars.skipJsSpace(t, k + 1, n);
            if (m < n && (Chars.isQuote(t[m]) && sensitiveKey(t, m, n, m > k + 1) || t[m] == '/')) {
                findings.add(XssRules.DOM_SINK, i, m + 1);
            }
            return;
        }
        if (t[k] != '.') {
            return;
        }
        int m = Chars.skipJsSpace(t, k + 1, n);
        int memberEnd = Chars.identifierEnd(t, m, n);
        if (memberEnd == m) {
            return;
        }
        int after = Chars.skipJsSpace(t, memberEnd, n);
        char next = after < n ? t[after] : ' ';
        boolean used = next == '(' || next == '.' || next == '[' || next == '`' || isAssignment(t, after, n);
        boolean member = document
                ? XssVocabulary.DOCUMENT_MEMBERS.contains(t, m, memberEnd)
                : XssVocabulary.WINDOW_MEMBERS.contains(t, m, memberEnd);
        boolean handler = memberEnd - m > 2 && t[m] == 'o' && t[m + 1] == 'n' && isAssignment(t, after, n);
        if (XssVocabulary.SENSITIVE_PROPERTIES.contains(t, m, memberEnd) || member && used || handler
                || document && next == '(') {
            findings.add(XssRules.DOM_SINK, i, memberEnd);
        } else if (document || member) {
            findings.add(XssRules.SCRIPT_HINT, i, memberEnd);
        }
    }

    /**
     * Whether the quoted key at {@code quote} reaches script: a sensitive member or function name,
     * {@code $}, a string built by concatenation, or a key hidden behind a comment. Plain keys stay
     * allowed, since {@code self['name']} is ordinary Python and {@code document['title']} ordinary
     * document-store code.
     */
    private static boolean sensitiveKey(char[] t, int quote, int n, boolean commented) {
        int from = quote + 1;
        int to = from;
        while (to < n && t[to] != t[quote] && to - from < 40) {
            to++;
        }
        if (to >= n || t[to] != t[quote]) {
            return false;
        }
        int after = Chars.skipJsSpace(t, to + 1, n);
        return commented || after < n && t[after] == '+'
                || to - from == 1 && t[from] == '$'
                || XssVocabulary.WINDOW_MEMBERS.contains(t, from, to)
                || XssVocabulary.DOCUMENT_MEMBERS.contains(t, from, to)
                || XssVocabulary.DANGEROUS_CALLS.contains(t, from, to);
    }

    /** {@code location.href=...}, {@code location.replace(...)}, {@code ;location='...'}. */
    private static void location(char[] t, int i, int e, int n, int before, FirstFindings findings) {
        int k = Chars.skipJsSpace(t, e, n);
        if (k < n && t[k] == '.') {
            int m = Chars.skipJsSpace(t, k + 1, n);
            int memberEnd = Chars.identifierEnd(t, m, n);
            if (XssVocabulary.LOCATION_MEMBERS.contains(t, m, memberEnd)) {
                int after = Chars.skipJsSpace(t, memberEnd, n);
                if (after < n && (t[after] == '(' || isAssignment(t, after, n))) {
                    findings.add(XssRules.DOM_SINK, i, after + 1);
                }
            }
            return;
        }
        if (before >= 0 && isAssignment(t, k, n)) {
            char p = t[before];
            if (p == ';' || p == '{' || p == '(' || p == ',' || Chars.isQuote(p)) {
                findings.add(XssRules.DOM_SINK, i, k + 1);
            }
        }
    }

    /** {@code constructor.constructor(...)}, {@code [].constructor(...)}, {@code x["constructor"]}. */
    private static void constructor(char[] t, int i, int e, int n, int before, boolean member, FirstFindings findings) {
        int k = Chars.skipJsSpace(t, e, n);
        if (k < n && t[k] == '.') {
            int m = Chars.skipJsSpace(t, k + 1, n);
            int memberEnd = Chars.identifierEnd(t, m, n);
            if (memberEnd - m == 11 && Chars.startsWith(t, m, n, "constructor")) {
                findings.add(XssRules.JS_OBFUSCATION, i, memberEnd);
                return;
            }
        }
        if (member && k < n && (t[k] == '(' || t[k] == '`')) {
            findings.add(XssRules.JS_OBFUSCATION, i, k + 1);
            return;
        }
        if (before >= 1 && Chars.isQuote(t[before]) && k < n && t[k] == t[before]) {
            int open = Chars.previousSignificant(t, before);
            if (open >= 0 && t[open] == '[') {
                findings.add(XssRules.JS_OBFUSCATION, open, k + 1);
            }
        }
    }

    /**
     * An event handler outside any tag, as injected into an attribute ({@code " onmouseover=...},
     * {@code ' autofocus onfocus=...}) or a header ({@code ; onload=...}): {@code on} and at least
     * three letters, then {@code =}, after a quote, a space, a semicolon or at the start.
     */
    private static void orphanHandler(char[] t, int i, int e, int n, FirstFindings findings) {
        for (int k = i + 2; k < e; k++) {
            if (!Chars.isLetter(t[k])) {
                return;
            }
        }
        int k = Chars.skipJsSpace(t, e, n);
        if (k >= n || t[k] != '=' || k + 1 < n && t[k + 1] == '=') {
            return;
        }
        if (injectionPoint(t, i) && i > 0 || XssVocabulary.EVENT_HANDLERS.contains(t, i, e) && afterSeparator(t, i)) {
            findings.add(XssRules.ATTRIBUTE_BREAKOUT, i, k + 1);
        }
    }

    /**
     * {@code "formaction=...}, {@code ' style=...expression(}: a dangerous attribute after a quote;
     * an injected style that lays the element over the page counts as an overlay.
     */
    private static void orphanAttribute(char[] t, int i, int e, int n, FirstFindings findings) {
        int k = Chars.skipJsSpace(t, e, n);
        int quote = i - 1;
        while (quote >= 0 && i - quote < 16 && (Chars.isSpace(t[quote]) || t[quote] == '/')) {
            quote--;
        }
        if (k >= n || t[k] != '=' || quote < 0 || !Chars.isQuote(t[quote])) {
            return;
        }
        boolean style = XssVocabulary.STYLE_ATTRIBUTES.contains(t, i, e);
        int window = Math.min(n, k + 1 + ARGUMENT_WINDOW);
        if (!style || CssScanner.isDangerous(t, k + 1, window)) {
            findings.add(XssRules.ATTRIBUTE_BREAKOUT, i, k + 1);
        }
        if (style && CssScanner.isOverlay(t, k + 1, window)) {
            findings.add(XssRules.CSS_OVERLAY, i, window);
        }
    }

    /**
     * Whether an attribute injected at {@code i} would start a new attribute: after a quote (with
     * spaces or a slash between), after a space, a semicolon, or at the start of the value.
     */
    private static boolean injectionPoint(char[] t, int i) {
        int k = i - 1;
        boolean gap = false;
        while (k >= 0 && i - k < 16 && (Chars.isSpace(t[k]) || t[k] == '/')) {
            k--;
            gap = true;
        }
        if (k < 0) {
            return true;
        }
        char c = t[k];
        return Chars.isQuote(c) || gap && Chars.isSpace(t[i - 1]) && (c != '?' && c != '&');
    }

    private static boolean afterSeparator(char[] t, int i) {
        if (i == 0) {
            return true;
        }
        char p = t[i - 1];
        return Chars.isSpace(p) || p == ';' || Chars.isQuote(p) || p == '/' || p == ',';
    }

    /**
     * A string breakout that assigns through the {@code in} operator, as in {@code "in valueOf=} or
     * {@code ' in location.href=}: quote, {@code in}, a property, {@code =}.
     */
    private static void stringBreakoutAssignment(char[] t, int i, int e, int n, int before, FirstFindings findings) {
        if (before < 0 || !Chars.isQuote(t[before])) {
            return;
        }
        int k = Chars.skipJsSpace(t, e, n);
        if (k == e) {
            return;
        }
        int limit = Math.min(n, k + 64);
        while (k < limit) {
            int end = Chars.identifierEnd(t, k, n);
            if (end == k) {
                return;
            }
            k = Chars.skipJsSpace(t, end, n);
            if (k < n && t[k] == '.') {
                k = Chars.skipJsSpace(t, k + 1, n);
                continue;
            }
            break;
        }
        if (isAssignment(t, k, n)) {
            findings.add(XssRules.JS_OBFUSCATION, before, k + 1);
        }
    }

    /** An ES module import, {@code import {a} from "..."} or {@code import * as a from "..."}. */
    private static void importStatement(char[] t, int i, int e, int n, FirstFindings findings) {
        int k = Chars.skipJsSpace(t, e, n);
        if (k == e || k >= n || t[k] != '{' && t[k] != '*') {
            return;
        }
        int limit = Math.min(n, k + ARGUMENT_WINDOW);
        for (int j = k + 1; j + 4 < limit; j++) {
            if (Chars.startsWith(t, j, n, "from") && Chars.isSpace(t[j - 1])) {
                int quote = Chars.skipJsSpace(t, j + 4, n);
                if (quote < n && Chars.isQuote(t[quote])) {
                    findings.add(XssRules.JS_CALL, i, quote + 1);
                }
                return;
            }
        }
    }

    /** {@code !ENTITY % name SYSTEM "..."}: an XML entity declaration, with or without its {@code <}. */
    private static void entityDeclaration(char[] t, int bang, int e, int n, FirstFindings findings) {
        int limit = Math.min(n, e + ARGUMENT_WINDOW);
        for (int j = e; j + 6 <= limit; j++) {
            if ((Chars.startsWith(t, j, n, "system") || Chars.startsWith(t, j, n, "public"))
                    && Chars.isSpace(t[j - 1])) {
                findings.add(XssRules.MARKUP_DECLARATION, bang, j + 6);
                return;
            }
        }
    }

    /** JSFuck: {@code ![]} outside a Markdown image ({@code ![](src)}). */
    private static void jsFuck(char[] t, int i, int n, FirstFindings findings) {
        if (i + 2 < n && t[i + 1] == '[' && t[i + 2] == ']' && (i + 3 >= n || t[i + 3] != '(')) {
            findings.add(XssRules.JS_OBFUSCATION, i, i + 3);
        }
    }

    /**
     * A client-side template expression {@code {{...}}} that reaches the constructor, the scope's
     * evaluator or a code-running function. Reads from {@code from} (past what an earlier
     * expression already read) and returns how far it read.
     */
    private static int template(char[] t, int i, int from, int n, FirstFindings findings) {
        int limit = Math.min(n, i + 2 + TEMPLATE_WINDOW);
        int k = from;
        while (k < limit) {
            char c = t[k];
            if (c == '}' && k + 1 < n && t[k + 1] == '}') {
                return k;
            }
            if (Chars.isIdentifierPart(c)) {
                int e = Chars.identifierEnd(t, k, n);
                if (XssVocabulary.TEMPLATE_ESCAPES.contains(t, k, e)) {
                    findings.add(XssRules.TEMPLATE_INJECTION, i, e);
                } else if (XssVocabulary.DANGEROUS_CALLS.contains(t, k, e)) {
                    int open = Chars.skipJsSpace(t, e, n);
                    if (open < n && t[open] == '(') {
                        findings.add(XssRules.TEMPLATE_INJECTION, i, open + 1);
                    }
                }
                k = e;
                continue;
            }
            k++;
        }
        return Math.max(k, from);
    }

    /** {@code -->} closing an HTML comment: at the start of the value or before a tag it breaks out. */
    private static void commentClose(char[] t, int i, int n, FirstFindings findings) {
        if (i + 2 >= n || t[i + 1] != '-' || t[i + 2] != '>' || i > 0 && t[i - 1] == '-') {
            return;
        }
        int k = i + 3;
        while (k < n && Chars.isSpace(t[k]) && k - i < 16) {
            k++;
        }
        boolean tagFollows = k + 1 < n && t[k] == '<' && (Chars.isLetter(t[k + 1]) || t[k + 1] == '!');
        if (tagFollows || MarkupScanner.onlyPunctuationBefore(t, i)) {
            findings.add(XssRules.CONTEXT_BREAKOUT, i, i + 3);
        } else {
            findings.add(XssRules.SCRIPT_HINT, i, i + 3);
        }
    }
}
