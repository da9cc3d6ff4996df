package dev.bulwark.core.internal.crlf;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.BestFinding;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Text;
import dev.bulwark.core.internal.rules.TextProfile;

/**
 * CR/LF injection: HTTP response splitting, header injection and request smuggling through values
 * (key {@code CRLF}).
 *
 * <p>A line break is harmless in a comment field and dangerous where the value becomes part of a
 * header or a request line. The detector therefore judges by place and by what follows the break:
 * <ul>
 *   <li>a CR or LF in a name (parameter, cookie, JSON key, multipart field, file name), in the
 *       request path or in a header or cookie value is reported as such: none of these can hold one
 *       legitimately;</li>
 *   <li>in other values, a line break followed by an HTTP status line, by a header field
 *       ({@code Name:}) or, in the query string, by another parameter ({@code name=}) is reported.
 *       In bodies, where multi-line text is common, only headers that change how a response is
 *       handled count ({@code Set-Cookie}, {@code Content-Length}, {@code Location: /...}, ...);
 *       in the query string, headers and cookies any header-like name does;</li>
 *   <li>an HTTP request line ({@code GET /admin HTTP/1.1}) anywhere in a value, the payload of
 *       request smuggling through a back-end connection;</li>
 *   <li>an HTML {@code <meta http-equiv>} element, which sets response headers from the body.</li>
 * </ul>
 * Header values may still carry {@code %0d%0a}: they are decoded once before the checks.
 *
 * @see <a href="https://owasp.org/www-community/attacks/HTTP_Response_Splitting">OWASP: HTTP Response Splitting</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/113.html">CWE-113</a>
 */
public final class CrlfInjectionDetector extends RuleFamily {

    /** Response headers whose injection changes how a response is handled; checked everywhere. */
    private static final Lexicon DANGEROUS_HEADERS = Lexicon.of(
            "set-cookie", "set-cookie2", "location", "refresh", "content-length", "content-type",
            "content-disposition", "content-encoding", "content-security-policy",
            "content-security-policy-report-only", "transfer-encoding", "access-control-allow-origin",
            "access-control-allow-credentials", "access-control-allow-headers", "access-control-allow-methods",
            "access-control-expose-headers", "x-xss-protection", "x-frame-options", "x-content-type-options",
            "strict-transport-security", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
            "x-original-url", "x-rewrite-url", "x-http-method-override", "x-real-ip", "www-authenticate",
            "x-accel-redirect", "x-sendfile", "upgrade");

    /** Other standard header names; in bodies they are too common at line starts to count. */
    private static final Lexicon COMMON_HEADERS = Lexicon.of(
            "host", "cookie", "connection", "user-agent", "referer", "origin", "cache-control", "expires", "pragma",
            "server", "x-powered-by", "keep-alive", "te", "trailer", "vary", "etag", "last-modified", "age",
            "retry-after", "accept", "accept-encoding", "accept-language", "date", "via", "warning", "link",
            "authorization", "range", "if-modified-since", "if-none-match", "expect", "forwarded");

    /** Methods recognised in a request line. */
    private static final String[] METHODS = {
        "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH", "PROPFIND",
        "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH",
    };

    private static final int MAX_HEADER_NAME = 64;
    /** How far back from " HTTP/" a request target may start. */
    private static final int MAX_TARGET = 4096;

