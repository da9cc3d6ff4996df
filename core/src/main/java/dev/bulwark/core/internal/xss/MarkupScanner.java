package dev.bulwark.core.internal.xss;

import dev.bulwark.core.internal.rules.FirstFindings;

/**
 * Finds tags the way a lenient HTML parser does: a {@code <} followed by a tag name (any case,
 * namespaced, closed by space, {@code /}, {@code >} or nothing at the end of the value), then
 * attributes separated by space, control characters or {@code /}. Judges element names, attribute
 * names, the values of style attributes and where link attributes point.
 *
 * <p>Runs in two modes over the same text: one honours quoted attribute values as a browser does,
 * the other ignores quotes, so that tags hidden inside attribute values ({@code <img alt="<img
 * src=x onerror=...>">}) and values that break out of a quoted attribute are seen too. Each mode
 * reads every character once.
 */
final class MarkupScanner {

    private MarkupScanner() {
    }

    /**
     * Scans the text for tags.
     *
     * @param quoteAware whether quoted attribute values are honoured
     * @param document whether the value is a whole XML document (it opens with an XML declaration),
     *     in which namespaces and SVG or MathML elements are ordinary; script, handlers and script URLs
     *     still count
     */
    static void scan(XssText text, boolean quoteAware, boolean document, FirstFindings findings) {
        char[] t = text.text;
        int n = text.length;
        int i = 0;
        while (i < n) {
            if (t[i] != '<') {
                i++;
                continue;
            }
            i = tag(t, i, n, quoteAware, document, findings);
        }
    }

    /** Whether the value opens with an XML declaration or packet header, after spaces or a byte-order mark. */
    static boolean isXmlDocument(XssText text) {
        int k = 0;
        while (k < text.length && (Chars.isSpace(text.text[k]) || text.text[k] == '\ufeff')) {
            k++;
        }
        return Chars.startsWith(text.text, k, text.length, "<?xml ")
                || Chars.startsWith(text.text, k, text.length, "<?xpacket ");
    }

    /** Reads the tag at {@code lt} and returns where scanning goes on. */
    private static int tag(char[] t, int lt, int n, boolean quoteAware, boolean document, FirstFindings findings) {
        int j = lt + 1;
        if (j >= n) {
            return n;
        }
        char first = t[j];
        if (first == '!') {
            declaration(t, lt, n, findings);
            return j;
        }
        if (first == '?') {
            instruction(t, lt, n, findings);
            return j;
        }
        boolean end = first == '/';
        if (end) {
            j++;
        }
        if (j >= n || !(Chars.isLetter(t[j]) || t[j] == ':' && j + 1 < n && Chars.isLetter(t[j + 1]))) {
            if (!end && quoteAware) {
                squeezedName(t, lt, n, findings);
            }
            return lt + 1;
        }
        int nameStart = j;
        while (j < n && !endsTagName(t[j])) {
            j++;
        }
        int nameEnd = j;
        int local = nameStart;
        for (int k = nameStart; k < nameEnd; k++) {
            if (t[k] == ':') {
                local = k + 1;
            }
        }
        int runEnd = local;
        while (runEnd < nameEnd && Chars.isLetterOrDigit(t[runEnd])) {
            runEnd++;
        }
        char[] name = t;
        int nameFrom = local;
        int nameTo = runEnd;
        if (runEnd < nameEnd && t[runEnd] == 0) {
            // Old parsers dropped NUL inside tag names: <scr\0ipt> was <script>.
            name = withoutNul(t, local, nameEnd);
            nameFrom = 0;
            nameTo = 0;
            while (nameTo < name.length && Chars.isLetterOrDigit(name[nameTo])) {
                nameTo++;
            }
        }
        if (end) {
            endTag(t, lt, name, nameFrom, nameTo, runEnd, n, findings);
            return nameEnd;
        }
        boolean script = nameTo - nameFrom == 6 && Chars.startsWith(name, nameFrom, nameTo, "script");
        if (script) {
            findings.add(XssRules.SCRIPT_TAG, lt, runEnd);
        } else if (!document && (wholeName(name, t, runEnd, nameEnd)
                        && XssVocabulary.DANGEROUS_ELEMENTS.contains(name, nameFrom, nameTo)
                || local > nameStart && XssVocabulary.FOREIGN_PREFIXES.contains(t, nameStart, local - 1))) {
            boolean bare = nameEnd < n && t[nameEnd] == '>' && runEnd == nameEnd;
            boolean plainControl = XssVocabulary.FORM_CONTROL_ELEMENTS.contains(name, nameFrom, nameTo)
                    && runEnd == nameEnd && plainControlAttributes(t, nameEnd, n);
            if (!plainControl && (!bare || XssVocabulary.LIVE_CONTENT_ELEMENTS.contains(name, nameFrom, nameTo))) {
                findings.add(XssRules.DANGEROUS_TAG, lt, runEnd);
            }
        } else if (quoteAware && nameEnd - nameStart <= 2) {
            squeezedName(t, lt, n, findings);
        }
        return attributes(t, lt, nameEnd, n, quoteAware, document, findings);
    }

