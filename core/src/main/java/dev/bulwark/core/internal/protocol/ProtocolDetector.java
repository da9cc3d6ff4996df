package dev.bulwark.core.internal.protocol;

import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RequestDetector;
import dev.bulwark.core.internal.rules.RequestSink;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.Text;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Request-level checks (keys {@code PROTOCOL} and {@code HPP}): framing that front ends and back
 * ends may read differently (request smuggling), content types that make parsers disagree, what
 * the decoder found in the values, and HTTP parameter pollution.
 *
 * <p>Unlike the detectors, these rules see the whole request and all of its decoded values at once;
 * findings carry no excerpt (offset 0, length 0). Values are judged by the {@link DecodingFlag}s
 * the engine recorded, never decoded again here.
 *
 * <p>Parameter pollution: a name sent twice within one source is normal for multi-valued fields
 * ({@code color=red&color=blue}). At STANDARD level only names that carry security decisions
 * (CSRF tokens, user and role identifiers, amounts, redirect and OAuth parameters) count, and only
 * when the copies differ; at STRICT level any repeated name whose copies differ in the kinds of
 * characters they contain (one holds punctuation the other does not).
 *
 * @see <a href="https://portswigger.net/web-security/request-smuggling">Request smuggling</a>
 * @see <a href="https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/04-Testing_for_HTTP_Parameter_Pollution">OWASP WSTG: HTTP Parameter Pollution</a>
 */
public final class ProtocolDetector implements RequestDetector {

    private static final String[] KNOWN_METHODS = {
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PROPFIND", "PROPPATCH",
        "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT", "MKCALENDAR", "ACL", "QUERY",
    };

    /** Parameter names that carry security decisions, lower case. */
    private static final Lexicon SENSITIVE_PARAMETERS = Lexicon.of(
            "csrf", "_csrf", "csrf_token", "csrftoken", "csrfmiddlewaretoken", "authenticity_token", "_token", "xsrf",
            "_xsrf", "xsrf_token", "token", "access_token", "id_token", "user", "username", "userid", "user_id", "uid",
            "account", "account_id", "accountid", "password", "pass", "pwd", "role", "admin", "is_admin", "isadmin",
            "amount", "price", "total", "currency", "redirect", "redirect_uri", "redirect_url", "returnurl", "return_to",
            "return_url", "next", "callback", "client_id", "response_type", "grant_type", "state", "code", "_method");

    /** Canonical charset names that exist to hide content from ASCII-based inspection. */
    private static final String[] EVASIVE_CHARSET_PREFIXES = {"utf-7", "utf-16", "utf-32", "x-utf-16", "x-utf-32",
        "ibm", "x-ibm", "cp0", "ebcdic", "x-ebcdic", "jis_c6220"};

    private static final int MAX_RANGES = 5;

    /** The 32 ASCII punctuation characters, each its own character class. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** Every rule these checks can report. */
    @Override
    public List<RuleDefinition> rules() {
        return ProtocolRules.ALL;
    }

    /**
     * Checks one request and its decoded values.
     *
     * @param request the request as received
     * @param values every value the engine extracted and decoded, with its flags
     * @param sink receives findings; offset and length are 0
     */
    @Override
    public void inspect(HttpRequest request, List<RequestValue> values, RequestSink sink) {
        checkMethod(request.method(), sink);
        checkFraming(request, sink);
        checkContentType(request.headers(), sink);
        checkRange(request.headers(), sink);
        checkCookies(request.headers(), sink);
        checkFlags(values, sink);
        checkParameterNames(values, sink);
        checkPollution(values, sink);
    }

    private static void checkMethod(String method, DetectionSink sink) {
        if (method.isEmpty() || method.length() > 32) {
            sink.report(ProtocolRules.INVALID_METHOD, 0, 0);
            return;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            // methods in use are letters with "-" or "_" (VERSION-CONTROL); other token characters
            // such as "|" only serve to confuse parsers
            if (!Ascii.isAlnum(c) && c != '-' && c != '_') {
                sink.report(ProtocolRules.INVALID_METHOD, 0, 0);
                return;
            }
        }
        for (String known : KNOWN_METHODS) {
            if (known.equals(method)) {
                return;
            }
        }
        sink.report(ProtocolRules.UNKNOWN_METHOD, 0, 0);
    }