    public CrlfInjectionDetector() {
        super(CrlfRules.KEY, CrlfRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String original = target.text();
        if (original.length() < 2) {
            return;
        }
        Source source = target.source();
        boolean escapes = target.keepsPercentEscapes();
        TextProfile profile = target.profile();
        if (!mayMatch(profile, escapes)
                || (onlyMetaMayMatch(profile, escapes) ? Ascii.indexOfIgnoreCase(original, "<meta", 0) < 0
                        : !mayMatch(original, escapes))) {
            return;
        }
        BestFinding best = new BestFinding();
        if (hasLineBreak(original)) {
            RuleDefinition placement = placementRule(target);
            if (placement != null && !(source == Source.FORM && onlyTrailingLineBreaks(original))) {
                best.offer(placement, firstLineBreak(original), 1);
            }
        }
        String text = Text.decodedText(target);
        int evidenceLimit = text == original ? -1 : original.length();
        if (hasLineBreak(text)) {
            scanLineStarts(text, source, target.name(), best, evidenceLimit);
        }
        if (best.isEmpty()) {
            scanTruncatedLineBreaks(text, best, evidenceLimit);
        }
        if (best.isEmpty() || !best.isBasic()) {
            scanRequestLine(text, best, evidenceLimit);
        }
        if (best.isEmpty()) {
            scanMetaHttpEquiv(text, source.isBody(), best, evidenceLimit);
        }
        best.reportTo(sink);
    }

    /**
     * Every rule needs a line break, {@code " HTTP/"}, a {@code <meta} tag, or (where escapes are
     * left in place) a {@code %}: most values have none of them.
     */
    private static final AsciiSet BREAKS_AND_MARKUP = AsciiSet.of("\r\n<");

    /** Whether {@link #mayMatch(String, boolean)} can be true for a value with this profile. */
    private static boolean mayMatch(TextProfile profile, boolean escapes) {
        return profile.hasAny(BREAKS_AND_MARKUP) || (escapes && profile.has('%')) || profile.hasNonAscii()
                || (profile.has(' ') && profile.has('H'));
    }

    /**
     * Whether only a {@code <meta} tag can match a value with this profile: it has no line break,
     * no character outside ASCII (a truncated line break), no escape that is decoded here (the text
     * scanned is then the value itself) and no {@code " H"} of a request line. Markup in prose
     * ({@code <span>}) is passed with one search for the tag.
     */
    private static boolean onlyMetaMayMatch(TextProfile profile, boolean escapes) {
        return !profile.has('\r') && !profile.has('\n') && !profile.hasNonAscii() && !(escapes && profile.has('%'))
                && !(profile.has(' ') && profile.has('H'));
    }

    private static boolean mayMatch(String text, boolean escapes) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '<' || (c == '%' && escapes) || isTruncatedLineBreak(c)
                    || (c == ' ' && i + 1 < text.length() && text.charAt(i + 1) == 'H')) {
                return true;
            }
        }
        return false;
    }

    /** The rule for a raw CR or LF in this place, or null where multi-line values are normal. */
    private static RuleDefinition placementRule(ScanTarget target) {
        if (target.component() != Component.VALUE) {
            return CrlfRules.IN_NAME;
        }
        switch (target.source()) {
            case PATH:
            case PATH_SEGMENT:
            case PATH_PARAMETER:
                return CrlfRules.IN_PATH;
            case HEADER:
            case COOKIE:
                return CrlfRules.IN_HEADER;
            default:
                return null;
        }
    }

    private static void scanLineStarts(String text, Source source, String name, BestFinding best, int evidenceLimit) {
        boolean body = source.isBody();
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                i++;
                continue;
            }
            int breakStart = i;
            int newlines = 0;
            while (i < length && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
                if (text.charAt(i) == '\n' || i + 1 >= length || text.charAt(i + 1) != '\n') {
                    newlines++;
                }
                i++;
            }
            if (i >= length) {
                return;
            }
            if ((Ascii.matchesAt(text, i, "http/") && i + 5 < length && Ascii.isDigit(text.charAt(i + 5)))
                    || (!body && newlines >= 2 && text.charAt(i) == '<')) {
                offer(best, CrlfRules.RESPONSE_SPLITTING, breakStart, Math.min(length - breakStart, 24), evidenceLimit);
                return;
            }
            if (best.isEmpty()) {
                RuleDefinition rule = fieldAfterBreak(text, i, source, name, body);
                if (rule != null) {
                    offer(best, rule, breakStart, Math.min(length - breakStart, 32), evidenceLimit);
                }
            }
        }
    }

    /** Offers a finding; evidence found in a decoded copy is reported as the whole value. */
    private static void offer(BestFinding best, RuleDefinition rule, int offset, int length, int evidenceLimit) {
        if (evidenceLimit >= 0) {
            best.offer(rule, 0, evidenceLimit);
        } else {
            best.offer(rule, offset, length);
        }
    }

    /**
     * Characters whose low byte is CR or LF ({@code U+560D U+560A}, "嘍嘊"): HTTP libraries that
     * write header values as Latin-1 truncate them to a real line break.
     */
    private static boolean isTruncatedLineBreak(char c) {
        return c >= 0x100 && ((c & 0xFF) == '\n' || (c & 0xFF) == '\r');
    }

    /** Such a character followed by a response header that changes how the response is handled. */
    private static void scanTruncatedLineBreaks(String text, BestFinding best, int evidenceLimit) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (!isTruncatedLineBreak(text.charAt(i))) {
                continue;
            }
            int start = i;
            while (i < length && (isTruncatedLineBreak(text.charAt(i)) || text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
                i++;
            }
            int end = i;
            int limit = Math.min(length, i + MAX_HEADER_NAME);
            while (end < limit && Text.isTokenChar(text.charAt(end))) {
                end++;
            }
            if (end < length && text.charAt(end) == ':' && DANGEROUS_HEADERS.contains(text, i, end)) {
                offer(best, CrlfRules.HEADER_INJECTION, start, end + 1 - start, evidenceLimit);
                return;
            }
            i--;
        }
    }

    /** The rule for a {@code Name:} or {@code name=} field starting at {@code start}, or null. */
    private static RuleDefinition fieldAfterBreak(String text, int start, Source source, String name, boolean body) {
        int length = text.length();
        int end = start;
        int limit = Math.min(length, start + MAX_HEADER_NAME);
        while (end < limit && Text.isTokenChar(text.charAt(end)) && text.charAt(end) != '=') {
            end++;
        }
        if (end == start || end >= length) {
            return null;
        }
        char delimiter = text.charAt(end);
        if (delimiter == '=' && source == Source.QUERY && Ascii.isLetter(text.charAt(start))) {
            return CrlfRules.PARAMETER_INJECTION;
        }
        if (delimiter != ':') {
            return null;
        }
        if (DANGEROUS_HEADERS.contains(text, start, end)) {
            if (body && Ascii.rangeEquals(text, start, end, "location") && !urlFollows(text, end + 1)) {
                return null;
            }
            return CrlfRules.HEADER_INJECTION;
        }
        if (body) {
            return null;
        }
        if ((source == Source.HEADER && !Text.isSelfReferenceHeader(name)) || source == Source.COOKIE) {
            // a header value that decodes to a line break and a field: any field name counts
            return CrlfRules.HEADER_INJECTION;
        }
        return COMMON_HEADERS.contains(text, start, end) || isHyphenatedName(text, start, end)
                ? CrlfRules.HEADER_INJECTION : null;
    }

    /** {@code Remote-Addr}, {@code X-Custom}: words of letters joined by hyphens. */
    private static boolean isHyphenatedName(String text, int start, int end) {
        boolean hyphen = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '-') {
                if (i == start || i == end - 1 || text.charAt(i - 1) == '-') {
                    return false;
                }
                hyphen = true;
            } else if (!Ascii.isAlnum(c)) {
                return false;
            }
        }
        return hyphen;
    }

    private static boolean urlFollows(String text, int from) {
        int i = Text.skipBlanks(text, from);
        return i < text.length() && (text.charAt(i) == '/' || Ascii.matchesAt(text, i, "http:")
                || Ascii.matchesAt(text, i, "https:") || Ascii.matchesAt(text, i, "javascript:"));
    }

    /**
     * {@code METHOD SP target SP HTTP/digit}: found from each {@code " HTTP/"} backwards, so every
     * character is looked at a bounded number of times.
     */
    private static void scanRequestLine(String text, BestFinding best, int evidenceLimit) {
        for (int h = text.indexOf(" HTTP/"); h >= 0; h = text.indexOf(" HTTP/", h + 6)) {
            if (h + 6 >= text.length() || !Ascii.isDigit(text.charAt(h + 6))) {
                continue;
            }
            int targetStart = h;
            int limit = Math.max(0, h - MAX_TARGET);
            while (targetStart > limit && text.charAt(targetStart - 1) != ' ' && !Ascii.isAsciiSpace(text.charAt(targetStart - 1))) {
                targetStart--;
            }
            if (targetStart == h || targetStart == 0 || text.charAt(targetStart - 1) != ' ') {
                continue;
            }
            char first = text.charAt(targetStart);
            if (first != '/' && first != '*' && !Ascii.matchesAt(text, targetStart, "http")) {
                continue;
            }
            int methodEnd = targetStart - 1;
            int methodStart = methodEnd;
            while (methodStart > 0 && text.charAt(methodStart - 1) >= 'A' && text.charAt(methodStart - 1) <= 'Z'
                    && methodEnd - methodStart < 10) {
                methodStart--;
            }
            for (String method : METHODS) {
                int start = methodEnd - method.length();
                if (start >= methodStart && text.startsWith(method, start)) {
                    offer(best, CrlfRules.REQUEST_LINE, start, h + 7 - start, evidenceLimit);
                    return;
                }
            }
        }
    }

    /** {@code <meta ... http-equiv=...>}: the attribute within the same tag. */
    private static void scanMetaHttpEquiv(String text, boolean body, BestFinding best, int evidenceLimit) {
        if (text.indexOf('<') < 0) {
            return;
        }
        // a complete HTML document posted as content carries its own meta elements in its head
        int head = body ? Ascii.indexOfIgnoreCase(text, "<head", 0) : -1;
        int close = -1;
        int equiv = -1;
        for (int m = Ascii.indexOfIgnoreCase(text, "<meta", 0); m >= 0; m = Ascii.indexOfIgnoreCase(text, "<meta", m + 5)) {
            // both searches only move forward, so the whole scan stays linear
            if (close < m) {
                close = text.indexOf('>', m);
                if (close < 0) {
                    close = text.length();
                }
            }
            if (equiv < m) {
                equiv = Ascii.indexOfIgnoreCase(text, "http-equiv", m + 5);
                if (equiv < 0) {
                    return;
                }
            }
            if (equiv < close && (head < 0 || head > m) && setsDangerousHeader(text, equiv + 10, close)) {
                offer(best, CrlfRules.META_HTTP_EQUIV, m, close - m, evidenceLimit);
                return;
            }
        }
    }

    /** {@code ="refresh"} or {@code =set-cookie}: the header the meta element sets. */
    private static boolean setsDangerousHeader(String text, int from, int close) {
        int i = Text.skipSpaces(text, from);
        if (i >= close || text.charAt(i) != '=') {
            return false;
        }
        i = Text.skipSpaces(text, i + 1);
        if (i < close && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i++;
        }
        return Ascii.matchesAt(text, i, "refresh") || Ascii.matchesAt(text, i, "set-cookie")
                || Ascii.matchesAt(text, i, "location");
    }

    /**
     * A form body's last field often ends with the body's own line break ({@code a=1&b\n}); that
     * alone injects nothing.
     */
    private static boolean onlyTrailingLineBreaks(String text) {
        int first = firstLineBreak(text);
        for (int i = first; i < text.length(); i++) {
            if (text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLineBreak(String text) {
        return firstLineBreak(text) >= 0;
    }

    private static int firstLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return -1;
    }
}