    /**
     * Whether the letters read can stand for the tag name: not when a file extension follows them.
     * {@code <math.h>}, a C header in prose, names the unknown element {@code math.h} for a browser,
     * not {@code math}. Other trailing characters ({@code <noscript#}) still count as the element.
     */
    private static boolean wholeName(char[] name, char[] text, int runEnd, int nameEnd) {
        return name != text || runEnd + 1 >= nameEnd || text[runEnd] != '.' || !Chars.isLetter(text[runEnd + 1]);
    }

    private static boolean endsTagName(char c) {
        return Chars.isSpace(c) && c != 0 || c == '/' || c == '>' || c == '<';
    }

    private static char[] withoutNul(char[] t, int from, int to) {
        int kept = 0;
        for (int k = from; k < to; k++) {
            if (t[k] != 0) {
                kept++;
            }
        }
        char[] name = new char[kept];
        int j = 0;
        for (int k = from; k < to; k++) {
            if (t[k] != 0) {
                name[j++] = t[k];
            }
        }
        return name;
    }

    private static void endTag(char[] t, int lt, char[] name, int nameFrom, int nameTo, int runEnd, int n,
            FirstFindings findings) {
        if (!XssVocabulary.BREAKOUT_END_TAGS.contains(name, nameFrom, nameTo)) {
            findings.add(XssRules.HTML_TAG, lt, runEnd);
            return;
        }
        boolean atStart = onlyPunctuationBefore(t, lt);
        int after = runEnd;
        while (after < n && t[after] != '>' && after - runEnd < 16) {
            after++;
        }
        int next = after + 1;
        while (next < n && Chars.isSpace(t[next])) {
            next++;
        }
        boolean tagFollows = next + 1 < n && t[next] == '<' && (Chars.isLetter(t[next + 1]) || t[next + 1] == '!');
        findings.add(atStart || tagFollows ? XssRules.CONTEXT_BREAKOUT : XssRules.HTML_TAG, lt, runEnd);
    }

    /** Whether only spaces, quotes and closing punctuation stand before {@code at}: a breakout position. */
    static boolean onlyPunctuationBefore(char[] t, int at) {
        for (int k = at - 1; k >= 0; k--) {
            char c = t[k];
            if (!(Chars.isSpace(c) || Chars.isQuote(c) || c == '>' || c == ';' || c == ')' || c == ']'
                    || c == '}')) {
                return false;
            }
        }
        return true;
    }

    /** Reads the attributes of a start tag whose name ends at {@code from}; returns where the tag ends. */
    private static int attributes(char[] t, int lt, int from, int n, boolean quoteAware, boolean document,
            FirstFindings findings) {
        int k = from;
        boolean any = false;
        while (k < n) {
            char c = t[k];
            if (Chars.isSpace(c) || c == '/') {
                k++;
                continue;
            }
            if (c == '>') {
                k++;
                break;
            }
            if (c == '<') {
                break;
            }
            int nameStart = k;
            k++;
            while (k < n && !Chars.isSpace(t[k]) && t[k] != '/' && t[k] != '>' && t[k] != '=' && t[k] != '<') {
                k++;
            }
            int nameEnd = k;
            int m = k;
            while (m < n && Chars.isSpace(t[m])) {
                m++;
            }
            int valueStart = -1;
            int valueEnd = -1;
            if (m < n && t[m] == '=') {
                m++;
                while (m < n && Chars.isSpace(t[m])) {
                    m++;
                }
                if (quoteAware && m < n && Chars.isQuote(t[m])) {
                    char quote = t[m];
                    valueStart = m + 1;
                    valueEnd = valueStart;
                    while (valueEnd < n && t[valueEnd] != quote) {
                        valueEnd++;
                    }
                    k = Math.min(n, valueEnd + 1);
                } else {
                    valueStart = m;
                    valueEnd = m;
                    while (valueEnd < n && !Chars.isSpace(t[valueEnd]) && t[valueEnd] != '>'
                            && (quoteAware || t[valueEnd] != '<')) {
                        valueEnd++;
                    }
                    k = valueEnd;
                }
            }
            any = true;
            attribute(t, nameStart, nameEnd, valueStart, valueEnd, document, findings);
        }
        if (any) {
            findings.add(XssRules.HTML_TAG, lt, k);
        }
        return k;
    }

