package dev.bulwark.core.internal.xss;

import dev.bulwark.core.internal.rules.Lexicon;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The data the XSS scanners judge with: element, attribute, scheme, function and property names.
 * Decisions are made by the scanners from the structure around a word; these tables only say which
 * words matter. All entries are lower case.
 */
final class XssVocabulary {

    private XssVocabulary() {
    }

    /** The words of several sets and lists, for a combined set. */
    private static String[] union(Object... parts) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (Object part : parts) {
            all.addAll(part instanceof Lexicon set ? set.words() : List.of((String[]) part));
        }
        return all.toArray(String[]::new);
    }

    /**
     * Elements that run script, load active content, change where the page or its forms point, or
     * open a foreign parser (SVG, MathML, XML) in which other rules apply.
     */
    static final Lexicon DANGEROUS_ELEMENTS = Lexicon.of(
            "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "meta",
            "link", "style", "form", "isindex", "xml", "import", "xss", "vmlframe", "noscript",
            "template", "portal", "bgsound", "layer", "ilayer", "animate",
            "animatemotion", "animatetransform", "foreignobject", "dialog", "xmp", "plaintext",
            "noembed", "noframes", "xsl", "stylesheet", "scriptlet", "keygen", "input", "button");

    /**
     * Dangerous elements whose content a browser parses in a special way (CSS, foreign SVG or
     * MathML content, raw text), so that even a bare {@code <style>} changes how what follows is read.
     * Other dangerous elements count only with attributes or an unusual ending, so that placeholders in
     * prose such as {@code tool <input> <output>} pass.
     */
    static final Lexicon LIVE_CONTENT_ELEMENTS = Lexicon.of(
            "style", "svg", "math", "xml", "noscript", "xmp", "plaintext", "noembed", "noframes",
            // not live, but only ever written by XSS probes such as the classic locator string
            "xss");

    /**
     * Form controls: dangerous for the fields they add to or the submission they start in a page's form,
     * not for content they load. Rich text holds them plainly (the {@code <input type="checkbox" checked>}
     * of a task list, a {@code <button type="button">}), so they count only with an attribute outside
     * {@link #PLAIN_CONTROL_ATTRIBUTES} or a type outside {@link #PLAIN_CONTROL_TYPES}.
     */
    static final Lexicon FORM_CONTROL_ELEMENTS = Lexicon.of("input", "button");

    /**
     * Attributes that only show or state a form control; a name or value (fields a form would
     * submit), {@code form}, {@code autofocus} and handlers are not among them. {@code aria-*} and
     * {@code data-*} attributes count as plain too.
     */
    static final Lexicon PLAIN_CONTROL_ATTRIBUTES = Lexicon.of(
            "type", "checked", "disabled", "readonly", "class", "id", "title", "placeholder", "required",
            "role", "tabindex", "contenteditable", "dir", "lang", "size", "maxlength", "minlength");

    /** Control types that submit nothing hidden and load nothing: not hidden, password, file or image. */
    static final Lexicon PLAIN_CONTROL_TYPES = Lexicon.of(
            "checkbox", "radio", "button", "submit", "reset", "text", "search", "email", "number", "tel",
            "url", "date", "time", "range", "color");

    /** Elements whose closing tag ends a raw-text context that an attacker breaks out of. */
    static final Lexicon BREAKOUT_END_TAGS = Lexicon.of(
            "script", "style", "title", "textarea", "xmp", "noscript", "noembed", "noframes",
            "template", "iframe", "plaintext", "svg", "math");

    /**
     * Attributes that are dangerous whatever their value: they load or define markup or script,
     * bind namespaces, or redirect form submission.
     */
    static final Lexicon DANGEROUS_ATTRIBUTES = Lexicon.of(
            "formaction", "srcdoc", "xmlns", "xlink:href", "attributename", "datasrc",
            "dataformatas", "xsi:schemalocation", "xml:base", "seeksegmenttime", "folder",
            "allowscriptaccess", "http-equiv", "fscommand");

    /** Attributes whose value is parsed as CSS. */
    static final Lexicon STYLE_ATTRIBUTES = Lexicon.of("style", "filter");

    /** Event-handler attributes browsers know; any {@code on*} attribute inside a tag counts too. */
    static final Lexicon EVENT_HANDLERS = Lexicon.of(
            "onabort", "onactivate", "onafterprint", "onafterscriptexecute", "onafterupdate",
            "onanimationcancel", "onanimationend", "onanimationiteration", "onanimationstart",
            "onauxclick", "onbeforeactivate", "onbeforecopy", "onbeforecut", "onbeforedeactivate",
            "onbeforeeditfocus", "onbeforeinput", "onbeforepaste", "onbeforeprint",
            "onbeforescriptexecute", "onbeforetoggle", "onbeforeunload", "onbeforeupdate", "onbegin",
            "onblur", "onbounce", "oncancel", "oncanplay", "oncanplaythrough", "oncellchange",
            "onchange", "onclick", "onclose", "oncontentvisibilityautostatechange", "oncontextmenu",
            "oncontrolselect", "oncopy", "oncuechange", "oncut", "ondataavailable",
            "ondatasetchanged", "ondatasetcomplete", "ondblclick", "ondeactivate", "ondrag",
            "ondragend", "ondragenter", "ondragexit", "ondragleave", "ondragover", "ondragstart",
            "ondrop", "ondurationchange", "onemptied", "onend", "onended", "onerror",
            "onerrorupdate", "onfilterchange", "onfinish", "onfocus", "onfocusin", "onfocusout",
            "onformdata", "onfullscreenchange", "onhashchange", "onhelp", "oninput", "oninvalid",
            "onkeydown", "onkeypress", "onkeyup", "onlayoutcomplete", "onload", "onloadeddata",
            "onloadedmetadata", "onloadend", "onloadstart", "onlosecapture", "onmessage",
            "onmousedown", "onmouseenter", "onmouseleave", "onmousemove", "onmouseout",
            "onmouseover", "onmouseup", "onmousewheel", "onmove", "onmoveend", "onmovestart",
            "onoffline", "ononline", "onpagehide", "onpageshow", "onpaste", "onpause", "onplay",
            "onplaying", "onpointercancel", "onpointerdown", "onpointerenter", "onpointerleave",
            "onpointermove", "onpointerout", "onpointerover", "onpointerrawupdate", "onpointerup",
            "onpopstate", "onprogress", "onpropertychange", "onratechange", "onreadystatechange",
            "onrepeat", "onreset", "onresize", "onrowenter", "onrowexit", "onrowsdelete",
            "onrowsinserted", "onscroll", "onscrollend", "onsearch", "onseeked", "onseeking",
            "onselect", "onselectionchange", "onselectstart", "onshow", "onstalled", "onstart",
            "onstop", "onstorage", "onsubmit", "onsuspend", "ontimer", "ontimeupdate", "ontoggle",
            "ontouchcancel", "ontouchend", "ontouchmove", "ontouchstart", "ontransitioncancel",
            "ontransitionend", "ontransitionrun", "ontransitionstart", "onunhandledrejection",
            "onunload", "onvolumechange", "onwaiting", "onwebkitanimationend",
            "onwebkitanimationiteration", "onwebkitanimationstart",
            "onwebkitplaybacktargetavailabilitychanged", "onwebkittransitionend", "onwheel",
            "onzoom");

    /** URL schemes that run script when navigated to. */
    static final Lexicon SCRIPT_SCHEMES = Lexicon.of(
            "javascript", "vbscript", "livescript", "jscript", "mocha", "ecmascript");

    /** URL schemes that carry a document or a document archive. */
    static final Lexicon DOCUMENT_SCHEMES = Lexicon.of("data", "mhtml", "ms-its", "view-source");

    /** Media types that a browser renders as an active document or runs as script. */
    static final Lexicon ACTIVE_MEDIA_TYPES = Lexicon.of(
            "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
            "text/javascript", "application/javascript", "application/x-javascript",
            "text/ecmascript", "application/ecmascript", "text/vbscript", "text/x-scriptlet",
            "text/xsl", "application/x-shockwave-flash");

    /** Functions whose call runs code or is the classic proof of an injection. */
    static final Lexicon DANGEROUS_CALLS = Lexicon.of(
            "alert", "prompt", "confirm", "eval", "settimeout", "setinterval", "setimmediate",
            "execscript", "msgbox", "atob", "btoa", "importscripts", "showmodaldialog", "function",
            "import");

    /** Members that run code or reach the DOM when called on any object. */
    static final Lexicon DANGEROUS_MEMBER_CALLS = Lexicon.of(
            "fromcharcode", "getscript", "globaleval", "insertadjacenthtml", "createelement",
            "execscript", "createcontextualfragment", "execcommand");

    /** Members that write markup when assigned to. */
    static final Lexicon MARKUP_SINKS = Lexicon.of("innerhtml", "outerhtml", "srcdoc");

    /** Members called as tagged templates to run code without parentheses. */
    static final Lexicon INVOKERS = Lexicon.of("call", "apply", "bind");

    /** Global objects through which script reaches the page. */
    static final Lexicon GLOBALS = Lexicon.of(
            "document", "window", "self", "top", "parent", "frames", "globalthis", "opener",
            "content");

    /** Members of {@code document} that read or change the page or its cookies. */
    static final Lexicon DOCUMENT_MEMBERS = Lexicon.of(
            "cookie", "domain", "write", "writeln", "location", "documenturi", "referrer",
            "baseuri", "createelement", "body", "documentelement", "head", "getelementbyid",
            "getelementsbytagname", "getelementsbyname", "getelementsbyclassname", "queryselector",
            "queryselectorall", "forms", "scripts", "all", "execcommand", "open", "defaultview",
            "implementation", "createrange", "evaluate", "childnodes", "designmode");

    /** Properties of the globals that leak or redirect on mere access; other members must be used. */
    static final Lexicon SENSITIVE_PROPERTIES = Lexicon.of(
            "cookie", "domain", "location", "documenturi", "referrer", "baseuri", "designmode", "document",
            "opener", "localstorage", "sessionstorage");

    /** Members of the window-like globals that navigate, run code or reach the page. */
    static final Lexicon WINDOW_MEMBERS = Lexicon.of(
            "location", "document", "alert", "prompt", "confirm", "eval", "open", "settimeout",
            "setinterval", "execscript", "atob", "fetch", "constructor", "opener", "localstorage",
            "sessionstorage", "postmessage", "navigation", "frames", "function", "cookie");

    /** Members of {@code location} that navigate. */
    static final Lexicon LOCATION_MEMBERS = Lexicon.of(
            "href", "replace", "assign", "hash", "search", "protocol", "pathname");

    /** Words that may stand right before another word inside a JavaScript expression. */
    static final Lexicon JS_PREFIX_KEYWORDS = Lexicon.of(
            "new", "typeof", "void", "delete", "in", "instanceof", "of", "return", "await",
            "yield", "var", "let", "const", "throw", "case", "else", "do");

    /** Calls inside a template expression that escape the sandbox of client-side templates. */
    static final Lexicon TEMPLATE_ESCAPES = Lexicon.of(
            "constructor", "$eval", "$on", "__proto__", "prototype", "$emit", "__definegetter__",
            "valueof", "tostring", "fromcharcode");

    /** Server-side include directives. */
    static final Lexicon SSI_DIRECTIVES = Lexicon.of(
            "exec", "include", "echo", "set", "config", "printenv", "fsize", "flastmod");

    /** XML markup declarations that define entities or document types. */
    static final Lexicon MARKUP_DECLARATIONS = Lexicon.of("entity", "attlist", "element");

    /** Processing instructions that load behaviour or style sheets. */
    static final Lexicon DANGEROUS_INSTRUCTIONS = Lexicon.of(
            "import", "xml-stylesheet", "xml:stylesheet", "xml:namespace");

    /**
     * Namespace prefixes that put an element into a foreign parser with its own script rules, and
     * {@code esi:}, which edge caches execute (Edge Side Includes: include, vars, eval).
     */
    static final Lexicon FOREIGN_PREFIXES = Lexicon.of("svg", "math", "xsl", "xbl", "vml", "v", "t", "esi");

    /** Attributes whose value is a link or a navigation target. */
    static final Lexicon LINK_ATTRIBUTES = Lexicon.of("href", "action", "src", "data", "ping", "background");

    /** Every identifier the script scanner looks closer at; all others are passed at once. */
    static final Lexicon SCRIPT_IDENTIFIERS = Lexicon.of(union(
            DANGEROUS_CALLS, DANGEROUS_MEMBER_CALLS, INVOKERS, MARKUP_SINKS, GLOBALS, DANGEROUS_ATTRIBUTES,
            STYLE_ATTRIBUTES, new String[] {"location", "constructor", "import", "entity", "in"}));

    /** Named character references decoded before scanning, with their code points below. */
    private static final String[] ENTITY_NAMES = {
            "lt", "gt", "amp", "quot", "apos", "tab", "newline", "colon", "lpar", "rpar", "sol",
            "bsol", "grave", "equals", "semi", "comma", "period", "excl", "num", "lsqb", "rsqb",
            "lbrack", "rbrack", "lcub", "rcub", "lbrace", "rbrace", "nbsp", "plus", "dollar",
            "percnt", "ast", "midast", "quest", "commat", "vert", "verbar", "lowbar", "hat",
            "dash", "hyphen", "lowast"};

    /** Code points of {@link #ENTITY_NAMES}, in the same order. */
    private static final char[] ENTITY_VALUES = {
            '<', '>', '&', '"', '\'', '\t', '\n', ':', '(', ')', '/',
            '\\', '`', '=', ';', ',', '.', '!', '#', '[', ']',
            '[', ']', '{', '}', '{', '}', '\u00a0', '+', '$',
            '%', '*', '*', '?', '@', '|', '|', '_', '^',
            '\u2010', '\u2010', '*'};

    /** How many of the first {@link #ENTITY_NAMES} browsers also decode without a semicolon. */
    private static final int LEGACY_COUNT = 4;

    /** Named character references; each word's flags are the character it stands for. */
    static final Lexicon ENTITIES = entities(0, ENTITY_NAMES.length);

    /** The references browsers also decode without a semicolon, even before letters ({@code &ltscript}). */
    static final Lexicon LEGACY_ENTITIES = entities(0, LEGACY_COUNT);

    private static Lexicon entities(int from, int to) {
        Lexicon.Builder builder = Lexicon.builder();
        for (int i = from; i < to; i++) {
            builder.add(ENTITY_VALUES[i], ENTITY_NAMES[i]);
        }
        return builder.build();
    }
}