    private static void checkFraming(HttpRequest request, DetectionSink sink) {
        Headers headers = request.headers();
        List<String> lengths = headers.values("content-length");
        List<String> encodings = headers.values("transfer-encoding");
        if (!lengths.isEmpty() && !encodings.isEmpty()) {
            sink.report(ProtocolRules.CONTENT_LENGTH_WITH_TRANSFER_ENCODING, 0, 0);
        }
        long declaredLength = checkContentLength(lengths, sink);
        if (!encodings.isEmpty() && !isSingleChunked(encodings)) {
            sink.report(ProtocolRules.TRANSFER_ENCODING, 0, 0);
        }
        if (headers.count("host") > 1) {
            sink.report(ProtocolRules.DUPLICATE_HOST, 0, 0);
        }
        String method = request.method();
        if (("GET".equals(method) || "HEAD".equals(method))
                && (request.bodyLength() > 0 || declaredLength > 0 || !encodings.isEmpty())) {
            String mediaType = request.mediaType();
            boolean form = mediaType != null
                    && (mediaType.equals("application/x-www-form-urlencoded") || mediaType.startsWith("multipart/"));
            sink.report(form || "HEAD".equals(method)
                    ? ProtocolRules.FORM_BODY_WITHOUT_SEMANTICS : ProtocolRules.BODY_WITHOUT_SEMANTICS, 0, 0);
        }
    }

    /** Reports bad or repeated Content-Length fields; returns the declared length, or -1. */
    private static long checkContentLength(List<String> lengths, DetectionSink sink) {
        if (lengths.isEmpty()) {
            return -1;
        }
        long first = -1;
        int count = 0;
        for (String field : lengths) {
            int start = 0;
            for (int i = 0; i <= field.length(); i++) {
                if (i < field.length() && field.charAt(i) != ',') {
                    continue;
                }
                long value = parseLength(field, start, i);
                if (value < 0) {
                    sink.report(ProtocolRules.INVALID_CONTENT_LENGTH, 0, 0);
                    return -1;
                }
                if (count > 0 && value != first) {
                    sink.report(ProtocolRules.INVALID_CONTENT_LENGTH, 0, 0);
                    return -1;
                }
                first = value;
                count++;
                start = i + 1;
            }
        }
        if (count > 1) {
            sink.report(ProtocolRules.DUPLICATE_CONTENT_LENGTH, 0, 0);
        }
        return first;
    }