    /**
     * Whether a form control's tag, from {@code from} after its name, closes with {@code >} holding
     * only {@link XssVocabulary#PLAIN_CONTROL_ATTRIBUTES} (or {@code aria-*}, {@code data-*}) and a
     * plain type, each value quoted or a single word. Reads at most to the tag's end.
     */
    private static boolean plainControlAttributes(char[] t, int from, int n) {
        int k = from;
        while (k < n) {
            char c = t[k];
            if (Chars.isSpace(c) || c == '/' && k + 1 < n && t[k + 1] == '>') {
                k++;
                continue;
            }
            if (c == '>') {
                return true;
            }
            int nameStart = k;
            while (k < n && (Chars.isLetter(t[k]) || t[k] == '-')) {
                k++;
            }
            int nameEnd = k;
            if (nameEnd == nameStart || !(XssVocabulary.PLAIN_CONTROL_ATTRIBUTES.contains(t, nameStart, nameEnd)
                    || Chars.startsWith(t, nameStart, nameEnd, "aria-") || Chars.startsWith(t, nameStart, nameEnd, "data-"))) {
                return false;
            }
            if (k < n && t[k] == '=') {
                k++;
                int valueStart;
                int valueEnd;
                if (k < n && (t[k] == '"' || t[k] == '\'')) {
                    char quote = t[k];
                    valueStart = k + 1;
                    valueEnd = valueStart;
                    while (valueEnd < n && t[valueEnd] != quote && t[valueEnd] != '<' && t[valueEnd] != '>'
                            && t[valueEnd] != '`') {
                        valueEnd++;
                    }
                    if (valueEnd >= n || t[valueEnd] != quote) {
                        return false;
                    }
                    k = valueEnd + 1;
                } else {
                    valueStart = k;
                    while (k < n && Chars.isLetterOrDigit(t[k])) {
                        k++;
                    }
                    valueEnd = k;
                }
                if (nameEnd - nameStart == 4 && Chars.startsWith(t, nameStart, nameEnd, "type")
                        && !XssVocabulary.PLAIN_CONTROL_TYPES.contains(t, valueStart, valueEnd)) {
                    return false;
                }
            }
            if (k < n && !Chars.isSpace(t[k]) && t[k] != '>' && t[k] != '/') {
                return false;
            }
        }
        return false;
    }

    private static void attribute(char[] t, int nameStart, int nameEnd, int valueStart, int valueEnd,
            boolean document, FirstFindings findings) {
        int start = nameStart;
        while (start < nameEnd && (Chars.isQuote(t[start]) || t[start] == 0)) {
            start++;
        }
        boolean hasValue = valueStart >= 0;
        if (!hasValue) {
            return;
        }
        if (nameEnd - start >= 3 && t[start] == 'o' && t[start + 1] == 'n' && Chars.isLetter(t[start + 2])) {
            findings.add(XssRules.EVENT_HANDLER, nameStart, Math.max(valueEnd, nameEnd));
            return;
        }
        if (document && isNamespaceAttribute(t, start, nameEnd)) {
            return;
        }
        if (XssVocabulary.DANGEROUS_ATTRIBUTES.contains(t, start, nameEnd)
                || Chars.startsWith(t, start, nameEnd, "xmlns:")) {
            findings.add(XssRules.DANGEROUS_ATTRIBUTE, nameStart, Math.max(valueEnd, nameEnd));
            return;
        }
        if (XssVocabulary.STYLE_ATTRIBUTES.contains(t, start, nameEnd)) {
            if (valueEnd > valueStart) {
                findings.add(XssRules.STYLE_ATTRIBUTE, nameStart, valueEnd);
            }
            if (CssScanner.isDangerous(t, valueStart, valueEnd)) {
                findings.add(XssRules.CSS_SCRIPT, nameStart, valueEnd);
            }
            if (CssScanner.isOverlay(t, valueStart, valueEnd)) {
                findings.add(XssRules.CSS_OVERLAY, nameStart, valueEnd);
            }
            return;
        }
        if (XssVocabulary.LINK_ATTRIBUTES.contains(t, start, nameEnd)) {
            switch (linkTarget(t, valueStart, valueEnd)) {
                case OTHER_HOST -> findings.add(XssRules.FOREIGN_LINK, nameStart, valueEnd);
                case HIDDEN_HOST -> findings.add(XssRules.DISGUISED_LINK, nameStart, valueEnd);
                case SAME_SITE -> { }
            }
        }
    }

    private static boolean isNamespaceAttribute(char[] t, int from, int to) {
        return Chars.startsWith(t, from, to, "xmlns") || Chars.startsWith(t, from, to, "xsi:")
                || Chars.startsWith(t, from, to, "xml:");
    }

    /** Where a link attribute leads, as far as its text tells. */
    enum LinkTarget {
        /** A path, a fragment or a scheme without a host ({@code mailto:}, {@code tel:}). */
        SAME_SITE,
        /** Another host, written plainly: {@code https://host/...}. */
        OTHER_HOST,
        /**
         * Another host, written so that it looks local or hides the host: protocol-relative
         * {@code //host}, backslashes, one or three slashes, user information, or control and
         * invisible characters, which browsers drop or repair while filters and people read them
         * literally.
         */
        HIDDEN_HOST
    }

    /** Reads where the link in {@code t[from, to)} leads. */
    static LinkTarget linkTarget(char[] t, int from, int to) {
        int k = from;
        boolean disguised = false;
        while (k < to && Chars.isQuote(t[k])) {
            k++;
        }
        while (k < to && (Chars.isSpace(t[k]) || isInvisible(t[k]))) {
            k++;
            disguised = true;
        }
        int schemeEnd = k;
        while (schemeEnd < to && (Chars.isLetter(t[schemeEnd]) || t[schemeEnd] < ' ' && schemeEnd > k)) {
            schemeEnd++;
        }
        int authority = k;
        if (schemeEnd < to && t[schemeEnd] == ':' && schemeEnd > k) {
            authority = schemeEnd + 1;
        } else if (!(k + 1 < to && isSlash(t[k]) && isSlash(t[k + 1]))) {
            return LinkTarget.SAME_SITE;
        } else {
            disguised = true;
        }
        int slashes = 0;
        int j = authority;
        while (j < to && j - authority < 8 && (isSlash(t[j]) || Chars.isSpace(t[j]) || isInvisible(t[j]))) {
            if (t[j] == '\\' || Chars.isSpace(t[j]) || isInvisible(t[j])) {
                disguised = true;
            }
            slashes += isSlash(t[j]) ? 1 : 0;
            j++;
        }
        if (slashes == 0) {
            return LinkTarget.SAME_SITE;
        }
        if (slashes != 2 || j < to && t[j] == '@') {
            disguised = true;
        }
        int hostEnd = Math.min(to, j + 64);
        for (int h = j; h < hostEnd && t[h] != '/' && t[h] != '?' && t[h] != '#'; h++) {
            if (t[h] == '\\' || t[h] == '@' || t[h] < ' ' || isInvisible(t[h]) || t[h] > '\u2000' && t[h] < '\u2bff') {
                disguised = true;
            }
        }
        return disguised ? LinkTarget.HIDDEN_HOST : LinkTarget.OTHER_HOST;
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }

    /** Format and other invisible characters that URL parsers drop or that hide what follows. */
    private static boolean isInvisible(char c) {
        return c == '\u00ad' || c == '\u034f' || c >= '\u180b' && c <= '\u180e' || c >= '\u200b' && c <= '\u200f'
                || c >= '\u2060' && c <= '\u2064' || c >= '\ufe00' && c <= '\ufe0f' || c == '\ufeff'
                || c == '\u3000' || c == '\u00a0' || c >= '\u2000' && c <= '\u200a' || c == 0x7f;
    }