    private static long parseLength(String field, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && (field.charAt(s) == ' ' || field.charAt(s) == '\t')) {
            s++;
        }
        while (e > s && (field.charAt(e - 1) == ' ' || field.charAt(e - 1) == '\t')) {
            e--;
        }
        if (s == e || e - s > 18) {
            return -1;
        }
        long value = 0;
        for (int i = s; i < e; i++) {
            char c = field.charAt(i);
            if (!Ascii.isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isSingleChunked(List<String> encodings) {
        if (encodings.size() != 1) {
            return false;
        }
        String value = encodings.get(0).trim();
        return value.equalsIgnoreCase("chunked");
    }

    // ---- Content-Type ----------------------------------------------------------------------

    private static void checkContentType(Headers headers, DetectionSink sink) {
        int count = headers.count("content-type");
        if (count == 0) {
            return;
        }
        if (count > 1) {
            sink.report(ProtocolRules.DUPLICATE_CONTENT_TYPE, 0, 0);
            return;
        }
        String value = headers.first("content-type");
        int length = value.length();
        int i = Text.skipBlanks(value, 0);
        int typeStart = i;
        while (i < length && Text.isTokenChar(value.charAt(i))) {
            i++;
        }
        int typeEnd = i;
        if (typeEnd == typeStart || i >= length || value.charAt(i) != '/') {
            sink.report(ProtocolRules.INVALID_CONTENT_TYPE, 0, 0);
            return;
        }
        i++;
        int subtypeStart = i;
        while (i < length && Text.isTokenChar(value.charAt(i))) {
            i++;
        }
        if (i == subtypeStart) {
            sink.report(ProtocolRules.INVALID_CONTENT_TYPE, 0, 0);
            return;
        }
        boolean multipart = Ascii.rangeEquals(value, typeStart, typeEnd, "multipart");
        int charsets = 0;
        while (true) {
            i = Text.skipBlanks(value, i);
            if (i >= length) {
                break;
            }
            if (value.charAt(i) != ';') {
                sink.report(ProtocolRules.INVALID_CONTENT_TYPE, 0, 0);
                return;
            }
            i = Text.skipBlanks(value, i + 1);
            if (i >= length) {
                break;
            }
            int nameStart = i;
            while (i < length && Text.isTokenChar(value.charAt(i)) && value.charAt(i) != '=') {
                i++;
            }
            int nameEnd = i;
            if (nameEnd == nameStart || i >= length || value.charAt(i) != '=') {
                sink.report(ProtocolRules.INVALID_CONTENT_TYPE, 0, 0);
                return;
            }
            i++;
            boolean boundary = Ascii.rangeEquals(value, nameStart, nameEnd, "boundary");
            int valueStart;
            int valueEnd;
            if (i < length && value.charAt(i) == '"') {
                valueStart = i + 1;
                int close = closingQuote(value, valueStart);
                if (close < 0) {
                    sink.report(ProtocolRules.INVALID_CONTENT_TYPE, 0, 0);
                    return;
                }
                valueEnd = close;
                i = close + 1;
            } else {
                valueStart = i;
                // "/" is not a token character, but clients send media types unquoted
                while (i < length && (Text.isTokenChar(value.charAt(i)) || value.charAt(i) == '/'
                        || (boundary && isBoundaryChar(value.charAt(i))))) {
                    i++;
                }
                valueEnd = i;
                if (valueEnd == valueStart) {
                    sink.report(ProtocolRules.INVALID_CONTENT_TYPE, 0, 0);
                    return;
                }
            }
            if (boundary && !multipart) {
                sink.report(ProtocolRules.CONTENT_TYPE_CONFUSION, 0, 0);
                return;
            }
            if (!multipart && isMediaType(value, valueStart, valueEnd)) {
                sink.report(ProtocolRules.CONTENT_TYPE_CONFUSION, 0, 0);
                return;
            }
            if (Ascii.rangeEquals(value, nameStart, nameEnd, "charset")) {
                charsets++;
                if (charsets > 1 || !isAcceptableCharset(value, valueStart, valueEnd)) {
                    sink.report(ProtocolRules.CHARSET, 0, 0);
                    return;
                }
            }
        }
    }

    private static int closingQuote(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** RFC 2046 boundary characters beyond token characters, accepted unquoted as clients send them. */
    private static boolean isBoundaryChar(char c) {
        return c == '(' || c == ')' || c == ',' || c == '/' || c == ':' || c == '=' || c == '?';
    }

    /** {@code type/subtype} made of token characters. */
    private static boolean isMediaType(String value, int start, int end) {
        int slash = -1;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c == '/') {
                if (slash >= 0) {
                    return false;
                }
                slash = i;
            } else if (!Text.isTokenChar(c)) {
                return false;
            }
        }
        return slash > start && slash < end - 1;
    }

    private static boolean isAcceptableCharset(String value, int start, int end) {
        int s = start;
        int e = end;
        if (e - s >= 2 && value.charAt(s) == '\'' && value.charAt(e - 1) == '\'') {
            s++;
            e--;
        }
        String name = value.substring(s, e);
        Charset charset;
        try {
            if (!Charset.isSupported(name)) {
                return false;
            }
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException e1) {
            return false;
        }
        String canonical = charset.name().toLowerCase(Locale.ROOT);
        for (String prefix : EVASIVE_CHARSET_PREFIXES) {
            if (canonical.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    // ---- other headers ---------------------------------------------------------------------

    private static void checkRange(Headers headers, DetectionSink sink) {
        String range = headers.first("range");
        if (range == null) {
            return;
        }
        int i = Text.skipBlanks(range, 0);
        if (!Ascii.matchesAt(range, i, "bytes")) {
            sink.report(ProtocolRules.INVALID_RANGE, 0, 0);
            return;
        }
        i = Text.skipBlanks(range, i + 5);
        if (i >= range.length() || range.charAt(i) != '=') {
            sink.report(ProtocolRules.INVALID_RANGE, 0, 0);
            return;
        }
        i++;
        int ranges = 0;
        int length = range.length();
        while (i <= length) {
            i = Text.skipBlanks(range, i);
            int firstStart = i;
            while (i < length && Ascii.isDigit(range.charAt(i))) {
                i++;
            }
            boolean hasFirst = i > firstStart;
            if (i >= length || range.charAt(i) != '-') {
                sink.report(ProtocolRules.INVALID_RANGE, 0, 0);
                return;
            }
            i++;
            int lastStart = i;
            while (i < length && Ascii.isDigit(range.charAt(i))) {
                i++;
            }
            if (!hasFirst && i == lastStart) {
                sink.report(ProtocolRules.INVALID_RANGE, 0, 0);
                return;
            }
            ranges++;
            i = Text.skipBlanks(range, i);
            if (i >= length) {
                break;
            }
            if (range.charAt(i) != ',') {
                sink.report(ProtocolRules.INVALID_RANGE, 0, 0);
                return;
            }
            i++;
        }
        if (ranges > MAX_RANGES) {
            sink.report(ProtocolRules.MANY_RANGES, 0, 0);
        }
    }

    private static void checkCookies(Headers headers, DetectionSink sink) {
        for (String cookie : headers.values("cookie")) {
            int i = Text.skipBlanks(cookie, 0);
            if (Ascii.matchesAt(cookie, i, "$version")) {
                sink.report(ProtocolRules.LEGACY_COOKIE, 0, 0);
                return;
            }
        }
    }

    // ---- decoded values --------------------------------------------------------------------

    /**
     * Reports the decoding flags of the values, each rule in the first value that carries its flag,
     * so that the finding names where it is (the part, the parameter). Rules in order of severity.
     */
    private static void checkFlags(List<RequestValue> values, RequestSink sink) {
        // Made for the first value with flags: most requests have none.
        RequestValue[] first = null;
        for (int v = 0, size = values.size(); v < size; v++) {
            RequestValue value = values.get(v);
            if (value.flags().isEmpty()) {
                continue;
            }
            if (first == null) {
                first = new RequestValue[FLAG_RULES.length];
            }
            for (int i = 0; i < FLAG_RULES.length; i++) {
                if (first[i] == null && value.hasFlag(FLAGS[i])) {
                    first[i] = value;
                }
            }
        }
        if (first == null) {
            return;
        }
        for (int i = 0; i < FLAG_RULES.length; i++) {
            if (first[i] != null) {
                sink.reportIn(FLAG_RULES[i], first[i]);
            }
        }
    }

    /** The decoding flags that are findings, in the order they are reported; {@link #FLAG_RULES} name them. */
    private static final DecodingFlag[] FLAGS = {DecodingFlag.OVERLONG_UTF8, DecodingFlag.PATH_ABOVE_ROOT,
        DecodingFlag.NUL_BYTE, DecodingFlag.ENCODING_DEPTH_EXCEEDED, DecodingFlag.CONTROL_CHARACTER,
        DecodingFlag.INVALID_UTF8, DecodingFlag.MULTIPLE_ENCODING, DecodingFlag.INVALID_PERCENT_ENCODING};
    private static final RuleDefinition[] FLAG_RULES = {ProtocolRules.OVERLONG_UTF8, ProtocolRules.PATH_ABOVE_ROOT,
        ProtocolRules.NUL_BYTE, ProtocolRules.ENCODING_DEPTH, ProtocolRules.CONTROL_CHARACTER,
        ProtocolRules.INVALID_UTF8, ProtocolRules.MULTIPLE_ENCODING, ProtocolRules.INVALID_PERCENT_ENCODING};

    /** {@code foo[1]a=}: text after a closing bracket that does not open another index. */
    private static void checkParameterNames(List<RequestValue> values, DetectionSink sink) {
        boolean array = false;
        for (int v = 0, size = values.size(); v < size; v++) {
            RequestValue value = values.get(v);
            Source source = value.location().source();
            if (value.location().component() != Component.NAME || !source.isParameter()) {
                continue;
            }
            String name = value.decoded();
            int open = name.indexOf('[');
            if (open <= 0) {
                continue;
            }
            int close = name.indexOf(']', open);
            if (close < 0) {
                continue;
            }
            array = true;
            int i = close + 1;
            while (i < name.length()) {
                if (name.charAt(i) != '[') {
                    sink.report(ProtocolRules.MALFORMED_ARRAY_NAME, 0, 0);
                    return;
                }
                int next = name.indexOf(']', i);
                if (next < 0) {
                    break;
                }
                i = next + 1;
            }
        }
        if (array) {
            sink.report(ProtocolRules.ARRAY_NAME, 0, 0);
        }
    }

    /**
     * Parameter names a request may have before {@link #checkPollution} keeps the first value of
     * each in maps rather than comparing names one by one (at most 16 comparisons a value); most
     * requests have a few.
     */
    static final int FEW_PARAMETERS = 16;

    /**
     * Reports a parameter repeated with another value: each value is compared with the first of
     * the same source and name.
     */
    private static void checkPollution(List<RequestValue> values, DetectionSink sink) {
        FirstValues firsts = null;
        boolean weak = false;
        for (int i = 0, size = values.size(); i < size; i++) {
            RequestValue value = values.get(i);
            if (!isParameterValue(value)) {
                continue;
            }
            if (firsts == null) {
                firsts = new FirstValues();
            }
            RequestValue earlier = firsts.putIfAbsent(value);
            if (earlier == null) {
                continue;
            }
            Repeat verdict = compareRepeated(earlier, value);
            if (verdict == Repeat.SENSITIVE) {
                sink.report(ProtocolRules.DUPLICATE_SENSITIVE_PARAMETER, 0, 0);
                return;
            }
            weak |= verdict == Repeat.WEAK;
        }
        if (weak) {
            sink.report(ProtocolRules.DUPLICATE_PARAMETER, 0, 0);
        }
    }

    /**
     * The first value of each parameter name per source: up to {@link #FEW_PARAMETERS} names in
     * an array searched in order, more in maps by name. Maps per source, by name: no key string is
     * built per value, and String keys keep a map of colliding names (crafted to share a hash)
     * logarithmic per lookup.
     */
    private static final class FirstValues {

        private final RequestValue[] few = new RequestValue[FEW_PARAMETERS];
        private int count;
        private Map<Source, Map<String, RequestValue>> many;

        /** The first value of the source and name of {@code value}, or {@code null} when it is the first. */
        RequestValue putIfAbsent(RequestValue value) {
            if (many == null) {
                Location location = value.location();
                for (int i = 0; i < count; i++) {
                    Location earlier = few[i].location();
                    if (earlier.source() == location.source() && earlier.name().equals(location.name())) {
                        return few[i];
                    }
                }
                if (count < FEW_PARAMETERS) {
                    few[count++] = value;
                    return null;
                }
                many = new EnumMap<>(Source.class);
                for (int i = 0; i < count; i++) {
                    byName(few[i]).put(few[i].location().name(), few[i]);
                }
            }
            return byName(value).putIfAbsent(value.location().name(), value);
        }

        private Map<String, RequestValue> byName(RequestValue value) {
            return many.computeIfAbsent(value.location().source(), s -> new HashMap<>());
        }
    }

    private static boolean isParameterValue(RequestValue value) {
        return value.location().component() == Component.VALUE && value.location().source().isParameter();
    }

    /** What a parameter repeated with another value says. */
    private enum Repeat {
        /** The same value, or another one of the same character classes. */
        HARMLESS,
        /** Another value of other character classes than the first. */
        WEAK,
        /** Another value of a sensitive name. */
        SENSITIVE
    }

    /** What a parameter repeated after {@code first} with the value of {@code repeat} says. */
    private static Repeat compareRepeated(RequestValue first, RequestValue repeat) {
        if (first.decoded().equals(repeat.decoded())) {
            return Repeat.HARMLESS;
        }
        if (SENSITIVE_PARAMETERS.contains(repeat.location().name())) {
            return Repeat.SENSITIVE;
        }
        return characterClasses(first.decoded()) != characterClasses(repeat.decoded()) ? Repeat.WEAK : Repeat.HARMLESS;
    }

    /**
     * A bit per kind of character: letters, digits, white space, and each ASCII punctuation
     * character separately; other characters share one bit.
     */
    private static long characterClasses(String text) {
        long classes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Ascii.isLetter(c)) {
                classes |= 1L;
            } else if (Ascii.isDigit(c)) {
                classes |= 1L << 1;
            } else if (Ascii.isAsciiSpace(c)) {
                classes |= 1L << 2;
            } else if (c > 0x20 && c < 0x7F) {
                classes |= 1L << (3 + PUNCTUATION.indexOf(c));
            } else {
                classes |= 1L << 63;
            }
        }
        return classes;
    }
}