    /** {@code <!...}: server-side includes, XML declarations and document types. */
    private static void declaration(char[] t, int lt, int n, FirstFindings findings) {
        int j = lt + 2;
        if (Chars.startsWith(t, j, n, "--")) {
            int k = j + 2;
            while (k < n && Chars.isSpace(t[k]) && k - j < 8) {
                k++;
            }
            if (k < n && t[k] == '#') {
                int wordEnd = k + 1;
                while (wordEnd < n && Chars.isLetter(t[wordEnd])) {
                    wordEnd++;
                }
                if (XssVocabulary.SSI_DIRECTIVES.contains(t, k + 1, wordEnd)
                        && (Chars.startsWith(t, k + 1, n, "printenv") || ssiAttributeFollows(t, wordEnd, n))) {
                    findings.add(XssRules.MARKUP_DECLARATION, lt, wordEnd);
                }
            }
            return;
        }
        int wordEnd = j;
        while (wordEnd < n && Chars.isLetter(t[wordEnd])) {
            wordEnd++;
        }
        if (XssVocabulary.MARKUP_DECLARATIONS.contains(t, j, wordEnd)) {
            findings.add(XssRules.MARKUP_DECLARATION, lt, wordEnd);
        } else if (Chars.startsWith(t, j, n, "doctype")) {
            int limit = Math.min(n, wordEnd + Chars.SKIP_LIMIT);
            for (int k = wordEnd; k < limit && t[k] != '>'; k++) {
                if (t[k] == '[') {
                    findings.add(XssRules.MARKUP_DECLARATION, lt, k + 1);
                    return;
                }
            }
            findings.add(XssRules.HTML_TAG, lt, wordEnd);
        }
    }

    /**
     * Whether an attribute ({@code cmd=}, {@code virtual =}) follows an SSI directive ending at
     * {@code from}: {@code <!--#include-->} alone, as prose names it, includes nothing.
     */
    private static boolean ssiAttributeFollows(char[] t, int from, int n) {
        int name = from;
        while (name < n && Chars.isSpace(t[name]) && name - from < 8) {
            name++;
        }
        int nameEnd = name;
        while (nameEnd < n && Chars.isLetter(t[nameEnd]) && nameEnd - name < 24) {
            nameEnd++;
        }
        int equals = nameEnd;
        while (equals < n && Chars.isSpace(t[equals]) && equals - nameEnd < 8) {
            equals++;
        }
        return name > from && nameEnd > name && equals < n && t[equals] == '=';
    }

    /** {@code <?...}: processing instructions that import behaviour or style sheets. */
    private static void instruction(char[] t, int lt, int n, FirstFindings findings) {
        int j = lt + 2;
        int wordEnd = j;
        while (wordEnd < n && (Chars.isLetter(t[wordEnd]) || t[wordEnd] == '-' || t[wordEnd] == ':')) {
            wordEnd++;
        }
        if (XssVocabulary.DANGEROUS_INSTRUCTIONS.contains(t, j, wordEnd)) {
            findings.add(XssRules.MARKUP_DECLARATION, lt, wordEnd);
        }
    }

    /**
     * A tag name spread out by single separators, as in {@code <f o r m} or {@code < x: script}, which
     * lenient parsers and decoders of the past joined again. Reports only dangerous names.
     */
    private static void squeezedName(char[] t, int lt, int n, FirstFindings findings) {
        char[] letters = new char[16];
        int count = 0;
        int separators = 0;
        int k = lt + 1;
        while (k < n && k - lt < 8 && Chars.isSpace(t[k])) {
            k++;
            separators = 1;
        }
        int limit = Math.min(n, k + 48);
        while (k < limit) {
            char c = t[k];
            if (Chars.isLetter(c)) {
                if (count == letters.length) {
                    return;
                }
                letters[count++] = c;
                k++;
            } else if (c == ':' && count > 0) {
                count = 0;
                k++;
                while (k < limit && Chars.isSpace(t[k])) {
                    k++;
                    separators++;
                }
            } else if (c != '<' && c != '>' && count > 0 && k + 1 < limit && Chars.isLetter(t[k + 1])) {
                separators++;
                k++;
            } else {
                break;
            }
        }
        if (separators == 0 || count == 0) {
            return;
        }
        if (count == 6 && Chars.startsWith(letters, 0, count, "script")) {
            findings.add(XssRules.SCRIPT_TAG, lt, k);
        } else if (XssVocabulary.DANGEROUS_ELEMENTS.contains(letters, 0, count)) {
            findings.add(XssRules.DANGEROUS_TAG, lt, k);
        }
    }
}
